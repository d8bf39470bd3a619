package dev.fwdocs.plugin.rules.nftables;

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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * nftables: adds the accepts to the administrator's own nftables filtering (an {@code inet} table, by default
 * {@code inet filter} as in Debian's /etc/nftables.conf): its own regular chains and named sets in that table, replaced
 * in one {@code nft -f} transaction, and one jump to each chain at the top of the table's input (and output) chain.
 * An accept only counts in the table whose chain drops, so a table of its own would open nothing; undo deletes the
 * jumps, chains and sets it created, and nothing else. The role is translated once into a {@link Plan}; the script
 * and the page commands are printed from it.
 */
public final class NftablesBackend implements RuleBackend {

    /** Stems of chain and set names are at most this long; longer product and role ids are cut and hashed. */
    static final int STEM_CHARS = 40;
    /** Chain and set names are at most this long (nft allows 255; shorter names stay readable in listings). */
    static final int NAME_CHARS = 64;

    /** The defaults of --nft-table, --nft-input-chain and --nft-output-chain (Debian's /etc/nftables.conf). */
    static final String DEFAULT_TABLE = "filter";
    static final String DEFAULT_INPUT = "input";
    static final String DEFAULT_OUTPUT = "output";

    private static final List<String> ABOUT = List.of(
            "It adds its rules to your nftables firewall: in the inet table --nft-table (default: inet "
                    + DEFAULT_TABLE + ", the table of /etc/nftables.conf on Debian) it creates its own chains and"
                    + " address sets, fills them in one nft -f transaction (atomic), and inserts one jump to them at"
                    + " the top of the input chain (--nft-input-chain, default: " + DEFAULT_INPUT + ") and, for"
                    + " outbound rules, the output chain (--nft-output-chain, default: " + DEFAULT_OUTPUT + "),"
                    + " or (--position=last) after the rules there, unless the jump is there already.",
            "Running it again rebuilds only its own chains and sets; --undo removes the jumps, then those chains and"
                    + " sets (in whichever inet table they are), and nothing else.",
            "In nftables an accept only counts in the table whose chain drops: name the table of the firewall that"
                    + " drops. The table and its input chain must exist; with no nftables filter that drops there is"
                    + " nothing to open.");

    private static final List<ShellScript.Option> OPTIONS = List.of(
            new ShellScript.Option("nft-table", "TABLE", "the inet table of your nftables firewall that drops"
                    + " (default: inet " + DEFAULT_TABLE + "); ip and ip6 tables hold only one family"),
            new ShellScript.Option("nft-input-chain", "CHAIN", "the chain of that table on the input hook;"
                    + " default: " + DEFAULT_INPUT),
            new ShellScript.Option("nft-output-chain", "CHAIN", "the chain of that table on the output hook, for"
                    + " outbound rules; default: " + DEFAULT_OUTPUT + " (if the table has no such chain, outbound is"
                    + " not filtered there)"),
            ShellScript.POSITION);

    private static final String OPTION_CHECKS = ScriptResources.text(NftablesBackend.class, "options.sh");
    private static final String FUNCTIONS = ScriptResources.text(NftablesBackend.class, "functions.sh");

    @Override
    public String id() {
        return "nftables";
    }

    @Override
    public String displayName() {
        return "nftables";
    }

    /**
     * The stem of the names of a product's role: {@code fwdocs_<product>_<role>}, cut and hashed beyond
     * {@value #STEM_CHARS} characters. Ids have no {@code _}, so {@code <stem>_} is a prefix no other role's names have.
     */
    public static String stem(ResolvedVersion version, RoleView role) {
        return ShellText.shortName("fwdocs_", List.of(version.catalog().product().id() + "_" + role.role().id()), "",
                STEM_CHARS);
    }

    /** The chain of a product's role for one direction ({@code in} or {@code out}): {@code fwdocs_storageos_node_in}. */
    public static String chain(ResolvedVersion version, RoleView role, String direction) {
        return stem(version, role) + "_" + direction;
    }

    @Override
    public BackendFacts facts() {
        return FACTS;
    }

