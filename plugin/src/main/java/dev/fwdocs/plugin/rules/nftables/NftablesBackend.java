package dev.fwdocs.plugin.rules.nftables;

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
import java.util.LinkedHashMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * nftables: adds the accepts to the administrator's own nftables filtering (an {@code inet} table, by default
 * {@code inet filter} as in Debian's /etc/nftables.conf): its own regular chains and named sets in that table, replaced
 * in one {@code nft -f} transaction, and one jump to each chain at the top of the table's input (and output) chain.
 * An accept only counts in the table whose chain drops, so a table of its own would open nothing; undo deletes the
 * jumps, chains and sets it created, and nothing else.
 */
public final class NftablesBackend implements RuleBackend {

    /** Stems of chain and set names are at most this long; longer product and role ids are cut and hashed. */
    static final int STEM_CHARS = 40;
    /** Chain and set names are at most this long (nft allows 255; shorter names stay readable in listings). */
    static final int NAME_CHARS = 64;

    private static final List<String> ABOUT = List.of(
            "It adds its rules to your nftables firewall: in the inet table --nft-table (default: inet filter, the",
            "table of /etc/nftables.conf on Debian) it creates its own chains and address sets, fills them in one nft -f",
            "transaction (atomic), and inserts one jump to them at the top of the input chain (--nft-input-chain,",
            "default: input) and, for outbound rules, the output chain (--nft-output-chain, default: output), unless",
            "the jump is there already. Running it again rebuilds only its own chains and sets; --undo removes the",
            "jumps, then those chains and sets (in whichever inet table they are), and nothing else.",
            "In nftables an accept only counts in the table whose chain drops: name the table of the firewall that",
            "drops. The table and its input chain must exist; with no nftables filter that drops there is nothing to open.");

    private static final List<ShellScript.Option> OPTIONS = List.of(
            new ShellScript.Option("nft-table", "TABLE", "the inet table of your nftables firewall that drops"
                    + " (default: inet filter); ip and ip6 tables hold only one family"),
            new ShellScript.Option("nft-input-chain", "CHAIN", "the chain of that table on the input hook;"
                    + " default: input"),
            new ShellScript.Option("nft-output-chain", "CHAIN", "the chain of that table on the output hook, for"
                    + " outbound rules; default: output (if the table has no such chain, outbound is not filtered there)"));

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

    /** The comment of the jumps into this role's chains, by which undo finds them. */
    static String tag(ResolvedVersion version, RoleView role) {
        return ShellText.comment("fwdocs " + version.catalog().product().id() + " " + role.role().id(),
                ShellText.NFT_COMMENT_BYTES);
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
        return new PrintedPlan(render(version.resolved(), role.view()),
                PageCommands.of(commands(version.resolved(), role.view())));
    }

