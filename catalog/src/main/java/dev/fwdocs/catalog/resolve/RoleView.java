package dev.fwdocs.catalog.resolve;

import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.Role;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One role in one version: the rules it must accept (inbound: the role is in {@code to}) and the rules it uses to
 * reach others (outbound: the role is in {@code from}), both in catalog order.
 */
public record RoleView(Role role, List<ResolvedRule> inbound, List<ResolvedRule> outbound) {

    public RoleView {
        inbound = List.copyOf(inbound);
        outbound = List.copyOf(outbound);
    }

    /** Inbound ports per protocol (TCP, UDP, SCTP), in first-seen order without repeats: one row of the role matrix. */
    public Map<Protocol, List<PortRange>> inboundPorts() {
        return ports(inbound);
    }

    /** Outbound ports per protocol, in first-seen order without repeats. */
    public Map<Protocol, List<PortRange>> outboundPorts() {
        return ports(outbound);
    }

    private static Map<Protocol, List<PortRange>> ports(List<ResolvedRule> rules) {
        Map<Protocol, List<PortRange>> out = new EnumMap<>(Protocol.class);
        for (ResolvedRule r : rules) {
            for (Protocol p : r.rule().portProtocols()) {
                List<PortRange> list = out.computeIfAbsent(p, k -> new ArrayList<>());
                for (PortRange range : r.rule().ports()) {
                    if (!list.contains(range)) {
                        list.add(range);
                    }
                }
            }
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return out;
    }
}
