package dev.fwdocs.plugin.rules.iptables;

import dev.fwdocs.plugin.rules.shell.ShellText;
import dev.fwdocs.plugin.rules.shell.Sh;
import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.Rule;
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
import dev.fwdocs.plugin.rules.ShellScript;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * iptables + ip6tables: a dedicated chain per product, role and direction holding only accepts, filled atomically with
 * {@code iptables-restore --noflush}, and one jump to it at the top of INPUT / OUTPUT. Uses only features that
 * iptables-nft and iptables-legacy both have.
 */
public final class IptablesBackend implements RuleBackend {

    /** At most 15 ports per multiport match; a range takes two. */
    public static final int MULTIPORT_SLOTS = 15;

    private static final List<String> ABOUT = List.of(
            "It creates its own chains for IPv4 (iptables) and IPv6 (ip6tables), holding only ACCEPT rules,",
            "fills them in one iptables-restore --noflush step (atomic), and inserts one jump to each at the top",
            "of INPUT (and OUTPUT when the role has outbound rules) unless the jump is already there.",
            "Running it again rebuilds only its own chains; --undo removes the jumps, then those chains.",
            "Nothing else is flushed or deleted, so rules of Docker, Kubernetes and others stay as they are.",
            "The chains only accept: they matter where the host policy (or a later rule) drops.");

    @Override
    public String id() {
        return "iptables";
    }

    @Override
    public String displayName() {
        return "iptables / ip6tables";
    }

    /** The chain of one product, role and direction ({@code IN} or {@code OUT}), at most 28 characters. */
    public static String chain(ResolvedVersion version, RoleView role, String direction) {
        // the same stem for both directions (room for "-OUT"), so that the IN and OUT chains read as a pair
        return ShellText.shortName("FWD-", List.of(version.catalog().product().id(), role.role().id()), "",
                ShellText.IPTABLES_CHAIN_CHARS - "-OUT".length()) + "-" + direction;
    }

    @Override
    public BackendFacts facts() {
        return FACTS;
    }

    private static final BackendFacts FACTS = new BackendFacts("sudo iptables -S\nsudo ip6tables -S",
            List.of(new BackendFacts.DefaultTab(31, "linux", "Any Linux")),
            EnumSet.allOf(Protocol.class));

    @Override
    public RolePlan plan(VersionModel version, RoleModel role) {
        return new PrintedPlan(render(version.resolved(), role.view()),
                PageCommands.of(commands(version.resolved(), role.view())));
    }

