package dev.fwdocs.plugin.rules.firewalld;

import dev.fwdocs.catalog.Cidr;
import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.Role;
import dev.fwdocs.catalog.Rule;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.PageCommands;
import dev.fwdocs.plugin.rules.PageNotes;
import dev.fwdocs.plugin.rules.RolePlan;
import dev.fwdocs.plugin.rules.ScriptResources;
import dev.fwdocs.plugin.rules.ShellScript;
import dev.fwdocs.plugin.rules.shell.Sh;
import dev.fwdocs.plugin.rules.shell.ShellText;
import dev.fwdocs.plugin.rules.shell.ShellWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One role translated for firewalld, once: the service of the ports open to any address, the script's ipsets (one per
 * peer and family) with the rich rules that take each as source (zone) or destination (outbound policy), the
 * outbound policy's ports, and what a page opens for any source. The script, the firewalld XML and the page commands
 * are all printed from it, so that they cannot disagree.
 */
record FirewalldPlan(VersionModel model, RoleModel role, String service, String policy, String prefix,
        List<Port> servicePorts, List<String> xmlServicePorts, List<Port> outPorts, List<String> xmlOutPorts,
        List<Ipset> ipsets, Opened opened) implements RolePlan {

    FirewalldPlan {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(prefix, "prefix");
        servicePorts = List.copyOf(servicePorts);
        xmlServicePorts = List.copyOf(xmlServicePorts);
        outPorts = List.copyOf(outPorts);
        xmlOutPorts = List.copyOf(xmlOutPorts);
        ipsets = List.copyOf(ipsets);
        Objects.requireNonNull(opened, "opened");
    }

    /**
     * A port of one protocol: the script's word for it (a configurable rule's port variable, or the port) and the
     * port as the catalog gives it ({@code 5706-5707}; a configurable rule's default).
     */
    record Port(Protocol protocol, Sh word, String port) {
        Port {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(word, "word");
            Objects.requireNonNull(port, "port");
        }

        /** {@code 5701/tcp}, as firewalld lists it. */
        String literal() {
            return port + "/" + protocol.id();
        }

        /** What makes two ports the same port in the script. */
        String key() {
            return word.text() + "/" + protocol.id();
        }
    }

    /** What a rich rule accepts: a port, or an ICMP type (exactly one of the two). */
    record Item(Port port, IcmpType icmp) {
        Item {
            if ((port == null) == (icmp == null)) {
                throw new IllegalArgumentException("a port or an ICMP type");
            }
        }

        String key() {
            return port != null ? "port " + port.key() : "icmp " + icmp.firewalldName();
        }

        /** The rule's element in firewalld's rich language, with the catalog's port. */
        String element() {
            return port != null ? "port port=\"" + port.port() + "\" protocol=\"" + port.protocol().id() + "\""
                    : "icmp-type name=\"" + icmp.firewalldName() + "\"";
        }
    }

    /**
     * One ipset of the script, of a peer (a role, a named address, or any address) and a family: its entries as a
     * shell word (a role's: the variable of its given addresses) and in the XML files (where a role's rules use the
     * ipset of any address instead), and the zone and outbound items whose rich rules take it as source or
     * destination. {@code inXml}: the XML files have it.
     */
    record Ipset(String name, Peer peer, int family, Sh entries, List<String> xmlEntries, String description,
            boolean inXml, List<Item> zone, List<Item> out, List<Rich> outRich) {
        Ipset {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(entries, "entries");
            xmlEntries = List.copyOf(xmlEntries);
            Objects.requireNonNull(description, "description");
            zone = List.copyOf(zone);
            out = List.copyOf(out);
            outRich = List.copyOf(outRich);
        }
    }

    /** One rich rule of the outbound policy as firewalld writes it in XML. */
    record Rich(int family, String side, String ipset, Item item) {
        String xml() {
            StringBuilder b = new StringBuilder();
            b.append("  <rule family=\"ipv").append(family).append("\">\n");
            b.append("    <").append(side).append(" ipset=\"").append(Xml.attr(ipset)).append("\"/>\n");
            if (item.port() != null) {
                b.append("    <port port=\"").append(Xml.attr(item.port().port())).append("\" protocol=\"")
                        .append(Xml.attr(item.port().protocol().id())).append("\"/>\n");
            } else {
                b.append("    <icmp-type name=\"").append(Xml.attr(item.icmp().firewalldName())).append("\"/>\n");
            }
            return b.append("    <accept/>\n  </rule>\n").toString();
        }
    }

    /**
     * What a page opens for any source, in rule order: the ports of the service (those open to any address and those
     * from roles, whose addresses only the script takes), rich rules without ipsets (ICMP types; the networks of named
     * addresses), and the roles whose rules it opens to any address.
     */
    record Opened(List<String> ports, List<PageRule> rules, List<Role> roles) {
        Opened {
            ports = List.copyOf(ports);
            rules = List.copyOf(rules);
            roles = List.copyOf(roles);
        }
    }

    /** A rich rule of a page: one family, a source network ({@code null}: any address of the family), an item. */
    record PageRule(int family, String source, Item item) {
        PageRule {
            Objects.requireNonNull(item, "item");
        }

        /** The rule as firewall-cmd takes it. */
        String text() {
            return "rule family=\"ipv" + family + "\" " + (source == null ? "" : "source address=\"" + source + "\" ")
                    + item.element() + " accept";
        }
    }

    // ---------------------------------------------------------------- translation

    /** Translates the role's inbound then outbound rules in one pass. */
    static FirewalldPlan of(VersionModel model, RoleModel role) {
        ResolvedVersion version = model.resolved();
        Walk w = new Walk(version, role);
        for (ResolvedRule r : role.inbound()) {
            w.rule(r, true);
        }
        for (ResolvedRule r : role.outbound()) {
            w.rule(r, false);
        }
        List<Ipset> ipsets = w.ipsets.values().stream().map(IpsetDraft::done).toList();
        List<Role> roles = role.addressRoles().stream().filter(w.openedRoles::contains).toList();
        return new FirewalldPlan(model, role, w.service, FirewalldBackend.policyName(version, role.view()),
                w.prefix, List.copyOf(w.servicePorts.values()), List.copyOf(w.xmlServicePorts),
                List.copyOf(w.outPorts.values()), List.copyOf(w.xmlOutPorts), ipsets,
                new Opened(List.copyOf(w.openedPorts), List.copyOf(w.openedRules), roles));
    }

    /** An ipset while the rules are walked. */
    private static final class IpsetDraft {
        final String name;
        final Peer peer;
        final int family;
        final Sh entries;
        final List<String> xmlEntries;
        final String description;
        boolean inXml;
        final Map<String, Item> zone = new LinkedHashMap<>();
        final Map<String, Item> out = new LinkedHashMap<>();
        final Set<Rich> outRich = new LinkedHashSet<>();

        IpsetDraft(String name, Peer peer, int family, Sh entries, List<String> xmlEntries, String description) {
            this.name = name;
            this.peer = peer;
            this.family = family;
            this.entries = entries;
            this.xmlEntries = xmlEntries;
            this.description = description;
        }

        Ipset done() {
            return new Ipset(name, peer, family, entries, xmlEntries, description, inXml, List.copyOf(zone.values()),
                    List.copyOf(out.values()), List.copyOf(outRich));
        }
    }

    /** The one walk over the role's rules. */
    private static final class Walk {
        final ResolvedVersion version;
        final RoleModel role;
        final String service;
        final String prefix;
        final Map<String, Port> servicePorts = new LinkedHashMap<>();
        final Set<String> xmlServicePorts = new LinkedHashSet<>();
        final Map<String, Port> outPorts = new LinkedHashMap<>();
        final Set<String> xmlOutPorts = new LinkedHashSet<>();
        final Map<String, IpsetDraft> ipsets = new LinkedHashMap<>();
        final Set<String> openedPorts = new LinkedHashSet<>();
        final Set<PageRule> openedRules = new LinkedHashSet<>();
        final Set<Role> openedRoles = new LinkedHashSet<>();

        Walk(ResolvedVersion version, RoleModel role) {
            this.version = version;
            this.role = role;
            this.service = FirewalldBackend.serviceName(version, role.view());
            this.prefix = FirewalldBackend.ipsetPrefix(version, role.view());
        }

        void rule(ResolvedRule r, boolean inbound) {
            // the peers of the rule that exist in each family: an address without a network of it gets no rule there
            Map<Integer, List<Peer>> present = Map.of(4, role.peers(r, inbound, 4), 6, role.peers(r, inbound, 6));
            List<Item> items = items(r);
            for (Peer peer : inbound ? r.sources() : r.to()) {
                if (inbound && peer instanceof Peer.RolePeer rp) {
                    openedRoles.add(rp.role());
                }
                for (Item it : items) {
                    if (it.port() != null && !(peer instanceof Peer.AddressPeer)) {
                        if (inbound) {
                            openedPorts.add(it.port().literal());
                        }
                        if (peer instanceof Peer.Any) {
                            (inbound ? servicePorts : outPorts).putIfAbsent(it.port().key(), it.port());
                            (inbound ? xmlServicePorts : xmlOutPorts).add(it.port().literal());
                            continue;
                        }
                    }
                    for (int family : new int[] {4, 6}) {
                        if ((it.icmp() != null && it.icmp().protocol().family() != family)
                                || !present.get(family).contains(peer)) {
                            continue;
                        }
                        IpsetDraft set = ipset(peer, family);
                        // with role addresses unset (the XML files) a role's rules use the ipset of any address
                        IpsetDraft xmlSet = peer instanceof Peer.AddressPeer ? set : ipset(new Peer.Any(), family);
                        xmlSet.inXml = true;
                        if (inbound) {
                            set.zone.putIfAbsent(it.key(), it);
                            page(peer, family, it);
                        } else {
                            set.out.putIfAbsent(it.key(), it);
                            set.outRich.add(new Rich(family, "destination", xmlSet.name, it));
                        }
                    }
                }
            }
        }

        /** What the page opens for a rich rule of the zone (ports from any address or a role are in the service). */
        private void page(Peer peer, int family, Item it) {
            if (peer instanceof Peer.AddressPeer ap) {
                for (String source : pageSources(RoleModel.cidrs(ap.address(), family))) {
                    openedRules.add(new PageRule(family, source, it));
                }
            } else if (it.icmp() != null) {
                openedRules.add(new PageRule(family, null, it));
            }
        }

        /** The ipset of a peer and family (a peer that has no network of the family never gets here). */
        private IpsetDraft ipset(Peer peer, int family) {
            String name = FirewalldBackend.ipsetName(prefix, peer, family);
            IpsetDraft existing = ipsets.get(name);
            if (existing != null) {
                return existing;
            }
            Sh shell;
            List<String> xml;
            String what;
            if (peer instanceof Peer.RolePeer rp) {
                shell = Sh.var(ShellScript.sourcesVar(rp.role().id(), family));
                xml = List.of();
                what = "the machines of role " + rp.role().name() + " (--from-" + rp.role().id() + ")";
            } else if (peer instanceof Peer.AddressPeer ap) {
                xml = FirewalldBackend.ipsetEntries(ap.address().cidrs(family));
                shell = Sh.word(String.join(" ", xml));
                what = ap.address().name();
            } else {
                shell = Sh.word("any");
                xml = FirewalldBackend.ANY_ENTRIES.get(family);
                what = "any address";
            }
            IpsetDraft set = new IpsetDraft(name, peer, family, shell, xml, ipsetDescription(version, role, family,
                    what));
            ipsets.put(name, set);
            return set;
        }

        /** A rule's ports per protocol, then its ICMP types. */
        private static List<Item> items(ResolvedRule r) {
            List<Item> items = new ArrayList<>();
            for (Protocol p : r.rule().portProtocols()) {
                for (PortRange range : r.rule().ports()) {
                    Sh word = r.rule().configurable() != null ? Sh.var(ShellScript.portVar(r.id()))
                            : Sh.word(range.format("-"));
                    items.add(new Item(new Port(p, word, range.format("-")), null));
                }
            }
            for (IcmpType t : r.rule().icmpTypes()) {
                items.add(new Item(null, t));
            }
            return items;
        }
    }

    /**
     * A named address's networks of one family as a page's rich rules take them: none inside another, and a /0 as
     * no source at all (any address of the family), never as two halves.
     */
    static List<String> pageSources(List<Cidr> cidrs) {
        List<String> out = new ArrayList<>();
        for (Cidr c : FirewalldBackend.outermost(cidrs)) {
            out.add(c.prefix() == 0 ? null : c.toString());
        }
        return out;
    }

    // ---------------------------------------------------------------- texts

    private ResolvedVersion version() {
        return model.resolved();
    }

    private String shortText() {
        return ShellText.line("fwdocs " + version().catalog().product().id() + " " + role.id(), 120);
    }

    private String serviceDescription() {
        return ShellText.line("Ports of " + version().catalog().product().name() + ", "
                + role.subject(role.role().name()) + ", open to any address. Generated by fwdocs.", 200);
    }

    private String policyDescription() {
        return ShellText.line("Where " + role.subject(role.role().name()) + " of "
                + version().catalog().product().name() + " connects to. Generated by fwdocs.", 300);
    }

    private static String ipsetDescription(ResolvedVersion version, RoleModel role, int family, String what) {
        return ShellText.line("IPv" + family + " networks of " + what + ", for " + role.subject(role.role().name())
                + " of " + version.catalog().product().name() + ". Generated by fwdocs.", 300);
    }

    // ---------------------------------------------------------------- the script and the XML files

    private static final String FUNCTIONS = ScriptResources.text(FirewalldBackend.class, "functions.sh");

    private static final String SCRIPT = ShellScript.fileName(FirewalldBackend.ID);

    @Override
    public List<GeneratedFile> files() {
        ShellScript.Spec spec = new ShellScript.Spec(FirewalldBackend.ID, FirewalldBackend.ID, model, role,
                List.of("Brings firewalld's permanent configuration to exactly what the role needs, then reloads"
                        + " firewalld once (only when something changed): the service " + service + " (ports open to"
                        + " any address) and rich rules in the zone, the ipsets " + prefix + "* the rich rules take"
                        + " their sources from, and the policy " + policy + " for outbound rules.",
                        "--undo removes those objects, and nothing else. Note that a reload drops runtime-only changes"
                                + " (firewall-cmd without --permanent), as every firewall-cmd --reload does.",
                        "--zone=NAME picks the zone that gets the service and the rich rules (FWDOCS_ZONE; default:"
                                + " the default zone); it works whether or not the zone has an interface. firewalld"
                                + " 0.9 or later, running."),
                List.of(new ShellScript.Option("zone", "NAME", "firewalld zone for the inbound rules;"
                        + " default: the default zone (firewall-cmd --get-default-zone)")));
        List<GeneratedFile> out = new ArrayList<>();
        out.add(GeneratedFile.script(SCRIPT, ShellScript.script(spec, shell())));
        if (!xmlServicePorts.isEmpty()) {
            out.add(GeneratedFile.text("firewalld/services/" + service + ".xml", serviceXml()));
        }
        for (Ipset s : ipsets) {
            if (s.inXml()) {
                out.add(GeneratedFile.text("firewalld/ipsets/" + s.name() + ".xml", ipsetXml(s)));
            }
        }
        List<Rich> outRules = outRules();
        if (!xmlOutPorts.isEmpty() || !outRules.isEmpty()) {
            out.add(GeneratedFile.text("firewalld/policies/" + policy + ".xml", policyXml(outRules)));
        }
        return List.copyOf(out);
    }

    /** The outbound rules as the XML has them, in the order the script adds them (it goes ipset by ipset). */
    private List<Rich> outRules() {
        Set<Rich> all = new LinkedHashSet<>();
        ipsets.forEach(s -> all.addAll(s.outRich()));
        return List.copyOf(all);
    }

    /** The script's own part: the names and texts, firewalld's functions, and what this role wants. */
    String shell() {
        ShellWriter w = new ShellWriter();
        w.assign("FWDOCS_SERVICE", service);
        w.assign("FWDOCS_SERVICE_SHORT", Xml.text(shortText()));
        w.assign("FWDOCS_SERVICE_DESCRIPTION", Xml.text(serviceDescription()));
        w.assign("FWDOCS_IPSET_PREFIX", prefix);
        for (int family : new int[] {4, 6}) {
            w.assign("FWDOCS_ANY_DESCRIPTION_" + family,
                    Xml.text(ipsetDescription(version(), role, family, "any address")));
        }
        w.assign("FWDOCS_POLICY_OUT", policy);
        w.assign("FWDOCS_POLICY_SHORT", Xml.text(shortText() + " outbound"));
        w.assign("FWDOCS_POLICY_DESCRIPTION", Xml.text(policyDescription()));
        w.blank();
        w.resource(FUNCTIONS);
        w.blank();
        w.raw("# Role addresses in the form firewalld stores them (unset roles stay \"any\").");
        w.function("fwdocs_normalize_sources", () -> {
            List<Sh> vars = new ArrayList<>();
            for (Role r : role.addressRoles()) {
                vars.add(Sh.word(ShellScript.sourcesVar(r.id(), 4)));
                vars.add(Sh.word(ShellScript.sourcesVar(r.id(), 6)));
            }
            if (!vars.isEmpty()) {
                w.command("fwdocs_normalize", vars);
            }
        });
        w.blank();
        w.raw("# What this role wants: the service's ports, and per ipset the rich rules that take it as");
        w.raw("# source (zone) or destination (outbound policy).");
        w.function("fwdocs_desired", () -> {
            servicePorts.forEach(p -> w.command("fwdocs_want_port", p.word(), Sh.word(p.protocol().id())));
            outPorts.forEach(p -> w.command("fwdocs_want_out_port", p.word(), Sh.word(p.protocol().id())));
            for (Ipset s : ipsets) {
                if (s.zone().isEmpty() && s.out().isEmpty()) {
                    continue;
                }
                w.command("fwdocs_want_ipset", Sh.word(s.name()), Sh.word(Integer.toString(s.family())),
                        s.entries(), Sh.word(Xml.text(shortText())), Sh.word(Xml.text(s.description())));
                s.zone().forEach(it -> w.command("fwdocs_want_rich", richWords(it)));
                s.out().forEach(it -> w.command("fwdocs_want_out_rich", richWords(it)));
            }
        });
        w.blank();
        w.raw("# For --audit, the catalog's rule names by protocol and port (firewalld's objects carry none): this role's");
        w.raw("# rules first, then this version's, then those of the other versions (an older run's extra rules).");
        w.function("fwdocs_names", () -> {
            Set<String> seen = new LinkedHashSet<>();
            Set<Rule> current = new LinkedHashSet<>();
            role.view().inbound().forEach(r -> current.add(r.rule()));
            role.view().outbound().forEach(r -> current.add(r.rule()));
            version().rules().forEach(r -> current.add(r.rule()));
            Set<Rule> all = new LinkedHashSet<>(current);
            all.addAll(version().catalog().rules());
            w.raw(":");
            for (Rule r : all) {
                Sh name = Sh.word(ShellScript.ruleComment(r, ShellText.NFT_COMMENT_BYTES));
                for (Protocol p : r.portProtocols()) {
                    for (PortRange range : r.ports()) {
                        // only this role's configurable rules have their port variable in the script
                        boolean moved = r.configurable() != null && role.configurable().contains(r);
                        Sh port = moved ? Sh.var(ShellScript.portVar(r.id())) : Sh.word(range.format("-"));
                        if (seen.add(p.id() + " " + (moved ? "$" + r.id() : range.format("-")))) {
                            w.command("fwdocs_name", Sh.word(p.id()), port, name);
                        }
                    }
                }
                for (IcmpType t : r.icmpTypes()) {
                    if (seen.add(t.protocol().id() + " " + t.firewalldName())) {
                        w.command("fwdocs_name", Sh.word(t.protocol().id()), Sh.word(t.firewalldName()), name);
                    }
                }
            }
        });
        return w.text();
    }

    /** {@code port PORT PROTO} or {@code icmp TYPE}: what fwdocs_want_rich puts in a rich rule. */
    private static List<Sh> richWords(Item it) {
        return it.port() != null
                ? List.of(Sh.word("port"), it.port().word(), Sh.word(it.port().protocol().id()))
                : List.of(Sh.word("icmp"), Sh.word(it.icmp().firewalldName()));
    }

    String serviceXml() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service>\n");
        b.append("  <short>").append(Xml.text(shortText())).append("</short>\n");
        b.append("  <description>").append(Xml.text(serviceDescription())).append("</description>\n");
        xmlServicePorts.forEach(p -> b.append(portXml(p)));
        return b.append("</service>\n").toString();
    }

    String ipsetXml(Ipset s) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        b.append("<ipset type=\"hash:net\">\n");
        b.append("  <short>").append(Xml.text(shortText())).append("</short>\n");
        b.append("  <description>").append(Xml.text(s.description())).append("</description>\n");
        if (s.family() == 6) {
            b.append("  <option name=\"family\" value=\"inet6\"/>\n");
        }
        s.xmlEntries().forEach(e -> b.append("  <entry>").append(Xml.text(e)).append("</entry>\n"));
        return b.append("</ipset>\n").toString();
    }

    String policyXml(List<Rich> outRules) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        b.append("<policy target=\"CONTINUE\">\n");
        b.append("  <short>").append(Xml.text(shortText() + " outbound")).append("</short>\n");
        b.append("  <description>").append(Xml.text(policyDescription())).append("</description>\n");
        xmlOutPorts.forEach(p -> b.append(portXml(p)));
        outRules.forEach(r -> b.append(r.xml()));
        b.append("  <ingress-zone name=\"HOST\"/>\n");
        b.append("  <egress-zone name=\"ANY\"/>\n");
        return b.append("</policy>\n").toString();
    }

    private static String portXml(String p) {
        int slash = p.indexOf('/');
        return "  <port port=\"" + Xml.attr(p.substring(0, slash)) + "\" protocol=\""
                + Xml.attr(p.substring(slash + 1)) + "\"/>\n";
    }

    // ---------------------------------------------------------------- the page

    /**
     * The page: the owned service with every port the role accepts from any address or from a role (whose addresses
     * only the script takes) added to the default zone, rich rules for ICMP types and for the networks of named
     * addresses, one reload; and notes on what only the script does.
     */
    @Override
    public PageCommands page() {
        ShellWriter w = new ShellWriter();
        if (!opened.ports().isEmpty()) {
            firewallCmd(w, "--new-service=" + service);
            firewallCmd(w, "--service=" + service, "--set-short", shortText());
            firewallCmd(w, "--service=" + service, "--set-description", serviceDescription());
            opened.ports().forEach(p -> firewallCmd(w, "--service=" + service, "--add-port=" + p));
            firewallCmd(w, "--add-service=" + service);
        }
        Set<String> anyIcmp = new LinkedHashSet<>();
        opened.rules().stream().filter(r -> r.source() == null && r.item().icmp() != null)
                .forEach(r -> anyIcmp.add(r.family() + " " + r.item().key()));
        boolean rich = false;
        for (PageRule r : opened.rules()) {
            boolean covered = r.source() != null && (r.item().port() != null
                    ? opened.ports().contains(r.item().port().literal())
                    : anyIcmp.contains(r.family() + " " + r.item().key()));
            if (!covered) {
                firewallCmd(w, "--add-rich-rule", r.text());
                rich = true;
            }
        }
        if (!opened.ports().isEmpty() || rich) {
            w.command("firewall-cmd", Sh.word("--reload"));
        } else {
            w.comment("no incoming port of this role can be opened with firewall-cmd");
        }
        List<String> notes = new ArrayList<>();
        if (!opened.ports().isEmpty() || rich) {
            notes.add("These commands change the default zone. For another zone, add --zone=NAME to the commands"
                    + " with --add-service and --add-rich-rule (" + SCRIPT + " takes --zone=NAME).");
        }
        notes.addAll(PageNotes.forScript(SCRIPT, role));
        if (!opened.roles().isEmpty()) {
            notes.add("With --from-ROLE, " + SCRIPT + " puts the rules of that role on an ipset of the addresses you"
                    + " give, as rich rules; the service keeps only the ports open to any address.");
        }
        if (rich) {
            // the script knows its rich rules by its ipsets, so it can never take these for its own
            notes.add("If you later run " + SCRIPT + ", it "
                    + (opened.ports().isEmpty() ? "leaves these rich rules alone"
                            : "takes over the service " + service + " but leaves these rich rules alone")
                    + ": remove them with the same commands, with --remove-rich-rule instead of --add-rich-rule.");
        }
        return new PageCommands(w.text(), notes);
    }

    /** {@code firewall-cmd --permanent WORDS...}. */
    private static void firewallCmd(ShellWriter w, String... words) {
        List<Sh> all = new ArrayList<>(List.of(Sh.word("--permanent")));
        for (String s : words) {
            all.add(Sh.word(s));
        }
        w.command("firewall-cmd", all);
    }
}