    private static final BackendFacts FACTS = new BackendFacts("sudo nft list ruleset",
            List.of(new BackendFacts.DefaultTab(30, "linux", "Any Linux")),
            EnumSet.allOf(Protocol.class));

    @Override
    public RolePlan plan(VersionModel version, RoleModel role) {
        String stem = stem(version.resolved(), role.view());
        String tag = ShellText.comment("fwdocs " + version.productId() + " " + role.id(), ShellText.NFT_COMMENT_BYTES);
        int room = NAME_CHARS - stem.length() - 1;
        List<Family> families = new ArrayList<>();
        for (int family : new int[] {4, 6}) {
            Map<String, NamedSet> sets = new LinkedHashMap<>();
            List<Chain> chains = new ArrayList<>();
            if (!role.inbound().isEmpty()) {
                chains.add(chain(role, family, true, room, sets));
            }
            if (!role.outbound().isEmpty()) {
                chains.add(chain(role, family, false, room, sets));
            }
            List<String> nd = new ArrayList<>();
            if (family == 6) {
                for (IcmpType t : IcmpType.values()) {
                    if (t.isNeighbourDiscovery()) {
                        nd.add(t.nftName());
                    }
                }
            }
            families.add(new Family(family, List.copyOf(sets.values()), chains, nd));
        }
        return new Plan(new ShellScript.Spec(id(), displayName(), version, role, ABOUT, OPTIONS), stem, tag,
                families);
    }

    /** The accepts of one direction and family, adding the named sets they use to {@code sets}. */
    private static Chain chain(RoleModel role, int family, boolean inbound, int room, Map<String, NamedSet> sets) {
        List<Accept> accepts = new ArrayList<>();
        for (RoleModel.Flow flow : role.flows(inbound, family)) {
            Rule rule = flow.rule().rule();
            String comment = ShellScript.ruleComment(rule, ShellText.NFT_COMMENT_BYTES);
            List<MatchText> statements = statements(rule, family);
            for (var peer : flow.peers()) {
                Source source = Source.ofFlow(peer, family);
                String set = ShellText.shortName("", List.of((source instanceof Source.Networks ? "addr_" : "role_")
                        + source.id()), "_v" + family, room);
                if (!(source instanceof Source.Any)) {
                    sets.putIfAbsent(set, new NamedSet(set, source));
                }
                for (MatchText st : statements) {
                    accepts.add(new Accept(source, set, st, comment));
                }
            }
        }
        return new Chain(inbound ? "in" : "out",
                role.leftOut(inbound, family).stream().map(RoleModel.LeftOut::text).toList(), accepts);
    }

    /** The protocol matches of a rule for one family (ICMP only in IPv4, ICMPv6 only in IPv6), each protocol with its own ports. */
    static List<MatchText> statements(Rule rule, int family) {
        List<MatchText> out = new ArrayList<>();
        for (Protocol p : rule.protocols()) {
            if (p.isIcmp()) {
                if (p.family() != family) {
                    continue;
                }
                List<String> names = rule.icmpTypes(p).stream().map(IcmpType::nftName).toList();
                if (names.isEmpty()) {
                    continue;
                }
                String kw = p == Protocol.ICMP ? "icmp" : "icmpv6";
                out.add(MatchText.fixed(kw + " type " + set(names)));
                continue;
            }
            List<String> ports = rule.ports().stream().map(r -> r.format("-")).toList();
            out.add(MatchText.ports(p.id() + " dport ", set(ports), rule));
        }
        return out;
    }

    /** One element, or an anonymous set of several: {@code 5701}, {@code { 5701, 5702 }}. */
    private static String set(List<String> elements) {
        return elements.size() == 1 ? elements.get(0) : "{ " + String.join(", ", elements) + " }";
    }

    /** A named set of the script, {@code <stem>_<name>}, holding a role's given addresses or a named address's. */
    record NamedSet(String name, Source source) {
        NamedSet {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
        }

        String type() {
            return source.family() == 4 ? "ipv4_addr" : "ipv6_addr";
        }
    }