    private List<GeneratedFile> render(ResolvedVersion version, RoleView role) {
        String in = chain(version, role, "IN");
        String out = chain(version, role, "OUT");
        boolean hasIn = !role.inbound().isEmpty();
        boolean hasOut = !role.outbound().isEmpty();
        String product = version.catalog().product().id();
        String tag = ShellText.comment("fwdocs " + product + " " + role.role().id(),
                ShellText.IPTABLES_COMMENT_BYTES);

        StringBuilder b = new StringBuilder();
        b.append("# Prints one iptables-restore line that accepts: CHAIN -s|-d ADDRESS|any MATCH COMMENT.\n");
        b.append("fwdocs_accept() {\n");
        b.append("\tif [ \"$3\" = any ]; then\n");
        b.append("\t\tprintf -- '-A %s %s -m comment --comment \"%s\" -j ACCEPT\\n' \"$1\" \"$4\" \"$5\"\n");
        b.append("\telse\n");
        b.append("\t\tprintf -- '-A %s %s %s %s -m comment --comment \"%s\" -j ACCEPT\\n' \"$1\" \"$2\" \"$3\" \"$4\" \"$5\"\n");
        b.append("\tfi\n}\n\n");

        for (int family : new int[] {4, 6}) {
            b.append("# The IPv").append(family).append(" chains in iptables-restore form. Declaring a chain creates it")
                    .append(" or empties it,\n# so a second run replaces the rules instead of adding them again.\n");
            b.append("fwdocs_rules_v").append(family).append("() {\n");
            b.append("\tprintf '%s\\n' '*filter'");
            if (hasIn) {
                b.append(" ':").append(in).append(" - [0:0]'");
            }
            if (hasOut) {
                b.append(" ':").append(out).append(" - [0:0]'");
            }
            b.append('\n');
            if (hasIn) {
                body(b, family, in, "-s", role.inbound(), true);
                if (family == 6) {
                    neighbourDiscovery(b, in);
                }
            }
            if (hasOut) {
                body(b, family, out, "-d", role.outbound(), false);
                if (family == 6) {
                    neighbourDiscovery(b, out);
                }
            }
            b.append("\tprintf '%s\\n' COMMIT\n}\n\n");
        }

        b.append("fwdocs_check_backend() {\n");
        b.append("\tfor fwdocs_tool in iptables ip6tables iptables-restore ip6tables-restore; do\n");
        b.append("\t\tcommand -v \"$fwdocs_tool\" >/dev/null 2>&1 ||\n");
        b.append("\t\t\tfwdocs_fail 4 \"$fwdocs_tool not found: install iptables\"\n");
        b.append("\tdone\n");
        b.append("\tiptables -w -n -L INPUT >/dev/null 2>&1 ||\n");
        b.append("\t\tfwdocs_fail 4 \"iptables cannot read the filter table (no kernel support?)\"\n");
        b.append("\tip6tables -w -n -L INPUT >/dev/null 2>&1 ||\n");
        b.append("\t\tfwdocs_fail 4 \"ip6tables cannot read the filter table (IPv6 disabled or no kernel support?)\"\n");
        b.append("}\n\n");

        b.append("# fwdocs_jump TOOL BUILTIN CHAIN: inserts the jump at the top unless it is there already.\n");
        b.append("fwdocs_jump() {\n");
        b.append("\tif \"$1\" -w -C \"$2\" -m comment --comment ").append(Sh.quote(tag))
                .append(" -j \"$3\" >/dev/null 2>&1; then\n");
        b.append("\t\tfwdocs_say \"$1: $2 already jumps to $3\"\n");
        b.append("\telse\n");
        b.append("\t\tfwdocs_run \"$1\" -w -I \"$2\" 1 -m comment --comment ").append(Sh.quote(tag))
                .append(" -j \"$3\"\n");
        b.append("\tfi\n}\n\n");

        b.append("# fwdocs_unjump TOOL BUILTIN CHAIN: deletes every jump from BUILTIN to CHAIN.\n");
        b.append("fwdocs_unjump() {\n");
        b.append("\twhile \"$1\" -w -C \"$2\" -m comment --comment ").append(Sh.quote(tag))
                .append(" -j \"$3\" >/dev/null 2>&1; do\n");
        b.append("\t\tfwdocs_run \"$1\" -w -D \"$2\" -m comment --comment ").append(Sh.quote(tag))
                .append(" -j \"$3\"\n");
        b.append("\t\tif [ \"$fwdocs_dry_run\" = 1 ]; then\n\t\t\treturn 0\n\t\tfi\n");
        b.append("\tdone\n}\n\n");

        b.append("# fwdocs_drop_chain TOOL CHAIN: empties and deletes CHAIN if it exists (only our own chains).\n");
        b.append("fwdocs_drop_chain() {\n");
        b.append("\tif \"$1\" -w -n -L \"$2\" >/dev/null 2>&1; then\n");
        b.append("\t\tfwdocs_run \"$1\" -w -F \"$2\"\n");
        b.append("\t\tfwdocs_run \"$1\" -w -X \"$2\"\n");
        b.append("\telse\n");
        b.append("\t\tfwdocs_say \"$1: no chain $2, nothing to remove\"\n");
        b.append("\tfi\n}\n\n");

        b.append("fwdocs_apply() {\n");
        if (hasIn || hasOut) {
            b.append("\tfwdocs_run_input \"$(fwdocs_rules_v4)\" iptables-restore -w --noflush\n");
            b.append("\tfwdocs_run_input \"$(fwdocs_rules_v6)\" ip6tables-restore -w --noflush\n");
            for (String tool : List.of("iptables", "ip6tables")) {
                if (hasIn) {
                    b.append("\tfwdocs_jump ").append(tool).append(" INPUT ").append(in).append('\n');
                }
                if (hasOut) {
                    b.append("\tfwdocs_jump ").append(tool).append(" OUTPUT ").append(out).append('\n');
                }
            }
        } else {
            b.append("\tfwdocs_say \"this role has no rules: nothing to do\"\n");
        }
        b.append("}\n\n");

        b.append("fwdocs_undo() {\n");
        if (hasIn || hasOut) {
            for (String tool : List.of("iptables", "ip6tables")) {
                if (hasIn) {
                    b.append("\tfwdocs_unjump ").append(tool).append(" INPUT ").append(in).append('\n');
                }
                if (hasOut) {
                    b.append("\tfwdocs_unjump ").append(tool).append(" OUTPUT ").append(out).append('\n');
                }
            }
            for (String tool : List.of("iptables", "ip6tables")) {
                if (hasIn) {
                    b.append("\tfwdocs_drop_chain ").append(tool).append(' ').append(in).append('\n');
                }
                if (hasOut) {
                    b.append("\tfwdocs_drop_chain ").append(tool).append(' ').append(out).append('\n');
                }
            }
        } else {
            b.append("\tfwdocs_say \"this role has no rules: nothing to do\"\n");
        }
        b.append("}\n");

        ShellScript.Spec spec = new ShellScript.Spec(id(), displayName(), version, role, ABOUT);
        return List.of(GeneratedFile.script(ShellScript.fileName(id()), ShellScript.script(spec, b.toString())));
    }