    private List<GeneratedFile> render(ResolvedVersion version, RoleView role) {
        String stem = stem(version, role);
        boolean hasIn = !role.inbound().isEmpty();
        boolean hasOut = !role.outbound().isEmpty();

        // named sets, by the part of the name after "<stem>_": one per role or address and family that a rule uses
        Map<String, String> sets = new LinkedHashMap<>(); // set name suffix -> shell words
        List<String> inLines = new ArrayList<>();
        List<String> outLines = new ArrayList<>();
        int room = NAME_CHARS - stem.length() - 1;
        collect(role.inbound(), true, room, sets, inLines);
        collect(role.outbound(), false, room, sets, outLines);

        StringBuilder b = new StringBuilder();
        b.append("# This script's chains are FWDOCS_STEM_in and FWDOCS_STEM_out, its sets are named FWDOCS_STEM_...;\n");
        b.append("# the jumps to its chains carry the comment FWDOCS_TAG.\n");
        b.append("FWDOCS_STEM=").append(stem).append('\n');
        b.append("FWDOCS_TAG=").append(Sh.quote(tag(version, role))).append("\n\n");
        b.append(OPTION_CHECKS);
        b.append("# fwdocs_set NAME TYPE ADDRESSES: creates (or empties) and fills the set FWDOCS_STEM_NAME when\n");
        b.append("# ADDRESSES is a list (neither any nor empty).\n");
        b.append("fwdocs_set() {\n");
        b.append("\tcase $3 in\n\tany | '') return 0 ;;\n\tesac\n");
        b.append("\tprintf 'add set inet %s %s_%s { type %s; flags interval; auto-merge; }\\n' \"$FWDOCS_TABLE\" \"$FWDOCS_STEM\" \"$1\" \"$2\"\n");
        b.append("\tprintf 'flush set inet %s %s_%s\\n' \"$FWDOCS_TABLE\" \"$FWDOCS_STEM\" \"$1\"\n");
        b.append("\tprintf 'add element inet %s %s_%s { %s }\\n' \"$FWDOCS_TABLE\" \"$FWDOCS_STEM\" \"$1\" \\\n");
        b.append("\t\t\"$(printf '%s' \"$3\" | sed 's/ /, /g')\"\n");
        b.append("}\n\n");
        b.append("# fwdocs_rule DIRECTION FAMILY MATCH SET ADDRESSES STATEMENT COMMENT: prints one accept rule for the chain\n");
        b.append("# FWDOCS_STEM_DIRECTION, or nothing when ADDRESSES is empty (no address of that family means no rule,\n");
        b.append("# never any).\n");
        b.append("fwdocs_rule() {\n");
        b.append("\tcase $5 in\n");
        b.append("\t'') return 0 ;;\n");
        b.append("\tany)\n");
        b.append("\t\tprintf 'add rule inet %s %s_%s meta nfproto %s %s accept comment \"%s\"\\n' \\\n");
        b.append("\t\t\t\"$FWDOCS_TABLE\" \"$FWDOCS_STEM\" \"$1\" \"$2\" \"$6\" \"$7\"\n");
        b.append("\t\t;;\n");
        b.append("\t*)\n");
        b.append("\t\tprintf 'add rule inet %s %s_%s %s @%s_%s %s accept comment \"%s\"\\n' \\\n");
        b.append("\t\t\t\"$FWDOCS_TABLE\" \"$FWDOCS_STEM\" \"$1\" \"$3\" \"$FWDOCS_STEM\" \"$4\" \"$6\" \"$7\"\n");
        b.append("\t\t;;\n");
        b.append("\tesac\n}\n\n");
        b.append("# fwdocs_nd DIRECTION: IPv6 neighbour discovery (ICMPv6 133-136); without it IPv6 stops working once the\n");
        b.append("# neighbour caches expire where a policy drops.\n");
        b.append("fwdocs_nd() {\n");
        b.append("\tprintf 'add rule inet %s %s_%s icmpv6 type { ").append(String.join(", ", ndNames()))
                .append(" } accept comment \"IPv6 neighbour discovery\"\\n' \\\n");
        b.append("\t\t\"$FWDOCS_TABLE\" \"$FWDOCS_STEM\" \"$1\"\n");
        b.append("}\n\n");

        b.append("# This script's chains and sets as one nft -f transaction: add creates a chain or set (or leaves it),\n");
        b.append("# flush empties it, so running it again replaces its rules instead of adding them twice.\n");
        b.append("fwdocs_transaction() {\n");
        for (String dir : directions(hasIn, hasOut)) {
            b.append("\tprintf 'add chain inet %s %s_").append(dir).append("\\nflush chain inet %s %s_").append(dir)
                    .append("\\n' \"$FWDOCS_TABLE\" \"$FWDOCS_STEM\" \"$FWDOCS_TABLE\" \"$FWDOCS_STEM\"\n");
        }
        for (Map.Entry<String, String> e : sets.entrySet()) {
            String type = e.getKey().endsWith("_v4") ? "ipv4_addr" : "ipv6_addr";
            b.append("\tfwdocs_set ").append(e.getKey()).append(' ').append(type).append(" \"")
                    .append(e.getValue()).append("\"\n");
        }
        if (hasIn) {
            inLines.forEach(b::append);
            b.append("\tfwdocs_nd in\n");
        }
        if (hasOut) {
            outLines.forEach(b::append);
            b.append("\tfwdocs_nd out\n");
        }
        b.append("}\n\n");
        b.append(FUNCTIONS);

        b.append("fwdocs_apply() {\n");
        if (hasIn || hasOut) {
            b.append("\tfwdocs_need_table\n");
            if (hasIn) {
                b.append("\tfwdocs_has_chain \"$FWDOCS_IN\" ||\n");
                b.append("\t\tfwdocs_fail 4 \"table inet $FWDOCS_TABLE has no chain $FWDOCS_IN: pass --nft-input-chain=NAME,")
                        .append(" the chain of that table on the input hook (nft list table inet $FWDOCS_TABLE shows it)\"\n");
            }
            b.append("\tfwdocs_tx=$(fwdocs_transaction)\n");
            b.append("\tfwdocs_remove_stale_sets\n");
            if (hasIn) {
                b.append("\tfwdocs_jump \"$FWDOCS_IN\" in\n");
            }
            if (hasOut) {
                b.append("\tif fwdocs_has_chain \"$FWDOCS_OUT\"; then\n");
                b.append("\t\tfwdocs_jump \"$FWDOCS_OUT\" out\n");
                b.append("\telif [ -n \"$FWDOCS_OPT_NFT_OUTPUT_CHAIN\" ]; then\n");
                b.append("\t\tfwdocs_fail 4 \"table inet $FWDOCS_TABLE has no chain $FWDOCS_OUT (--nft-output-chain)\"\n");
                b.append("\telse\n");
                b.append("\t\tfwdocs_note \"table inet $FWDOCS_TABLE has no chain $FWDOCS_OUT, so it does not filter outbound\" \\\n");
                b.append("\t\t\t\"traffic: the outbound rules are in chain ${FWDOCS_STEM}_out, and nothing jumps to it;\" \\\n");
                b.append("\t\t\t\"pass --nft-output-chain=NAME if your output chain has another name\"\n");
                b.append("\tfi\n");
            }
            b.append("\tfwdocs_run_input \"$fwdocs_tx\" nft -f -\n");
        } else {
            b.append("\tfwdocs_say \"this role has no rules: nothing to do\"\n");
        }
        b.append("}\n");

        ShellScript.Spec spec = new ShellScript.Spec(id(), displayName(), version, role, ABOUT, OPTIONS);
        return List.of(GeneratedFile.script(ShellScript.fileName(id()), ShellScript.script(spec, b.toString())));
    }