    /** One accept: its source (or destination), the set the script puts that in, the statement and the comment. */
    record Accept(Source source, String set, MatchText statement, String comment) {
        Accept {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(statement, "statement");
        }
    }

    /** One direction ({@code in} or {@code out}) of one family: the addresses left out there and the accepts. */
    record Chain(String direction, List<String> leftOut, List<Accept> accepts) {
        Chain {
            leftOut = List.copyOf(leftOut);
            accepts = List.copyOf(accepts);
        }
    }

    /** One family: its named sets, its chains' accepts, and neighbour discovery (IPv6: the nft type names). */
    record Family(int family, List<NamedSet> sets, List<Chain> chains, List<String> neighbourDiscovery) {
        Family {
            sets = List.copyOf(sets);
            chains = List.copyOf(chains);
            neighbourDiscovery = List.copyOf(neighbourDiscovery);
        }

        String nfproto() {
            return family == 4 ? "ipv4" : "ipv6";
        }

        String addressMatch(String direction) {
            return (family == 4 ? "ip " : "ip6 ") + (direction.equals("in") ? "saddr" : "daddr");
        }
    }

    /** The role translated for nftables: the script's spec, the stem of its names, the jumps' comment, the families. */
    record Plan(ShellScript.Spec spec, String stem, String tag, List<Family> families) implements ScriptPlan {
        Plan {
            Objects.requireNonNull(spec, "spec");
            families = List.copyOf(families);
        }

        private List<String> directions() {
            return families.get(0).chains().stream().map(Chain::direction).toList();
        }

        @Override
        public String body() {
            ShellWriter w = new ShellWriter();
            w.comment("The chains of this script are FWDOCS_STEM_in and FWDOCS_STEM_out, its sets are named"
                    + " FWDOCS_STEM_...;");
            w.comment("the jumps to its chains carry the comment FWDOCS_TAG.");
            w.assign("FWDOCS_STEM", stem);
            w.assign("FWDOCS_TAG", tag);
            w.comment("The defaults of --nft-table, --nft-input-chain and --nft-output-chain.");
            w.assign("fwdocs_default_table", "inet " + DEFAULT_TABLE);
            w.assign("fwdocs_default_input", DEFAULT_INPUT);
            w.assign("fwdocs_default_output", DEFAULT_OUTPUT);
            w.blank();
            w.resource(OPTION_CHECKS);
            w.blank();
            w.resource(FUNCTIONS);
            w.blank();
            w.comment("The chains and sets of this script as one nft -f transaction: add creates a chain or set (or"
                    + " leaves it),");
            w.comment("flush empties it, so running it again replaces its rules instead of adding them twice.");
            w.function("fwdocs_transaction", () -> {
                for (String dir : directions()) {
                    w.command("printf", Sh.word("add chain inet %s %s_" + dir + "\\nflush chain inet %s %s_" + dir
                            + "\\n"), Sh.var("FWDOCS_TABLE"), Sh.var("FWDOCS_STEM"), Sh.var("FWDOCS_TABLE"),
                            Sh.var("FWDOCS_STEM"));
                }
                for (Family f : families) {
                    for (NamedSet s : f.sets()) {
                        w.command("fwdocs_set", Sh.word(s.name()), Sh.word(s.type()), addresses(s.source()));
                    }
                }
                for (String dir : directions()) {
                    for (Family f : families) {
                        Chain c = chain(f, dir);
                        c.leftOut().forEach(w::comment);
                        for (Accept a : c.accepts()) {
                            w.command("fwdocs_rule", Sh.word(dir), Sh.word(f.nfproto()), Sh.word(f.addressMatch(dir)),
                                    Sh.word(a.set()), addresses(a.source()), a.statement().shell(),
                                    Sh.word(a.comment()));
                        }
                        if (!f.neighbourDiscovery().isEmpty()) {
                            w.command("fwdocs_nd", Sh.word(dir), Sh.word(String.join(", ", f.neighbourDiscovery())));
                        }
                    }
                }
            });
            w.blank();
            w.function("fwdocs_apply", () -> {
                if (directions().isEmpty()) {
                    w.command("fwdocs_say", Sh.word("this role has no rules: nothing to do"));
                    return;
                }
                w.command("fwdocs_need_table");
                if (directions().contains("in")) {
                    w.command("fwdocs_need_input_chain");
                }
                w.raw("fwdocs_tx=$(fwdocs_transaction | fwdocs_once)");
                // before the sets: a stale chain's rules may use sets that go as well
                for (String d : List.of("in", "out")) {
                    if (!directions().contains(d)) {
                        w.command("fwdocs_remove_stale_chain", Sh.word(d));
                    }
                }
                w.command("fwdocs_remove_stale_sets");
                if (directions().contains("in")) {
                    w.command("fwdocs_jump", Sh.var("FWDOCS_IN"), Sh.word("in"));
                }
                if (directions().contains("out")) {
                    w.command("fwdocs_jump_out");
                }
                w.command("fwdocs_run_input", Sh.var("fwdocs_tx"), Sh.word("nft"), Sh.word("-f"), Sh.word("-"));
            });
            return w.text();
        }

