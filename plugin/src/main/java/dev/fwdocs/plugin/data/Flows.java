package dev.fwdocs.plugin.data;

import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.Rule;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.plugin.model.VersionModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The flows of one version as the data export's CSV lists them. A flow is one protocol of one rule from one
 * {@code from} peer to one {@code to} peer, seen by the firewall of one role: {@code inbound} when the {@code to}
 * peer is a role (its firewall accepts the flow), {@code outbound} when the {@code from} peer is a role (it opens the
 * connection). A flow between two roles is therefore two rows; one between addresses and {@code any} only is none
 * (no firewall of the product sees it).
 */
public final class Flows {

    /** The header row, in column order. */
    public static final List<String> HEADER = List.of("product", "version", "rule", "protocol", "ports",
            "icmp_types", "from", "from_kind", "to", "to_kind", "direction", "optional", "configurable_setting");

    private Flows() {
    }

    /** One row: ports and ICMP types are space-separated lists, empty where the protocol has none. */
    public record Flow(String product, String version, String rule, String protocol, String ports, String icmpTypes,
            String from, String fromKind, String to, String toKind, String direction, boolean optional,
            String configurableSetting) {
        public Flow {
            Objects.requireNonNull(product, "product");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(direction, "direction");
            configurableSetting = configurableSetting == null ? "" : configurableSetting;
        }

        /** The cells of the row, in {@link #HEADER} order. */
        public List<String> cells() {
            return List.of(product, version, rule, protocol, ports, icmpTypes, from, fromKind, to, toKind, direction,
                    Boolean.toString(optional), configurableSetting);
        }
    }

    /**
     * Every flow of the version: rules in catalog order, then their protocols, then the inbound rows ({@code to}
     * roles in order, each with every {@code from} peer), then the outbound rows ({@code from} roles, each with every
     * {@code to} peer).
     */
    public static List<Flow> of(VersionModel v) {
        List<Flow> out = new ArrayList<>();
        for (ResolvedRule r : v.resolved().rules()) {
            Rule rule = r.rule();
            for (Protocol p : rule.protocols()) {
                String ports = p.isIcmp() ? "" : rule.ports().stream().map(PortRange::toString)
                        .collect(Collectors.joining(" "));
                String types = rule.icmpTypes(p).stream().map(IcmpType::catalogName).collect(Collectors.joining(" "));
                for (boolean inbound : new boolean[] {true, false}) {
                    for (Peer self : inbound ? r.to() : r.from()) {
                        if (!(self instanceof Peer.RolePeer)) {
                            continue;
                        }
                        for (Peer other : inbound ? r.from() : r.to()) {
                            Peer from = inbound ? other : self;
                            Peer to = inbound ? self : other;
                            out.add(new Flow(v.productId(), v.version(), rule.id(), p.id(), ports, types, from.id(),
                                    VersionData.kind(from), to.id(), VersionData.kind(to),
                                    inbound ? "inbound" : "outbound", rule.optional(),
                                    rule.configurable() == null ? null : rule.configurable().setting()));
                        }
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** RFC 4180 CSV: UTF-8, a header row, CRLF after every row, fields quoted when they hold , " CR or LF. */
    public static String csv(List<Flow> flows) {
        StringBuilder sb = new StringBuilder();
        row(sb, HEADER);
        flows.forEach(f -> row(sb, f.cells()));
        return sb.toString();
    }

    private static void row(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (i > 0) {
                sb.append(',');
            }
            if (c.contains(",") || c.contains("\"") || c.contains("\r") || c.contains("\n")) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        sb.append("\r\n");
    }
}