    private static List<String> directions(boolean hasIn, boolean hasOut) {
        List<String> out = new ArrayList<>();
        if (hasIn) {
            out.add("in");
        }
        if (hasOut) {
            out.add("out");
        }
        return out;
    }

    /** Reads and checks --nft-table, --nft-input-chain and --nft-output-chain before anything changes. */
    private static final String OPTION_CHECKS = String.join("\n",
            "# The administrator's nftables filtering that this script adds to.",
            "fwdocs_nft_table=${FWDOCS_OPT_NFT_TABLE:-inet filter}",
            "FWDOCS_IN=${FWDOCS_OPT_NFT_INPUT_CHAIN:-input}",
            "FWDOCS_OUT=${FWDOCS_OPT_NFT_OUTPUT_CHAIN:-output}",
            "case $fwdocs_nft_table in",
            "'inet '*) ;;",
            "'ip '* | 'ip6 '*)",
            "\tfwdocs_usage_error \"--nft-table: '$fwdocs_nft_table' holds only IPv4 or only IPv6, and these rules need both: name an inet table (for example --nft-table='inet filter')\"",
            "\t;;",
            "*) fwdocs_usage_error \"--nft-table must be 'inet NAME' (for example --nft-table='inet filter'), not '$fwdocs_nft_table'\" ;;",
            "esac",
            "FWDOCS_TABLE=${fwdocs_nft_table#inet }",
            "",
            "# An nftables name as nft reads it unquoted: letters, digits, _ . -, not starting with a digit or -.",
            "fwdocs_is_nft_name() {",
            "\tcase $1 in",
            "\t'' | [!A-Za-z_.]* | *[!A-Za-z0-9_.-]*) return 1 ;;",
            "\tesac",
            "}",
            "",
            "fwdocs_is_nft_name \"$FWDOCS_TABLE\" ||",
            "\tfwdocs_usage_error \"--nft-table: '$FWDOCS_TABLE' is not a table name (letters, digits, _ . -)\"",
            "fwdocs_is_nft_name \"$FWDOCS_IN\" ||",
            "\tfwdocs_usage_error \"--nft-input-chain: '$FWDOCS_IN' is not a chain name (letters, digits, _ . -)\"",
            "fwdocs_is_nft_name \"$FWDOCS_OUT\" ||",
            "\tfwdocs_usage_error \"--nft-output-chain: '$FWDOCS_OUT' is not a chain name (letters, digits, _ . -)\"",
            "") + "\n";

