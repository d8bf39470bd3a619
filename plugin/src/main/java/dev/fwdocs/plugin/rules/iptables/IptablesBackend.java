package dev.fwdocs.plugin.rules.iptables;

import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.Rule;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.rules.BackendFacts;
import dev.fwdocs.plugin.rules.MatchText;
import dev.fwdocs.plugin.rules.PageCommands;
import dev.fwdocs.plugin.rules.PageNotes;
import dev.fwdocs.plugin.rules.RolePlan;
import dev.fwdocs.plugin.rules.ScriptPlan;
import dev.fwdocs.plugin.rules.RuleBackend;
import dev.fwdocs.plugin.rules.ScriptResources;
import dev.fwdocs.plugin.rules.ShellScript;
import dev.fwdocs.plugin.rules.Source;
import dev.fwdocs.plugin.rules.shell.Sh;
import dev.fwdocs.plugin.rules.shell.ShellText;
import dev.fwdocs.plugin.rules.shell.ShellWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * iptables + ip6tables: a dedicated chain per product, role and direction holding only accepts, filled atomically with
 * {@code iptables-restore --noflush}, and one jump to it at the top of INPUT / OUTPUT. Uses only features that
 * iptables-nft and iptables-legacy both have. The role is translated once into a {@link Plan}; the script and the
 * page commands are printed from it.
 */
public final class IptablesBackend implements RuleBackend {

    /** At most 15 ports per multiport match; a range takes two. */
    public static final int MULTIPORT_SLOTS = 15;

    private static final List<String> ABOUT = List.of(
            "It creates its own chains for IPv4 (iptables) and IPv6 (ip6tables), holding only ACCEPT rules, fills"
                    + " them in one iptables-restore --noflush step (atomic), and inserts one jump to each into INPUT"
                    + " (and OUTPUT when the role has outbound rules), at the top or (--position=last) after the"
                    + " administrator's rules, unless the jump is already there.",
            "Running it again rebuilds only its own chains; --undo removes the jumps, then those chains. Nothing"
                    + " else is flushed or deleted, so rules of Docker, Kubernetes and others stay as they are. The"
                    + " chains only accept: they matter where the host's policy (or a later rule) drops.");