    /** The accept lines of one chain and family, as shell code that prints them. */
    private static void body(StringBuilder b, int family, String chain, String addressOption,
            List<ResolvedRule> rules, boolean inbound) {
        for (ResolvedRule r : rules) {
            List<String> matches = matches(r.rule(), family);
            if (matches.isEmpty()) {
                continue;
            }
            String comment = Sh.quote(comment(r.rule()));
            for (Peer peer : inbound ? r.sources() : r.to()) {
                Optional<String> words = ShellScript.addressWords(peer, family);
                if (words.isEmpty()) {
                    b.append("\t# ").append(r.id()).append(": ").append(peer.id()).append(" has no IPv")
                            .append(family).append(" address, so no IPv").append(family).append(" rule\n");
                    continue;
                }
                String w = words.get();
                boolean loop = w.startsWith("$") || w.contains(" ");
                String indent = loop ? "\t\t" : "\t";
                if (loop) {
                    b.append("\tfor fwdocs_a in ").append(w).append("; do\n");
                }
                for (String m : matches) {
                    b.append(indent).append("fwdocs_accept ").append(chain).append(' ').append(addressOption)
                            .append(loop ? " \"$fwdocs_a\"" : " " + w).append(" \"").append(m).append("\" ")
                            .append(comment).append('\n');
                }
                if (loop) {
                    b.append("\tdone\n");
                }
            }
        }
    }

    private static void neighbourDiscovery(StringBuilder b, String chain) {
        b.append("\t# IPv6 neighbour discovery (ICMPv6 133-136): without it IPv6 stops working once the neighbour\n");
        b.append("\t# caches expire on a host whose policy drops; accepting it where the policy accepts changes nothing.\n");
        for (IcmpType t : IcmpType.values()) {
            if (t.isNeighbourDiscovery()) {
                b.append("\tfwdocs_accept ").append(chain).append(" -s any \"-p ipv6-icmp -m icmp6 --icmpv6-type ")
                        .append(t.iptablesName()).append("\" 'IPv6 neighbour discovery'\n");
            }
        }
    }

    /** The rule's comment: id, name and description, sanitized and under iptables' limit. */
    static String comment(Rule rule) {
        String text = rule.id() + ": " + rule.name() + (rule.description().isBlank() ? "" : " - " + rule.description());
        return ShellText.comment(text, ShellText.IPTABLES_COMMENT_BYTES, rule.id());
    }