    private static final String FUNCTIONS = String.join("\n",
            "fwdocs_check_backend() {",
            "\tcommand -v nft >/dev/null 2>&1 || fwdocs_fail 4 \"nft not found: install nftables\"",
            "\tnft list tables >/dev/null 2>&1 || fwdocs_fail 4 \"nft cannot list tables (no kernel support?)\"",
            "}",
            "",
            "fwdocs_need_table() {",
            "\tnft list table inet \"$FWDOCS_TABLE\" >/dev/null 2>&1 ||",
            "\t\tfwdocs_fail 4 \"there is no nftables table inet $FWDOCS_TABLE. This script adds its rules to the inet table of your nftables firewall that drops: pass --nft-table='inet NAME' and --nft-input-chain=NAME (nft list ruleset shows them). With no nftables filter that drops, there is nothing to open.\"",
            "}",
            "",
            "# fwdocs_has_chain CHAIN: whether the table has that chain.",
            "fwdocs_has_chain() {",
            "\tnft list chain inet \"$FWDOCS_TABLE\" \"$1\" >/dev/null 2>&1",
            "}",
            "",
            "# fwdocs_jump CHAIN DIRECTION: adds to the transaction the jump from the top of CHAIN to the chain",
            "# FWDOCS_STEM_DIRECTION, unless CHAIN has it already.",
            "fwdocs_jump() {",
            "\tif nft list chain inet \"$FWDOCS_TABLE\" \"$1\" | grep -qF \"jump ${FWDOCS_STEM}_$2 comment \\\"$FWDOCS_TAG\\\"\"; then",
            "\t\tfwdocs_say \"chain $1 of table inet $FWDOCS_TABLE already jumps to ${FWDOCS_STEM}_$2\"",
            "\telse",
            "\t\tfwdocs_tx=$(printf '%s\\ninsert rule inet %s %s jump %s_%s comment \"%s\"' \"$fwdocs_tx\" \\",
            "\t\t\t\"$FWDOCS_TABLE\" \"$1\" \"$FWDOCS_STEM\" \"$2\" \"$FWDOCS_TAG\")",
            "\tfi",
            "}",
            "",
            "# Adds to the transaction the deletion of this script's sets that it no longer uses (left from a run",
            "# with other --from- addresses).",
            "fwdocs_remove_stale_sets() {",
            "\tfor fwdocs_set_name in $(nft -t list table inet \"$FWDOCS_TABLE\" |",
            "\t\tawk -v p=\"${FWDOCS_STEM}_\" '$1 == \"set\" && index($2, p) == 1 { print $2 }'); do",
            "\t\tcase $fwdocs_tx in",
            "\t\t*\"add set inet $FWDOCS_TABLE $fwdocs_set_name \"*) ;;",
            "\t\t*) fwdocs_tx=$(printf '%s\\ndelete set inet %s %s' \"$fwdocs_tx\" \"$FWDOCS_TABLE\" \"$fwdocs_set_name\") ;;",
            "\t\tesac",
            "\tdone",
            "}",
            "",
            "# What this script added, in every inet table, as one nft -f transaction: the jumps (found by their",
            "# comment and target), then its chains, then its sets.",
            "fwdocs_undo_transaction() {",
            "\tnft -a list ruleset | awk -v stem=\"$FWDOCS_STEM\" -v tag=\"$FWDOCS_TAG\" '",
            "\t\t$1 == \"table\" { family = $2; table = $3; next }",
            "\t\tfamily != \"inet\" { next }",
            "\t\t$1 == \"chain\" {",
            "\t\t\tchain = $2",
            "\t\t\tif (chain == stem \"_in\" || chain == stem \"_out\")",
            "\t\t\t\tchains = chains \"flush chain inet \" table \" \" chain \"\\n\" \"delete chain inet \" table \" \" chain \"\\n\"",
            "\t\t\tnext",
            "\t\t}",
            "\t\t$1 == \"set\" && index($2, stem \"_\") == 1 { sets = sets \"delete set inet \" table \" \" $2 \"\\n\"; next }",
            "\t\t$1 == \"jump\" && ($2 == stem \"_in\" || $2 == stem \"_out\") && index($0, \" comment \\\"\" tag \"\\\" # handle \") {",
            "\t\t\tjumps = jumps \"delete rule inet \" table \" \" chain \" handle \" $NF \"\\n\"",
            "\t\t}",
            "\t\tEND { printf \"%s%s%s\", jumps, chains, sets }'",
            "}",
            "",
            "fwdocs_undo() {",
            "\tfwdocs_tx=$(fwdocs_undo_transaction)",
            "\tif [ -n \"$fwdocs_tx\" ]; then",
            "\t\tfwdocs_run_input \"$fwdocs_tx\" nft -f -",
            "\telse",
            "\t\tfwdocs_say \"no chains, sets or jumps named $FWDOCS_STEM in nftables, nothing to remove\"",
            "\tfi",
            "}",
            "") + "\n";

    private static List<String> ndNames() {
        List<String> out = new ArrayList<>();
        for (IcmpType t : IcmpType.values()) {
            if (t.isNeighbourDiscovery()) {
                out.add(t.nftName());
            }
        }
        return out;
    }

