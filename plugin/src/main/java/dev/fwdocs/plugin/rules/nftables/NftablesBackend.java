package dev.fwdocs.plugin.rules.nftables;

import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.Rule;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.RuleBackend;
import dev.fwdocs.plugin.rules.ShellScript;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * nftables: one table {@code inet fwdocs_<product>_<role>} per role holding only accepts, replaced as a whole in one
 * {@code nft -f} transaction (atomic and idempotent); undo deletes that table and nothing else.
 */
public final class NftablesBackend implements RuleBackend {

    private static final List<String> ABOUT = List.of(
            "It replaces its own table (inet, for IPv4 and IPv6) in one nft -f transaction: running it again",
            "gives the same table, and --undo deletes that table only. The table holds only accepts.",
            "",
            "Caveat: in nftables an accept ends only the chain of its own table; a drop in another table's chain",
            "on the same hook (your own nftables.conf with policy drop, firewalld, iptables-nft with policy DROP)",
            "still drops the packet. Where such a firewall drops, add these ports there instead: --dry-run prints",
            "the rules with your sources, ready to copy into your own input chain; or use the script for that",
            "firewall (firewalld.sh, iptables.sh).");

    @Override
    public String id() {
        return "nftables";
    }

    @Override
    public String displayName() {
        return "nftables";
    }

    @Override
    public List<Diagnostic> unsupported(ResolvedVersion version) {
        return ShellScript.hostNameWarnings(version);
    }

    /** The table of a product's role: {@code fwdocs_<product>_<role>}; ids have no {@code _}, so names never clash. */
    public static String table(ResolvedVersion version, RoleView role) {
        return "fwdocs_" + version.catalog().product().id() + "_" + role.role().id();
    }

    @Override
    public List<GeneratedFile> render(ResolvedVersion version, RoleView role) {
        String table = table(version, role);
        boolean hasIn = !role.inbound().isEmpty();
        boolean hasOut = !role.outbound().isEmpty();

        // named sets: one per role or address and family that a rule uses
        Map<String, String> sets = new LinkedHashMap<>(); // set name -> shell words
        List<String> inLines = new ArrayList<>();
        List<String> outLines = new ArrayList<>();
        collect(role.inbound(), true, sets, inLines);
        collect(role.outbound(), false, sets, outLines);

        StringBuilder b = new StringBuilder();
        b.append("# fwdocs_set NAME TYPE ADDRESSES: declares a set when ADDRESSES is a list (neither any nor empty).\n");
        b.append("fwdocs_set() {\n");
        b.append("\tcase $3 in\n\tany | '') return 0 ;;\n\tesac\n");
        b.append("\tprintf '\\tset %s {\\n\\t\\ttype %s\\n\\t\\tflags interval\\n\\t\\tauto-merge\\n' \"$1\" \"$2\"\n");
        b.append("\tprintf '\\t\\telements = { %s }\\n\\t}\\n' \"$(printf '%s' \"$3\" | sed 's/ /, /g')\"\n");
        b.append("}\n\n");
        b.append("# fwdocs_rule FAMILY MATCH SET ADDRESSES STATEMENT COMMENT: prints one accept rule, or nothing when\n");
        b.append("# ADDRESSES is empty (no address of that family means no rule, never any).\n");
        b.append("fwdocs_rule() {\n");
        b.append("\tcase $4 in\n");
        b.append("\t'') return 0 ;;\n");
        b.append("\tany) printf '\\t\\tmeta nfproto %s %s accept comment \"%s\"\\n' \"$1\" \"$5\" \"$6\" ;;\n");
        b.append("\t*) printf '\\t\\t%s @%s %s accept comment \"%s\"\\n' \"$2\" \"$3\" \"$5\" \"$6\" ;;\n");
        b.append("\tesac\n}\n\n");

        b.append("# The whole table: declaring it first makes the delete succeed when it does not exist yet, so one\n");
        b.append("# nft -f transaction replaces the table atomically.\n");
        b.append("fwdocs_ruleset() {\n");
        b.append("\tprintf '%s\\n' 'table inet ").append(table).append(" {}' 'delete table inet ").append(table)
                .append("' 'table inet ").append(table).append(" {'\n");
        for (Map.Entry<String, String> e : sets.entrySet()) {
            String type = e.getKey().endsWith("_v4") ? "ipv4_addr" : "ipv6_addr";
            b.append("\tfwdocs_set ").append(e.getKey()).append(' ').append(type).append(" \"")
                    .append(e.getValue()).append("\"\n");
        }
        if (hasIn) {
            chain(b, "input", inLines);
        }
        if (hasOut) {
            chain(b, "output", outLines);
        }
        b.append("\tprintf '%s\\n' '}'\n}\n\n");

        b.append("fwdocs_check_backend() {\n");
        b.append("\tcommand -v nft >/dev/null 2>&1 || fwdocs_fail 4 \"nft not found: install nftables\"\n");
        b.append("\tnft list tables >/dev/null 2>&1 || fwdocs_fail 4 \"nft cannot list tables (no kernel support?)\"\n");
        b.append("}\n\n");
        b.append("fwdocs_apply() {\n");
        b.append("\tfwdocs_run_input \"$(fwdocs_ruleset)\" nft -f -\n");
        b.append("}\n\n");
        b.append("fwdocs_undo() {\n");
        b.append("\tif nft list table inet ").append(table).append(" >/dev/null 2>&1; then\n");
        b.append("\t\tfwdocs_run nft delete table inet ").append(table).append('\n');
        b.append("\telse\n");
        b.append("\t\tfwdocs_say \"no table inet ").append(table).append(", nothing to remove\"\n");
        b.append("\tfi\n}\n");

        ShellScript.Spec spec = new ShellScript.Spec(id(), displayName(), version, role, ABOUT);
        return List.of(GeneratedFile.script(ShellScript.fileName(id()), ShellScript.script(spec, b.toString())));
    }