    /**
     * The protocol and port (or ICMP type) matches of a rule for one family, each the text between the address and
     * the comment; every protocol keeps its own ports, and long port lists are split for multiport's limit.
     */
    static List<String> matches(Rule rule, int family) {
        List<String> out = new ArrayList<>();
        for (Protocol p : rule.protocols()) {
            if (p.isIcmp()) {
                if (p.family() != family) {
                    continue;
                }
                for (IcmpType t : rule.icmpTypes(p)) {
                    out.add(family == 4 ? "-p icmp -m icmp --icmp-type " + t.iptablesName()
                            : "-p ipv6-icmp -m icmp6 --icmpv6-type " + t.iptablesName());
                }
                continue;
            }
            String proto = p.id();
            if (rule.ports().size() == 1) {
                out.add("-p " + proto + " -m " + proto + " --dport "
                        + ShellScript.portText(rule, rule.ports().get(0), ":"));
                continue;
            }
            for (List<PortRange> chunk : multiportChunks(rule.ports())) {
                out.add("-p " + proto + " -m multiport --dports "
                        + String.join(",", chunk.stream().map(r -> r.format(":")).toList()));
            }
        }
        return out;
    }

    /** Splits a port list into groups that fit one multiport match (15 slots, a range takes two), in order. */
    public static List<List<PortRange>> multiportChunks(List<PortRange> ports) {
        List<List<PortRange>> out = new ArrayList<>();
        List<PortRange> current = new ArrayList<>();
        int used = 0;
        for (PortRange r : ports) {
            int need = r.isSingle() ? 1 : 2;
            if (used + need > MULTIPORT_SLOTS) {
                out.add(List.copyOf(current));
                current.clear();
                used = 0;
            }
            current.add(r);
            used += need;
        }
        if (!current.isEmpty()) {
            out.add(List.copyOf(current));
        }
        return out;
    }

    private String commands(ResolvedVersion version, RoleView role) {
        String in = chain(version, role, "IN");
        StringBuilder b = new StringBuilder();
        b.append("# Sources of rules from roles are not limited here; ").append(ShellScript.fileName(id()))
                .append(" --from-ROLE=CIDR,... limits them.\n");
        if (role.inbound().isEmpty()) {
            return b.append("# This role accepts no inbound traffic.\n").toString();
        }
        for (int family : new int[] {4, 6}) {
            String tool = family == 4 ? "iptables" : "ip6tables";
            b.append(tool).append(" -N ").append(in).append('\n');
            for (ResolvedRule r : role.inbound()) {
                List<String> matches = matches(r.rule(), family);
                for (Peer peer : r.sources()) {
                    List<String> sources = peer instanceof Peer.AddressPeer ap
                            ? ShellScript.cidrs(ap.address(), family).stream().map(c -> "-s " + c + " ").toList()
                            : List.of("");
                    for (String src : sources) {
                        for (String m : matches) {
                            String port = r.rule().configurable() == null ? m
                                    : m.replace("${" + ShellScript.portVar(r.id()) + "}",
                                            Integer.toString(r.rule().ports().get(0).first()));
                            b.append(tool).append(" -A ").append(in).append(' ').append(src).append(port)
                                    .append(" -m comment --comment ")
                                    .append(Sh.quote(ShellText.comment(r.rule().name(), 64, r.id())))
                                    .append(" -j ACCEPT\n");
                        }
                    }
                }
            }
            if (family == 6) {
                b.append(tool).append(" -A ").append(in)
                        .append(" -p ipv6-icmp -m icmp6 --icmpv6-type neighbour-solicitation -j ACCEPT\n");
                b.append(tool).append(" -A ").append(in)
                        .append(" -p ipv6-icmp -m icmp6 --icmpv6-type neighbour-advertisement -j ACCEPT\n");
            }
            b.append(tool).append(" -C INPUT -j ").append(in).append(" 2>/dev/null || ").append(tool)
                    .append(" -I INPUT 1 -j ").append(in).append('\n');
        }
        return b.toString();
    }
}
