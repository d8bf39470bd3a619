package dev.fwdocs.plugin.rules.firewalld;

import dev.fwdocs.plugin.rules.shell.ShellText;
import dev.fwdocs.plugin.rules.shell.Sh;
import dev.fwdocs.catalog.Cidr;
import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.Role;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The firewalld backend: per role, a script that brings firewalld's permanent configuration to exactly what the role
 * needs (then reloads once, only when something changed), and the same objects as firewalld XML files. Inbound rules
 * live in the chosen zone itself (so they work whether or not the zone has an interface bound): the owned service
 * {@code fwdocs-<product>-<role>} with the ports open to any address, and rich rules that always name one of the
 * script's own ipsets ({@code fwd<hash>-...}, one per role or address and family) as their source, which is how the
 * script tells its rich rules from everyone else's. Outbound rules go to an owned policy from HOST to ANY.
 */
public final class FirewalldBackend implements RuleBackend {

    /** firewalld limits policy names to 18 characters (its chain names must fit in 28). */
    static final int POLICY_NAME_CHARS = 18;

    /** firewalld (and the kernel's ipset) limit ipset names to 32 characters. */
    static final int IPSET_NAME_CHARS = 32;

    /** What hash:net ipsets hold for "any address" (they take no /0): the two halves of each family. */
    static final Map<Integer, List<String>> ANY_ENTRIES = Map.of(4, List.of("0.0.0.0/1", "128.0.0.0/1"),
            6, List.of("::/1", "8000::/1"));

    @Override
    public String id() {
        return "firewalld";
    }

    @Override
    public String displayName() {
        return "firewalld";
    }

    static String serviceName(ResolvedVersion version, RoleView role) {
        return "fwdocs-" + version.catalog().product().id() + "-" + role.role().id();
    }

    static String policyName(ResolvedVersion version, RoleView role) {
        return ShellText.shortName("fwd-", List.of(version.catalog().product().id(), role.role().id()), "-out",
                POLICY_NAME_CHARS);
    }