    private static final String FUNCTIONS = ScriptResources.text(IptablesBackend.class, "functions.sh");

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
        String tag = ShellText.comment("fwdocs " + version.productId() + " " + role.id(),
                ShellText.IPTABLES_COMMENT_BYTES);
        List<Family> families = new ArrayList<>();
        for (int family : new int[] {4, 6}) {
            List<Chain> chains = new ArrayList<>();
            if (!role.inbound().isEmpty()) {
                chains.add(chain(role, family, true, chain(version.resolved(), role.view(), "IN")));
            }
            if (!role.outbound().isEmpty()) {
                chains.add(chain(role, family, false, chain(version.resolved(), role.view(), "OUT")));
            }
            // a direction this version has no rules for may still have a chain from an older version of the
            // script (or of the catalog): apply and undo remove it, so that an upgrade converges
            List<Stale> stale = new ArrayList<>();
            if (role.inbound().isEmpty()) {
                stale.add(new Stale(chain(version.resolved(), role.view(), "IN"), "INPUT"));
            }
            if (role.outbound().isEmpty()) {
                stale.add(new Stale(chain(version.resolved(), role.view(), "OUT"), "OUTPUT"));
            }
            families.add(new Family(family, chains, stale));
        }
        return new Plan(new ShellScript.Spec(id(), displayName(), version, role, ABOUT,
                List.of(ShellScript.POSITION)), tag, families);
    }

    /** One chain of one family: what the flows of that direction and family accept. */
    private static Chain chain(RoleModel role, int family, boolean inbound, String name) {
        List<Accept> accepts = new ArrayList<>();
        for (RoleModel.Flow flow : role.flows(inbound, family)) {
            Rule rule = flow.rule().rule();
            String comment = ShellScript.ruleComment(rule, ShellText.IPTABLES_COMMENT_BYTES);
            String pageComment = ShellText.comment(rule.name(), 64, rule.id());
            List<MatchText> matches = matches(rule, family);
            for (var peer : flow.peers()) {
                Source source = Source.ofFlow(peer, family);
                for (MatchText m : matches) {
                    accepts.add(new Accept(rule.id(), source, m, comment, pageComment));
                }
            }
        }
        List<MatchText> nd = new ArrayList<>();
        if (family == 6) {
            for (IcmpType t : IcmpType.values()) {
                if (t.isNeighbourDiscovery()) {
                    nd.add(MatchText.fixed("-p ipv6-icmp -m icmp6 --icmpv6-type " + t.iptablesName()));
                }
            }
        }
        return new Chain(name, inbound ? "INPUT" : "OUTPUT", inbound ? "-s" : "-d",
                role.leftOut(inbound, family).stream().map(RoleModel.LeftOut::text).toList(), accepts, nd);
    }

    /**
     * The protocol and port (or ICMP type) matches of a rule for one family, each the text between the address and
     * the comment; every protocol keeps its own ports, and long port lists are split for multiport's limit.
     */
    static List<MatchText> matches(Rule rule, int family) {
        List<MatchText> out = new ArrayList<>();
        for (Protocol p : rule.protocols()) {
            if (p.isIcmp()) {
                if (p.family() != family) {
                    continue;
                }
                for (IcmpType t : rule.icmpTypes(p)) {
                    out.add(MatchText.fixed(family == 4 ? "-p icmp -m icmp --icmp-type " + t.iptablesName()
                            : "-p ipv6-icmp -m icmp6 --icmpv6-type " + t.iptablesName()));
                }
                continue;
            }
            String proto = p.id();
            if (rule.ports().size() == 1) {
                out.add(MatchText.ports("-p " + proto + " -m " + proto + " --dport ",
                        rule.ports().get(0).format(":"), rule));
                continue;
            }
            for (List<PortRange> chunk : multiportChunks(rule.ports())) {
                out.add(MatchText.fixed("-p " + proto + " -m multiport --dports "
                        + String.join(",", chunk.stream().map(r -> r.format(":")).toList())));
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

    /** One accept: the source (or destination) and match of one rule, with the rule's comments for script and page. */
    record Accept(String ruleId, Source source, MatchText match, String comment, String pageComment) {
        Accept {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(match, "match");
        }
    }

    /**
     * One of the script's chains in one family: its name, the built-in chain that jumps to it, the address option
     * ({@code -s} or {@code -d}), the addresses left out in this family, the accepts, and neighbour discovery (IPv6).
     */
    record Chain(String name, String builtin, String addressOption, List<String> leftOut, List<Accept> accepts,
            List<MatchText> neighbourDiscovery) {
        Chain {
            leftOut = List.copyOf(leftOut);
            accepts = List.copyOf(accepts);
            neighbourDiscovery = List.copyOf(neighbourDiscovery);
        }

        boolean inbound() {
            return builtin.equals("INPUT");
        }
    }

    /** A chain of the script's name for a direction without rules: removed where an older run left it. */
    record Stale(String name, String builtin) {
    }

    /** The chains of one family (4: iptables, 6: ip6tables), and those of its directions without rules. */
    record Family(int family, List<Chain> chains, List<Stale> stale) {
        Family {
            chains = List.copyOf(chains);
            stale = List.copyOf(stale);
        }

        String tool() {
            return family == 4 ? "iptables" : "ip6tables";
        }
    }

    /** The role translated for iptables: the script's spec, the comment of its jumps, and per family its chains. */
    record Plan(ShellScript.Spec spec, String tag, List<Family> families) implements ScriptPlan {
        Plan {
            Objects.requireNonNull(spec, "spec");
            families = List.copyOf(families);
        }

        /** Says so when the role has no rules (no chains), for fwdocs_apply and fwdocs_undo. */
        private boolean nothingToDo(ShellWriter w) {
            if (!families.get(0).chains().isEmpty()) {
                return false;
            }
            w.command("fwdocs_say", Sh.word("this role has no rules: nothing to do"));
            return true;
        }

        @Override
        public String body() {
            ShellWriter w = new ShellWriter();
            w.comment("The jumps to the chains of this script carry this comment.");
            w.assign("FWDOCS_TAG", tag);
            // an audit reads every chain of the script's names: an older version may have left one this version has
            // no rules for
            w.comment("The chains of this script, of both directions, whether or not this version has rules for them.");
            Set<String> chains = new LinkedHashSet<>();
            for (Family f : families) {
                f.chains().forEach(c -> chains.add(c.name()));
                f.stale().forEach(c -> chains.add(c.name()));
            }
            w.assign("FWDOCS_CHAINS", String.join(" ", chains));
            w.blank();
            w.resource(FUNCTIONS);
            for (Family f : families) {
                w.blank();
                w.comment("The IPv" + f.family() + " chains in iptables-restore form. Declaring a chain creates it"
                        + " or empties it,");
                w.comment("so a second run replaces the rules instead of adding them again.");
                w.function("fwdocs_rules_v" + f.family(), () -> {
                    List<String> declare = new ArrayList<>(List.of("%s\\n", "*filter"));
                    f.chains().forEach(c -> declare.add(":" + c.name() + " - [0:0]"));
                    w.command("printf", ShellWriter.words(declare));
                    for (Chain c : f.chains()) {
                        c.leftOut().forEach(w::comment);
                        accepts(w, c);
                        if (!c.neighbourDiscovery().isEmpty()) {
                            w.comment("IPv6 neighbour discovery (ICMPv6 133-136): without it IPv6 stops working once"
                                    + " the neighbour");
                            w.comment("caches expire on a host whose policy drops; accepting it where the policy"
                                    + " accepts changes nothing.");
                            for (MatchText m : c.neighbourDiscovery()) {
                                w.command("fwdocs_accept", Sh.word(c.name()), Sh.word(c.addressOption()),
                                        Sh.word("any"), m.shell(), Sh.word("IPv6 neighbour discovery"));
                            }
                        }
                    }
                    w.command("printf", Sh.word("%s\\n"), Sh.word("COMMIT"));
                });
            }
            w.blank();
            w.function("fwdocs_apply", () -> {
                if (!nothingToDo(w)) {
                    for (Family f : families) {
                        w.raw("fwdocs_run_input \"$(fwdocs_rules_v" + f.family() + " | fwdocs_once)\" " + f.tool()
                                + "-restore -w --noflush");
                    }
                    for (Family f : families) {
                        f.chains().forEach(c -> w.command("fwdocs_jump", Sh.word(f.tool()), Sh.word(c.builtin()),
                                Sh.word(c.name())));
                    }
                }
                stale(w);
            });
            w.blank();
            w.function("fwdocs_undo", () -> {
                if (!nothingToDo(w)) {
                    for (Family f : families) {
                        f.chains().forEach(c -> w.command("fwdocs_unjump", Sh.word(f.tool()), Sh.word(c.builtin()),
                                Sh.word(c.name())));
                    }
                    for (Family f : families) {
                        f.chains().forEach(c -> w.command("fwdocs_drop_chain", Sh.word(f.tool()),
                                Sh.word(c.name())));
                    }
                }
                stale(w);
            });
            return w.text();
        }

        /** Removes the chains (and their jumps) of the directions without rules, where they exist. */
        private void stale(ShellWriter w) {
            for (Family f : families) {
                f.stale().forEach(c -> w.command("fwdocs_remove_stale", Sh.word(f.tool()), Sh.word(c.builtin()),
                        Sh.word(c.name())));
            }
        }

        /** The accepts of a chain; the accepts of one rule and source share one loop over the source's addresses. */
        private static void accepts(ShellWriter w, Chain c) {
            List<Accept> all = c.accepts();
            for (int i = 0; i < all.size(); ) {
                Accept first = all.get(i);
                int end = i + 1;
                while (end < all.size() && all.get(end).ruleId().equals(first.ruleId())
                        && all.get(end).source().equals(first.source())) {
                    end++;
                }
                List<Accept> group = all.subList(i, end);
                List<Sh> words = first.source().words();
                if (words.size() == 1 && !(first.source() instanceof Source.RoleAddresses)) {
                    group.forEach(a -> accept(w, c, words.get(0), a));
                } else {
                    w.forEach("fwdocs_a", words, () -> group.forEach(a -> accept(w, c, Sh.var("fwdocs_a"), a)));
                }
                i = end;
            }
        }

        private static void accept(ShellWriter w, Chain c, Sh address, Accept a) {
            w.command("fwdocs_accept", Sh.word(c.name()), Sh.word(c.addressOption()), address, a.match().shell(),
                    Sh.word(a.comment()));
        }

        /**
         * What a person types on a host whose policy drops: per family the script's own inbound chain, created or
         * emptied, its accepts for any source (a named address's networks stay), neighbour discovery, and the
         * script's jump unless it is there.
         */
        @Override
        public PageCommands page() {
            RoleModel role = spec.role();
            if (role.inbound().isEmpty()) {
                return PageCommands.of("# This role accepts no inbound traffic.\n");
            }
            StringBuilder b = new StringBuilder();
            for (Family f : families) {
                Chain c = f.chains().stream().filter(Chain::inbound).findFirst().orElseThrow();
                String t = f.tool();
                String jump = "-m comment --comment " + Sh.quote(tag) + " -j " + c.name();
                Set<String> lines = new LinkedHashSet<>();
                lines.add(t + " -N " + c.name() + " 2>/dev/null || " + t + " -F " + c.name());
                for (Accept a : c.accepts()) {
                    String rest = a.match().page() + " -m comment --comment " + Sh.quote(a.pageComment())
                            + " -j ACCEPT";
                    if (a.source() instanceof Source.Networks n) {
                        n.cidrs().forEach(cidr -> lines.add(t + " -A " + c.name() + " -s " + cidr + " " + rest));
                    } else {
                        lines.add(t + " -A " + c.name() + " " + rest);
                    }
                }
                c.neighbourDiscovery().forEach(m -> lines.add(t + " -A " + c.name() + " " + m.page() + " -j ACCEPT"));
                lines.add(t + " -C INPUT " + jump + " 2>/dev/null ||\n  " + t + " -I INPUT 1 " + jump);
                lines.forEach(l -> b.append(l).append('\n'));
            }
            return new PageCommands(b.toString(), PageNotes.forScript(ShellScript.fileName(spec.backendId()), role, true));
        }
    }
}