        private static Chain chain(Family f, String direction) {
            return f.chains().stream().filter(c -> c.direction().equals(direction)).findFirst().orElseThrow();
        }

        /** The addresses of a source as the script's functions take them: any, a role's variable, or the networks. */
        private static Sh addresses(Source source) {
            if (source instanceof Source.RoleAddresses r) {
                return Sh.var(r.var());
            }
            if (source instanceof Source.Networks n) {
                return Sh.joined(Sh.word(n.text(" ")));
            }
            return Sh.joined(Sh.word("any"));
        }

        /**
         * What a person types where table inet filter (the script's default) drops: the script's own inbound chain,
         * created or emptied, its accepts for any source (one rule for both families; a named address's networks
         * stay), neighbour discovery, and the script's jump from the input chain unless it is there.
         */
        @Override
        public PageCommands page() {
            RoleModel role = spec.role();
            if (role.inbound().isEmpty()) {
                return PageCommands.of("# This role accepts no inbound traffic.\n");
            }
            String table = "inet " + DEFAULT_TABLE;
            String chain = stem + "_in";
            String add = "add rule " + table + " " + chain + " ";
            Set<String> lines = new LinkedHashSet<>();
            lines.add("nft add chain " + table + " " + chain);
            lines.add("nft flush chain " + table + " " + chain);
            for (Family f : families) {
                for (Accept a : chain(f, "in").accepts()) {
                    String match = a.source() instanceof Source.Networks n ? f.addressMatch("in") + " "
                            + (n.cidrs().size() == 1 ? n.text("") : "{ " + n.text(", ") + " }") + " " : "";
                    lines.add("nft " + Sh.quote(add + match + a.statement().page() + " accept"));
                }
                if (!f.neighbourDiscovery().isEmpty()) {
                    lines.add("nft " + Sh.quote(add + "icmpv6 type " + set(f.neighbourDiscovery()) + " accept"));
                }
            }
            String jump = "jump " + chain + " comment \"" + tag + "\"";
            lines.add("nft list chain " + table + " " + DEFAULT_INPUT + " | grep -qF " + Sh.quote(jump) + " ||\n  nft "
                    + Sh.quote("insert rule " + table + " " + DEFAULT_INPUT + " " + jump));
            StringBuilder b = new StringBuilder();
            lines.forEach(l -> b.append(l).append('\n'));
            String script = ShellScript.fileName(spec.backendId());
            List<String> notes = new ArrayList<>();
            notes.add("These commands add to table " + table + " and its chain " + DEFAULT_INPUT + ", as in Debian's"
                    + " /etc/nftables.conf; where your firewall has other names, use them here, or run the " + script
                    + " script of role " + role.id() + " with --nft-table and --nft-input-chain.");
            notes.addAll(PageNotes.forScript(script, role, true));
            return new PageCommands(b.toString(), notes);
        }
    }
}