    /** The prefix of every ipset of a product's role: {@code fwd} and a 6-hex-digit hash of product and role. */
    static String ipsetPrefix(ResolvedVersion version, RoleView role) {
        String key = version.catalog().product().id() + "/" + role.role().id();
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "fwd" + HexFormat.of().formatHex(d).substring(0, 6) + "-";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The ipset of one peer (a role, an address, or any address) and family. */
    static String ipsetName(String prefix, Peer peer, int family) {
        List<String> parts;
        if (peer instanceof Peer.RolePeer rp) {
            parts = List.of("r", rp.role().id());
        } else if (peer instanceof Peer.AddressPeer ap) {
            parts = List.of("a", ap.address().id());
        } else {
            parts = List.of("any");
        }
        return ShellText.shortName(prefix, parts, "-" + family, IPSET_NAME_CHARS);
    }

    /**
     * An address's CIDRs of one family as firewalld stores them in an ipset: sorted, none inside another (firewalld
     * refuses overlapping entries), a /0 as the two halves.
     */
    static List<String> ipsetEntries(List<Cidr> cidrs) {
        List<Cidr> sorted = cidrs.stream().sorted().distinct().toList();
        List<String> out = new ArrayList<>();
        for (Cidr c : sorted) {
            if (sorted.stream().anyMatch(o -> o != c && !o.equals(c) && contains(o, c))) {
                continue;
            }
            if (c.prefix() == 0) {
                out.addAll(ANY_ENTRIES.get(c.family()));
            } else {
                out.add(c.toString());
            }
        }
        return List.copyOf(out);
    }

    private static boolean contains(Cidr outer, Cidr inner) {
        if (outer.family() != inner.family() || outer.prefix() > inner.prefix()) {
            return false;
        }
        byte[] a = outer.address();
        byte[] b = inner.address();
        for (int i = 0; i < a.length; i++) {
            int keep = Math.max(0, Math.min(8, outer.prefix() - 8 * i));
            int mask = (0xff << (8 - keep)) & 0xff;
            if ((a[i] & mask) != (b[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public BackendFacts facts() {
        return FACTS;
    }

    private static final BackendFacts FACTS = new BackendFacts("sudo firewall-cmd --list-all",
            List.of(new BackendFacts.DefaultTab(20, "rhel", "RHEL / Rocky / Alma / CentOS Stream / Fedora"),
                    new BackendFacts.DefaultTab(25, "suse", "SUSE")),
            EnumSet.allOf(Protocol.class));

    @Override
    public RolePlan plan(VersionModel version, RoleModel role) {
        return new PrintedPlan(render(version, role),
                PageCommands.of(commands(version.resolved(), role)));
    }

    private List<GeneratedFile> render(VersionModel model, RoleModel roleModel) {
        ResolvedVersion version = model.resolved();
        RoleView role = roleModel.view();
        Plan plan = new Plan(version, role, roleModel.addressRoles());
        ShellScript.Spec spec = new ShellScript.Spec(id(), displayName(), model, roleModel, List.of(
                "Brings firewalld's permanent configuration to exactly what the role needs, then reloads firewalld"
                        + " once (only when something changed): the service " + plan.service + " (ports open to any"
                        + " address) and rich rules in the zone, the ipsets " + plan.prefix + "* the rich rules take"
                        + " their sources from, and the policy " + plan.policy + " for outbound rules.",
                "--undo removes those objects, and nothing else. Note that a reload drops runtime-only changes"
                        + " (firewall-cmd without --permanent), as every firewall-cmd --reload does.",
                "--zone=NAME picks the zone that gets the service and the rich rules (FWDOCS_ZONE; default: the"
                        + " default zone); it works whether or not the zone has an interface. firewalld 0.9 or later,"
                        + " running."),
                List.of(new ShellScript.Option("zone", "NAME", "firewalld zone for the inbound rules;"
                        + " default: the default zone (firewall-cmd --get-default-zone)")));
        List<GeneratedFile> out = new ArrayList<>();
        out.add(GeneratedFile.script(ShellScript.fileName(id()), ShellScript.script(spec, plan.shell())));
        if (!plan.xmlServicePorts.isEmpty()) {
            out.add(GeneratedFile.text("firewalld/services/" + plan.service + ".xml", plan.serviceXml()));
        }
        for (IpsetPlan s : plan.ipsets.values()) {
            if (!s.inXml) {
                continue;
            }
            out.add(GeneratedFile.text("firewalld/ipsets/" + s.name + ".xml", plan.ipsetXml(s)));
        }
        if (!plan.outPorts.isEmpty() || !plan.outRules.isEmpty()) {
            out.add(GeneratedFile.text("firewalld/policies/" + plan.policy + ".xml", plan.policyXml()));
        }
        return List.copyOf(out);
    }

    private String commands(ResolvedVersion version, RoleModel role) {
        // For a page: the zone form with role addresses unset (any), as the XML files have it; the script's
        // --from-<role> puts a role's rules on an ipset of that role's addresses instead.
        Plan plan = new Plan(version, role.view(), role.addressRoles());
        String s = plan.service;
        StringBuilder b = new StringBuilder();
        for (IpsetPlan set : plan.ipsets.values()) {
            if (!set.inbound || !set.inXml) {
                continue;
            }
            b.append("firewall-cmd --permanent --new-ipset=").append(set.name).append(" --type=hash:net --family=")
                    .append(set.family == 4 ? "inet" : "inet6").append('\n');
            b.append("firewall-cmd --permanent --ipset=").append(set.name);
            for (String e : set.xmlEntries) {
                b.append(" --add-entry=").append(e);
            }
            b.append('\n');
        }
        if (!plan.xmlServicePorts.isEmpty()) {
            b.append("firewall-cmd --permanent --new-service=").append(s).append('\n');
            b.append("firewall-cmd --permanent --service=").append(s);
            for (String p : plan.xmlServicePorts) {
                b.append(" --add-port=").append(p);
            }
            b.append('\n');
            b.append("firewall-cmd --permanent --add-service=").append(s).append('\n');
        }
        if (!plan.xmlZoneRules.isEmpty()) {
            b.append("firewall-cmd --permanent");
            for (String r : plan.xmlZoneRules) {
                b.append(" \\\n  --add-rich-rule=").append(Sh.quote(r));
            }
            b.append('\n');
        }
        if (b.length() == 0) {
            return "# no inbound ports for this role\n";
        }
        return b.append("firewall-cmd --reload\n").toString();
    }

    /** A rich rule in firewalld's language, as firewall-cmd lists it; {@code side} is {@code source} or {@code destination}. */
    static String richText(int family, String side, String ipset, String element) {
        return "rule family=\"ipv" + family + "\" " + side + " ipset=\"" + ipset + "\" " + element + " accept";
    }

    static String portElement(String port, Protocol p) {
        return "port port=\"" + port + "\" protocol=\"" + p.id() + "\"";
    }

    static String icmpElement(IcmpType t) {
        return "icmp-type name=\"" + t.firewalldName() + "\"";
    }

    /** One rich rule as firewalld writes it in XML. */
    record Rich(int family, String side, String ipset, String element, String a1, String v1, String a2,
            String v2) {
        String xml() {
            StringBuilder b = new StringBuilder();
            b.append("  <rule family=\"ipv").append(family).append("\">\n");
            b.append("    <").append(side).append(" ipset=\"").append(Xml.attr(ipset)).append("\"/>\n");
            b.append("    <").append(element).append(' ').append(a1).append("=\"").append(Xml.attr(v1)).append('"');
            if (a2 != null) {
                b.append(' ').append(a2).append("=\"").append(Xml.attr(v2)).append('"');
            }
            b.append("/>\n    <accept/>\n  </rule>\n");
            return b.toString();
        }
    }

    /** One ipset: its peer and family, its entries in shell (a word that may expand a variable) and in the XML. */
    static final class IpsetPlan {
        final String name;
        final Peer peer;
        final int family;
        final String shellEntries;
        final List<String> xmlEntries;
        final String description;
        boolean inbound;
        boolean inXml;
        final Set<String> zoneShell = new LinkedHashSet<>();
        final Set<String> outShell = new LinkedHashSet<>();
        /** The outbound rules as the XML has them, in the order the script adds them (it goes ipset by ipset). */
        final Set<Rich> outRich = new LinkedHashSet<>();

        IpsetPlan(String name, Peer peer, int family, String shellEntries, List<String> xmlEntries,
                String description) {
            this.name = name;
            this.peer = peer;
            this.family = family;
            this.shellEntries = shellEntries;
            this.xmlEntries = xmlEntries;
            this.description = description;
        }
    }

    /** The whole role: shell text and the XML model, built in one pass so that they cannot disagree. */
    static final class Plan {
        final ResolvedVersion version;
        final RoleView role;
        final String service;
        final String policy;
        final String prefix;
        final Set<String> shellServicePorts = new LinkedHashSet<>();
        final Set<String> xmlServicePorts = new LinkedHashSet<>();
        final Map<String, IpsetPlan> ipsets = new LinkedHashMap<>();
        final Set<String> xmlZoneRules = new LinkedHashSet<>();
        final Set<String> shellOutPorts = new LinkedHashSet<>();
        final Set<String> outPorts = new LinkedHashSet<>();
        final Set<Rich> outRules = new LinkedHashSet<>();
        final List<Role> sourceRoles;

        Plan(ResolvedVersion version, RoleView role, List<Role> sourceRoles) {
            this.version = version;
            this.role = role;
            this.service = serviceName(version, role);
            this.policy = policyName(version, role);
            this.prefix = ipsetPrefix(version, role);
            this.sourceRoles = List.copyOf(sourceRoles);
            for (ResolvedRule r : role.inbound()) {
                rule(r, true);
            }
            for (ResolvedRule r : role.outbound()) {
                rule(r, false);
            }
            for (IpsetPlan set : ipsets.values()) {
                outRules.addAll(set.outRich);
            }
        }

        private void rule(ResolvedRule r, boolean inbound) {
            List<Peer> peers = inbound ? r.sources() : r.to();
            List<Item> items = items(r);
            for (Peer peer : peers) {
                for (Item it : items) {
                    if (peer instanceof Peer.Any && it.icmp == null) {
                        String shell = it.shellPort + "/" + it.proto.id();
                        String xml = it.xmlPort + "/" + it.proto.id();
                        if (inbound) {
                            shellServicePorts.add(shell);
                            xmlServicePorts.add(xml);
                        } else {
                            shellOutPorts.add(shell);
                            outPorts.add(xml);
                        }
                        continue;
                    }
                    for (int family : new int[] {4, 6}) {
                        if (it.icmp != null && it.icmp.protocol().family() != family) {
                            continue;
                        }
                        IpsetPlan set = ipset(peer, family);
                        if (set == null) {
                            continue;
                        }
                        // with role addresses unset (the XML files, the page) a role's rules use the "any" ipset
                        IpsetPlan xmlSet = peer instanceof Peer.AddressPeer ? set : ipset(new Peer.Any(), family);
                        xmlSet.inXml = true;
                        xmlSet.inbound |= inbound;
                        String side = inbound ? "source" : "destination";
                        String shellElement = it.icmp == null ? portElement(it.shellPort, it.proto)
                                : icmpElement(it.icmp);
                        String shellRule = richText(family, side, "$fwdocs_set", shellElement);
                        (inbound ? set.zoneShell : set.outShell).add(shellRule);
                        Rich rich = it.icmp == null
                                ? new Rich(family, side, xmlSet.name, "port", "port", it.xmlPort, "protocol",
                                        it.proto.id())
                                : new Rich(family, side, xmlSet.name, "icmp-type", "name", it.icmp.firewalldName(),
                                        null, null);
                        if (inbound) {
                            xmlZoneRules.add(richText(family, side, xmlSet.name, it.icmp == null
                                    ? portElement(it.xmlPort, it.proto) : icmpElement(it.icmp)));
                        } else {
                            set.outRich.add(rich);
                        }
                    }
                }
            }
        }

        /** The ipset of a peer and family; null when the peer has no network of that family (no rule at all). */
        private IpsetPlan ipset(Peer peer, int family) {
            String name = ipsetName(prefix, peer, family);
            IpsetPlan existing = ipsets.get(name);
            if (existing != null) {
                return existing;
            }
            String shell;
            List<String> xml;
            String what;
            if (peer instanceof Peer.RolePeer rp) {
                shell = "\"$" + ShellScript.sourcesVar(rp.role().id(), family) + "\"";
                xml = List.of();
                what = "the machines of role " + rp.role().name() + " (--from-" + rp.role().id() + ")";
            } else if (peer instanceof Peer.AddressPeer ap) {
                xml = ipsetEntries(ap.address().cidrs(family));
                if (xml.isEmpty()) {
                    return null;
                }
                shell = Sh.quote(String.join(" ", xml));
                what = ap.address().name();
            } else {
                shell = "any";
                xml = ANY_ENTRIES.get(family);
                what = "any address";
            }
            String description = ipsetDescription(family, what);
            IpsetPlan set = new IpsetPlan(name, peer, family, shell, xml, description);
            ipsets.put(name, set);
            return set;
        }

        private String ipsetDescription(int family, String what) {
            return ShellText.line("IPv" + family + " networks of " + what + ", for role " + role.role().name()
                    + " of " + version.catalog().product().name() + ". Generated by fwdocs.", 300);
        }

        /** A rule's ports per protocol, then its ICMP types. */
        private static List<Item> items(ResolvedRule r) {
            List<Item> items = new ArrayList<>();
            for (Protocol p : r.rule().portProtocols()) {
                for (PortRange range : r.rule().ports()) {
                    items.add(new Item(p, ShellScript.portText(r.rule(), range, "-"), range.format("-"), null));
                }
            }
            for (IcmpType t : r.rule().icmpTypes()) {
                items.add(new Item(null, null, null, t));
            }
            return items;
        }

        String shell() {
            StringBuilder b = new StringBuilder();
            b.append("FWDOCS_SERVICE=").append(Sh.quote(service)).append('\n');
            b.append("FWDOCS_SERVICE_SHORT=").append(Sh.quote(Xml.text(shortText()))).append('\n');
            b.append("FWDOCS_SERVICE_DESCRIPTION=").append(Sh.quote(Xml.text(serviceDescription())))
                    .append('\n');
            b.append("FWDOCS_IPSET_PREFIX=").append(Sh.quote(prefix)).append('\n');
            for (int family : new int[] {4, 6}) {
                b.append("FWDOCS_ANY_DESCRIPTION_").append(family).append('=')
                        .append(Sh.quote(Xml.text(ipsetDescription(family, "any address")))).append('\n');
            }
            b.append("FWDOCS_POLICY_OUT=").append(Sh.quote(policy)).append('\n');
            b.append("FWDOCS_POLICY_SHORT=").append(Sh.quote(Xml.text(shortText() + " outbound")))
                    .append('\n');
            b.append("FWDOCS_POLICY_DESCRIPTION=").append(Sh.quote(Xml.text(policyDescription())))
                    .append('\n');
            b.append("case $FWDOCS_OPT_ZONE in\n");
            b.append("*[!A-Za-z0-9_.+-]*) fwdocs_usage_error \"--zone: '$FWDOCS_OPT_ZONE' is not a zone name\" ;;\n");
            b.append("esac\n\n");
            b.append(FUNCTIONS);
            b.append("\n# Role addresses in the form firewalld stores them (unset roles stay \"any\").\n");
            b.append("fwdocs_normalize_sources() {\n");
            List<String> vars = new ArrayList<>();
            for (Role r : sourceRoles) {
                vars.add(ShellScript.sourcesVar(r.id(), 4));
                vars.add(ShellScript.sourcesVar(r.id(), 6));
            }
            b.append(vars.isEmpty() ? "\t:\n" : "\tfwdocs_normalize " + String.join(" ", vars) + "\n");
            b.append("}\n\n");
            b.append("# What this role wants: the service's ports, and per ipset the rich rules that take it as\n");
            b.append("# source (zone) or destination (outbound policy).\n");
            b.append("fwdocs_desired() {\n");
            for (String p : shellServicePorts) {
                b.append("\tfwdocs_want_port ").append(word(p)).append('\n');
            }
            for (String p : shellOutPorts) {
                b.append("\tfwdocs_want_out_port ").append(word(p)).append('\n');
            }
            for (IpsetPlan s : ipsets.values()) {
                if (s.zoneShell.isEmpty() && s.outShell.isEmpty()) {
                    continue;
                }
                b.append("\tif fwdocs_want_ipset ").append(Sh.quote(s.name)).append(' ').append(s.family)
                        .append(' ').append(s.shellEntries).append(' ')
                        .append(Sh.quote(Xml.text(shortText()))).append(' ')
                        .append(Sh.quote(Xml.text(s.description))).append("; then\n");
                for (String r : s.zoneShell) {
                    b.append("\t\tfwdocs_want_rich \"").append(r.replace("\"", "\\\"")).append("\"\n");
                }
                for (String r : s.outShell) {
                    b.append("\t\tfwdocs_want_out_rich \"").append(r.replace("\"", "\\\"")).append("\"\n");
                }
                b.append("\tfi\n");
            }
            b.append("\t:\n}\n");
            return b.toString();
        }

        private String shortText() {
            return ShellText.line("fwdocs " + version.catalog().product().id() + " " + role.role().id(), 120);
        }

        private String serviceDescription() {
            return ShellText.line("Ports of " + version.catalog().product().name() + ", role " + role.role().name()
                    + ", open to any address. Generated by fwdocs.", 200);
        }

        private String policyDescription() {
            return ShellText.line("Where role " + role.role().name() + " of " + version.catalog().product().name()
                    + " connects to. Generated by fwdocs.", 300);
        }

        String serviceXml() {
            StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service>\n");
            b.append("  <short>").append(Xml.text(shortText())).append("</short>\n");
            b.append("  <description>").append(Xml.text(serviceDescription())).append("</description>\n");
            for (String p : xmlServicePorts) {
                b.append(portXml(p));
            }
            return b.append("</service>\n").toString();
        }

        String ipsetXml(IpsetPlan s) {
            StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
            b.append("<ipset type=\"hash:net\">\n");
            b.append("  <short>").append(Xml.text(shortText())).append("</short>\n");
            b.append("  <description>").append(Xml.text(s.description)).append("</description>\n");
            if (s.family == 6) {
                b.append("  <option name=\"family\" value=\"inet6\"/>\n");
            }
            for (String e : s.xmlEntries) {
                b.append("  <entry>").append(Xml.text(e)).append("</entry>\n");
            }
            return b.append("</ipset>\n").toString();
        }

        String policyXml() {
            StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
            b.append("<policy target=\"CONTINUE\">\n");
            b.append("  <short>").append(Xml.text(shortText() + " outbound")).append("</short>\n");
            b.append("  <description>").append(Xml.text(policyDescription())).append("</description>\n");
            for (String port : outPorts) {
                b.append(portXml(port));
            }
            for (Rich r : outRules) {
                b.append(r.xml());
            }
            b.append("  <ingress-zone name=\"HOST\"/>\n");
            b.append("  <egress-zone name=\"ANY\"/>\n");
            return b.append("</policy>\n").toString();
        }

        private static String portXml(String p) {
            int slash = p.indexOf('/');
            return "  <port port=\"" + Xml.attr(p.substring(0, slash)) + "\" protocol=\""
                    + Xml.attr(p.substring(slash + 1)) + "\"/>\n";
        }
    }

    /** A shell word: double-quoted when it expands a variable. */
    static String word(String s) {
        return s.contains("$") ? "\"" + s + "\"" : s;
    }

    /** One port (with its shell form, which may be a variable, and its catalog form) or one ICMP type. */
    record Item(Protocol proto, String shellPort, String xmlPort, IcmpType icmp) {
    }

    private static final String FUNCTIONS = ScriptResources.text(FirewalldBackend.class, "functions.sh");
}
