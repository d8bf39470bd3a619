package dev.fwdocs.plugin.rules.ufw;

import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.rules.BackendFacts;
import dev.fwdocs.plugin.rules.RolePlan;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The ufw backend: per role, a script of {@code ufw allow} commands, each carrying the comment
 * {@code fwdocs <product> <role> <rule> <in|out> <proto>/<port> <address>} so that a new run replaces exactly the
 * rules of an earlier one and undo deletes exactly the rules the script added.
 */
public final class UfwBackend implements RuleBackend {

    /** The backend id, also its display name. */
    static final String ID = "ufw";

    /**
     * The inbound ICMP types ufw's stock {@code before.rules} / {@code before6.rules} accept from any address; ufw's
     * command line cannot add ICMP rules, so only these can be "opened" (they already are).
     */
    static final Set<IcmpType> DEFAULT_INBOUND_ICMP = EnumSet.of(
            IcmpType.DESTINATION_UNREACHABLE_V4, IcmpType.TIME_EXCEEDED_V4, IcmpType.PARAMETER_PROBLEM_V4,
            IcmpType.ECHO_REQUEST_V4,
            IcmpType.DESTINATION_UNREACHABLE_V6, IcmpType.PACKET_TOO_BIG_V6, IcmpType.TIME_EXCEEDED_V6,
            IcmpType.PARAMETER_PROBLEM_V6, IcmpType.ECHO_REQUEST_V6, IcmpType.ECHO_REPLY_V6,
            IcmpType.ROUTER_SOLICITATION_V6, IcmpType.ROUTER_ADVERTISEMENT_V6, IcmpType.NEIGHBOR_SOLICITATION_V6,
            IcmpType.NEIGHBOR_ADVERTISEMENT_V6);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return ID;
    }

    @Override
    public List<Diagnostic> unsupported(VersionModel model) {
        ResolvedVersion version = model.resolved();
        List<Diagnostic> out = new ArrayList<>();
        for (ResolvedRule r : version.rules()) {
            boolean inbound = r.to().stream().anyMatch(p -> p instanceof Peer.RolePeer);
            if (!inbound) {
                continue;
            }
            for (IcmpType t : r.rule().icmpTypes()) {
                if (!DEFAULT_INBOUND_ICMP.contains(t)) {
                    out.add(Diagnostic.warning(r.rule().location(), "rule " + r.id() + ": ufw's command line cannot"
                            + " express ICMP, and the default ufw before" + (t.protocol() == Protocol.ICMP ? "" : "6")
                            + ".rules do not accept " + t.protocol().label() + " " + t.catalogName()
                            + "; the ufw script does not open it and says so when it runs"));
                }
            }
        }
        return out;
    }

    @Override
    public BackendFacts facts() {
        return FACTS;
    }

    private static final BackendFacts FACTS = new BackendFacts("sudo ufw status verbose",
            List.of(new BackendFacts.DefaultTab(10, "ubuntu-debian", "Ubuntu / Debian")),
            EnumSet.of(Protocol.TCP, Protocol.UDP, Protocol.ICMP, Protocol.ICMPV6));

    @Override
    public RolePlan plan(VersionModel version, RoleModel role) {
        return UfwPlan.of(version, role);
    }

    static String tag(ResolvedVersion version, RoleView role) {
        return "fwdocs " + version.catalog().product().id() + " " + role.role().id();
    }
}
