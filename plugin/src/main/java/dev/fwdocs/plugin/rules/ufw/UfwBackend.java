package dev.fwdocs.plugin.rules.ufw;

import dev.fwdocs.plugin.rules.shell.ShellText;
import dev.fwdocs.plugin.rules.shell.Sh;
import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.rules.BackendFacts;
import dev.fwdocs.plugin.rules.PageCommands;
import dev.fwdocs.plugin.rules.PrintedPlan;
import dev.fwdocs.plugin.rules.RolePlan;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.RuleBackend;
import dev.fwdocs.plugin.rules.ScriptResources;
import dev.fwdocs.plugin.rules.ShellScript;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ufw backend: per role, a script of {@code ufw allow} commands, each carrying the comment
 * {@code fwdocs <product> <role> <rule> <in|out> <proto>/<port> <address>} so that a new run replaces exactly the
 * rules of an earlier one and undo deletes exactly the rules the script added.
 */
public final class UfwBackend implements RuleBackend {

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
        return "ufw";
    }

    @Override
    public String displayName() {
        return "ufw";
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
        return new PrintedPlan(render(version, role),
                PageCommands.of(commands(version.resolved(), role.view())));
    }

    private List<GeneratedFile> render(VersionModel model, RoleModel roleModel) {
        ResolvedVersion version = model.resolved();
        RoleView role = roleModel.view();
        ShellScript.Spec spec = new ShellScript.Spec(id(), displayName(), model, roleModel, List.of(
                "Each rule is added with ufw allow and the comment " + tag(version, role)
                        + " <rule> <in|out> <proto>/<port> <address>; --undo deletes the rules that carry that"
                        + " comment and nothing else.",
                "Run again with other addresses or ports, it deletes its rules that are no longer wanted, then adds"
                        + " the new ones, and leaves the rules that are already right as they are.",
                "ufw must be installed and active (ufw enable). ICMP is not a ufw command: the script says which"
                        + " ICMP types the ufw before.rules already accept and which it cannot open."));
        return List.of(GeneratedFile.script(ShellScript.fileName(id()), ShellScript.script(spec, body(version, role))));
    }

    static String tag(ResolvedVersion version, RoleView role) {
        return "fwdocs " + version.catalog().product().id() + " " + role.role().id();
    }

    private static final String FUNCTIONS = ScriptResources.text(UfwBackend.class, "functions.sh");

    String body(ResolvedVersion version, RoleView role) {
        StringBuilder b = new StringBuilder();
        b.append("FWDOCS_TAG=").append(Sh.quote(tag(version, role))).append("\n\n");
        b.append(FUNCTIONS);
        b.append("fwdocs_apply() {\n");
        int before = b.length();
        Set<String> done = new LinkedHashSet<>();
        for (ResolvedRule r : role.inbound()) {
            rule(b, done, r, true);
        }
        for (ResolvedRule r : role.outbound()) {
            rule(b, done, r, false);
        }
        if (b.length() == before) {
            b.append("\tfwdocs_say 'this role has no rules in this version; nothing to open'\n");
        }
        // always: rules of an earlier run (other addresses, ports or catalog version) go even when none is wanted
        b.append("\tfwdocs_converge\n");
        b.append("}\n");
        return b.toString();
    }

    private static void rule(StringBuilder b, Set<String> done, ResolvedRule r, boolean inbound) {
        String dir = inbound ? "in" : "out";
        List<Peer> peers = inbound ? r.sources() : r.to();
        b.append("\t# ").append(r.id()).append(" (").append(inbound ? "inbound" : "outbound").append("): ")
                .append(ShellText.line(r.rule().name(), 120)).append('\n');
        for (Protocol p : r.rule().portProtocols()) {
            if (p == Protocol.SCTP) {
                b.append("\tfwdocs_note ").append(Sh.quote("rule " + r.id() + ": NOT opened: ufw cannot"
                        + " express SCTP (" + ports(r) + "); open it by other means")).append('\n');
                continue;
            }
            for (PortRange range : r.rule().ports()) {
                String port = ShellScript.portText(r.rule(), range, ":");
                String portWord = port.startsWith("$") ? "\"" + port + "\"" : port;
                for (Peer peer : peers) {
                    for (int family : new int[] {4, 6}) {
                        Optional<String> words = ShellScript.addressWords(peer, family);
                        if (words.isEmpty()) {
                            continue;
                        }
                        String key = family + " " + dir + " " + p.id() + " " + port + " " + words.get();
                        if (!done.add(key)) {
                            continue;
                        }
                        String call = "fwdocs_ufw_rule " + family + " " + r.id() + " " + dir + " " + p.id() + " "
                                + portWord + " ";
                        if (words.get().startsWith("$")) {
                            b.append("\tfor fwdocs_a in ").append(words.get()).append("; do\n");
                            b.append("\t\t").append(call).append("\"$fwdocs_a\"\n");
                            b.append("\tdone\n");
                        } else {
                            for (String w : words.get().split(" ")) {
                                b.append('\t').append(call).append(w).append('\n');
                            }
                        }
                    }
                }
            }
        }
        for (IcmpType t : r.rule().icmpTypes()) {
            String what = t.protocol().label() + " " + t.catalogName();
            String text;
            if (!inbound) {
                text = "rule " + r.id() + ": outbound " + what + " is not a ufw command; it passes while the default"
                        + " outgoing policy of ufw is allow (ufw default allow outgoing)";
            } else if (DEFAULT_INBOUND_ICMP.contains(t)) {
                boolean anyOnly = peers.stream().allMatch(x -> x instanceof Peer.Any);
                text = "rule " + r.id() + ": " + what + " is accepted by the default ufw /etc/ufw/before"
                        + (t.protocol() == Protocol.ICMP ? "" : "6") + ".rules"
                        + (anyOnly ? "" : " from any address (the ufw command line cannot limit ICMP to sources)");
            } else {
                text = "rule " + r.id() + ": NOT opened: " + what + " (the ufw command line cannot express ICMP; add an"
                        + " ACCEPT line for it to /etc/ufw/before" + (t.protocol() == Protocol.ICMP ? "" : "6")
                        + ".rules)";
            }
            b.append("\tfwdocs_note ").append(Sh.quote(ShellText.line(text, 400))).append('\n');
        }
    }

    private static String ports(ResolvedRule r) {
        return String.join(",", r.rule().ports().stream().map(PortRange::toString).toList());
    }

    private String commands(ResolvedVersion version, RoleView role) {
        String tag = tag(version, role);
        Set<String> lines = new LinkedHashSet<>();
        for (ResolvedRule r : role.inbound()) {
            for (Protocol p : r.rule().portProtocols()) {
                if (p == Protocol.SCTP) {
                    lines.add("# " + r.id() + ": SCTP " + ports(r) + " cannot be opened with ufw");
                    continue;
                }
                for (PortRange range : r.rule().ports()) {
                    String port = range.format(":");
                    for (Peer peer : r.sources()) {
                        String comment = " comment " + Sh.quote(tag + " " + r.id());
                        if (peer instanceof Peer.AddressPeer ap) {
                            for (var c : ap.address().cidrs().stream().sorted().toList()) {
                                lines.add("ufw allow proto " + p.id() + " from " + c + " to any port " + port + comment);
                            }
                        } else {
                            // a role's addresses are given to the script; the short form opens the port to any address
                            lines.add("ufw allow proto " + p.id() + " from any to any port " + port + comment);
                        }
                    }
                }
            }
            for (IcmpType t : r.rule().icmpTypes()) {
                lines.add("# " + r.id() + ": " + t.protocol().label() + " " + t.catalogName()
                        + (DEFAULT_INBOUND_ICMP.contains(t) ? " is accepted by ufw's default before.rules"
                                : " cannot be opened with ufw commands (edit /etc/ufw/before.rules)"));
            }
        }
        if (lines.isEmpty()) {
            return "# no inbound ports for this role\n";
        }
        return String.join("\n", lines) + "\n";
    }
}