    /**
     * The rule lines of one direction, and the sets they use (by name suffix, at most {@code room} characters so that
     * {@code <stem>_<suffix>} stays within {@link #NAME_CHARS}).
     */
    private static void collect(List<ResolvedRule> rules, boolean inbound, int room, Map<String, String> sets,
            List<String> lines) {
        for (ResolvedRule r : rules) {
            String comment = Sh.quote(comment(r.rule()));
            for (Peer peer : inbound ? r.sources() : r.to()) {
                for (int family : new int[] {4, 6}) {
                    List<String> statements = statements(r.rule(), family);
                    if (statements.isEmpty()) {
                        continue;
                    }
                    Optional<String> words = ShellScript.addressWords(peer, family);
                    if (words.isEmpty()) {
                        lines.add("\t# " + r.id() + ": " + peer.id() + " has no IPv" + family + " address, so no IPv"
                                + family + " rule\n");
                        continue;
                    }
                    String set = ShellText.shortName("",
                            List.of((peer instanceof Peer.AddressPeer ? "addr_" : "role_") + peer.id()), "_v" + family,
                            room);
                    if (!(peer instanceof Peer.Any)) {
                        sets.put(set, words.get());
                    }
                    String nfproto = family == 4 ? "ipv4" : "ipv6";
                    String match = (family == 4 ? "ip " : "ip6 ") + (inbound ? "saddr" : "daddr");
                    String addresses = peer instanceof Peer.Any ? "any" : words.get();
                    for (String st : statements) {
                        lines.add("\tfwdocs_rule " + (inbound ? "in " : "out ") + nfproto + " '" + match + "' " + set + " \"" + addresses + "\" \""
                                + st + "\" " + comment + "\n");
                    }
                }
            }
        }
    }

    /** The rule's comment: id, name and description, sanitized and at most 128 bytes. */
    static String comment(Rule rule) {
        String text = rule.id() + ": " + rule.name() + (rule.description().isBlank() ? "" : " - " + rule.description());
        return ShellText.comment(text, ShellText.NFT_COMMENT_BYTES, rule.id());
    }

    /** The protocol matches of a rule for one family (ICMP only in IPv4, ICMPv6 only in IPv6), each protocol with its own ports. */
    static List<String> statements(Rule rule, int family) {
        List<String> out = new ArrayList<>();
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
                out.add(kw + " type " + (names.size() == 1 ? names.get(0) : "{ " + String.join(", ", names) + " }"));
                continue;
            }
            List<String> ports = new ArrayList<>();
            for (PortRange range : rule.ports()) {
                ports.add(ShellScript.portText(rule, range, "-"));
            }
            out.add(p.id() + " dport " + (ports.size() == 1 ? ports.get(0) : "{ " + String.join(", ", ports) + " }"));
        }
        return out;
    }

    private String commands(ResolvedVersion version, RoleView role) {
        if (role.inbound().isEmpty()) {
            return "# This role accepts no inbound traffic.\n";
        }
        String chain = chain(version, role, "in");
        String file = ShellScript.fileName(id());
        StringBuilder b = new StringBuilder();
        b.append("# Added to your nftables firewall: here table inet filter and its chain input (Debian's\n");
        b.append("# /etc/nftables.conf); ").append(file).append(" --nft-table and --nft-input-chain name others.\n");
        b.append("# Sources of rules from roles are not limited here; ").append(file)
                .append(" --from-ROLE=CIDR,... limits them.\n");
        b.append("nft add chain inet filter ").append(chain).append('\n');
        for (ResolvedRule r : role.inbound()) {
            for (Peer peer : r.sources()) {
                for (int family : new int[] {4, 6}) {
                    String prefix;
                    if (peer instanceof Peer.AddressPeer ap) {
                        List<String> c = ShellScript.cidrs(ap.address(), family).stream().map(Object::toString).toList();
                        if (c.isEmpty()) {
                            continue;
                        }
                        prefix = (family == 4 ? "ip saddr { " : "ip6 saddr { ") + String.join(", ", c) + " } ";
                    } else {
                        prefix = "meta nfproto " + (family == 4 ? "ipv4 " : "ipv6 ");
                    }
                    for (String st : statements(r.rule(), family)) {
                        String s = r.rule().configurable() == null ? st
                                : st.replace("${" + ShellScript.portVar(r.id()) + "}",
                                        Integer.toString(r.rule().ports().get(0).first()));
                        b.append("nft 'add rule inet filter ").append(chain).append(' ').append(prefix).append(s)
                                .append(" accept'\n");
                    }
                }
            }
        }
        b.append("nft 'add rule inet filter ").append(chain).append(" icmpv6 type { ")
                .append(String.join(", ", ndNames())).append(" } accept'\n");
        b.append("nft 'insert rule inet filter input jump ").append(chain).append(" comment \"")
                .append(tag(version, role)).append("\"'\n");
        return b.toString();
    }
}