    private static void chain(StringBuilder b, String hook, List<String> lines) {
        b.append("\tprintf '\\tchain ").append(hook).append(" {\\n\\t\\ttype filter hook ").append(hook)
                .append(" priority filter; policy accept;\\n'\n");
        for (String l : lines) {
            b.append(l);
        }
        b.append("\t# IPv6 neighbour discovery (ICMPv6 133-136): without it IPv6 stops working once the neighbour\n");
        b.append("\t# caches expire where a policy drops; accepting it where everything is accepted changes nothing.\n");
        b.append("\tprintf '\\t\\ticmpv6 type { ").append(String.join(", ", ndNames()))
                .append(" } accept comment \"IPv6 neighbour discovery\"\\n'\n");
        b.append("\tprintf '\\t}\\n'\n");
    }

    private static List<String> ndNames() {
        List<String> out = new ArrayList<>();
        for (IcmpType t : IcmpType.values()) {
            if (t.isNeighbourDiscovery()) {
                out.add(t.nftName());
            }
        }
        return out;
    }

    private static void collect(List<ResolvedRule> rules, boolean inbound, Map<String, String> sets,
            List<String> lines) {
        for (ResolvedRule r : rules) {
            String comment = ShellScript.quote(comment(r.rule()));
            for (Peer peer : inbound ? r.from() : r.to()) {
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
                    String set = (peer instanceof Peer.AddressPeer ? "addr_" : "role_") + peer.id() + "_v" + family;
                    if (!(peer instanceof Peer.Any)) {
                        sets.put(set, words.get());
                    }
                    String nfproto = family == 4 ? "ipv4" : "ipv6";
                    String match = (family == 4 ? "ip " : "ip6 ") + (inbound ? "saddr" : "daddr");
                    String addresses = peer instanceof Peer.Any ? "any" : words.get();
                    for (String st : statements) {
                        lines.add("\tfwdocs_rule " + nfproto + " '" + match + "' " + set + " \"" + addresses + "\" \""
                                + st + "\" " + comment + "\n");
                    }
                }
            }
        }
    }

    /** The rule's comment: id, name and description, sanitized and at most 128 bytes. */
    static String comment(Rule rule) {
        String text = rule.id() + ": " + rule.name() + (rule.description().isBlank() ? "" : " - " + rule.description());
        return ShellScript.comment(text, ShellScript.NFT_COMMENT_BYTES, rule.id());
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

    @Override
    public String commands(ResolvedVersion version, RoleView role) {
        String table = table(version, role);
        StringBuilder b = new StringBuilder();
        if (role.inbound().isEmpty()) {
            return "# This role accepts no inbound traffic.\n";
        }
        b.append("# Sources of rules from roles are not limited here; ").append(ShellScript.fileName(id()))
                .append(" --from-ROLE=CIDR,... limits them.\n");
        b.append("nft add table inet ").append(table).append('\n');
        b.append("nft 'add chain inet ").append(table).append(" input { type filter hook input priority filter; }'\n");
        for (ResolvedRule r : role.inbound()) {
            for (Peer peer : r.from()) {
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
                        b.append("nft 'add rule inet ").append(table).append(" input ").append(prefix).append(s)
                                .append(" accept'\n");
                    }
                }
            }
        }
        b.append("nft 'add rule inet ").append(table).append(" input icmpv6 type { ").append(String.join(", ", ndNames()))
                .append(" } accept'\n");
        return b.toString();
    }
}
