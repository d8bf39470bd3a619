package dev.fwdocs.plugin.rules.firewalld;

import dev.fwdocs.catalog.Cidr;
import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.RuleBackend;
import dev.fwdocs.plugin.rules.ScriptResources;
import dev.fwdocs.plugin.rules.ShellScript;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The firewalld backend: per role, a script of {@code firewall-cmd --permanent} commands plus a reload, and the same
 * configuration as firewalld XML files. Everything lives in objects this backend owns: a service
 * {@code fwdocs-<product>-<role>} with the ports open to any address, and policies (ingress zone to HOST for
 * inbound, HOST to ANY for outbound) that hold the service, the ports and the rich rules limited to sources.
 */
public final class FirewalldBackend implements RuleBackend {

    /** firewalld limits policy names to 18 characters (its chain names must fit in 28). */
    static final int POLICY_NAME_CHARS = 18;

    /** The zone the XML policies name, since XML cannot ask for the default zone; it is firewalld's shipped default. */
    static final String XML_ZONE = "public";

    @Override
    public String id() {
        return "firewalld";
    }

    @Override
    public String displayName() {
        return "firewalld";
    }

    @Override
    public List<Diagnostic> unsupported(ResolvedVersion version) {
        // firewalld expresses tcp, udp, sctp, ranges, every catalog ICMP type and addresses of both families.
        return List.of();
    }

    static String serviceName(ResolvedVersion version, RoleView role) {
        return "fwdocs-" + version.catalog().product().id() + "-" + role.role().id();
    }

    static String policyName(ResolvedVersion version, RoleView role, boolean inbound) {
        return ShellScript.shortName("fwd-", List.of(version.catalog().product().id(), role.role().id()),
                inbound ? "-in" : "-out", POLICY_NAME_CHARS);
    }

    @Override
    public List<GeneratedFile> render(ResolvedVersion version, RoleView role) {
        Plan plan = new Plan(version, role);
        ShellScript.Spec spec = new ShellScript.Spec(id(), displayName(), version, role, List.of(
                "Writes firewalld's permanent configuration, then reloads firewalld: the service "
                        + plan.service + " (ports open to any address) and the policies " + String.join(" and ",
                        plan.policyNames()) + " (from the zone to this host, and from this host out).",
                "--undo deletes those objects, and nothing else. Note that a reload drops runtime-only changes"
                        + " (firewall-cmd without --permanent), as every firewall-cmd --reload does.",
                "--zone=NAME picks the zone whose traffic the inbound policy accepts (FWDOCS_ZONE; default: the"
                        + " default zone). firewalld 0.9 or later, running."),
                List.of(new ShellScript.Option("zone", "NAME", "firewalld zone of the inbound policy;"
                        + " default: the default zone (firewall-cmd --get-default-zone)")));
        List<GeneratedFile> out = new ArrayList<>();
        out.add(GeneratedFile.script(ShellScript.fileName(id()), ShellScript.script(spec, plan.shell())));
        if (!plan.servicePorts.isEmpty()) {
            out.add(GeneratedFile.text("firewalld/" + plan.service + ".xml", plan.serviceXml()));
        }
        for (PolicyPlan p : plan.policies()) {
            out.add(GeneratedFile.text("firewalld/" + p.name + ".xml", plan.policyXml(p)));
        }
        return List.copyOf(out);
    }

    @Override
    public String commands(ResolvedVersion version, RoleView role) {
        // For a page: the plain zone form (service in the default zone, rich rules for fixed addresses and ICMP).
        String s = serviceName(version, role);
        Set<String> ports = new LinkedHashSet<>();
        Set<String> rich = new LinkedHashSet<>();
        for (ResolvedRule r : role.inbound()) {
            for (Peer peer : r.sources()) {
                for (Protocol p : r.rule().portProtocols()) {
                    for (PortRange range : r.rule().ports()) {
                        if (peer instanceof Peer.AddressPeer ap) {
                            for (Cidr c : ShellScript.cidrs(ap.address(), 4)) {
                                rich.add(richText(4, "source", c.toString(), portElement(range.format("-"), p)));
                            }
                            for (Cidr c : ShellScript.cidrs(ap.address(), 6)) {
                                rich.add(richText(6, "source", c.toString(), portElement(range.format("-"), p)));
                            }
                        } else {
                            ports.add(range.format("-") + "/" + p.id());
                        }
                    }
                }
                for (IcmpType t : r.rule().icmpTypes()) {
                    int family = t.protocol().family();
                    if (peer instanceof Peer.AddressPeer ap) {
                        for (Cidr c : ShellScript.cidrs(ap.address(), family)) {
                            rich.add(richText(family, "source", c.toString(), icmpElement(t)));
                        }
                    } else {
                        rich.add(richText(family, null, null, icmpElement(t)));
                    }
                }
            }
        }
        StringBuilder b = new StringBuilder();
        if (!ports.isEmpty()) {
            b.append("firewall-cmd --permanent --new-service=").append(s).append('\n');
            for (String p : ports) {
                b.append("firewall-cmd --permanent --service=").append(s).append(" --add-port=").append(p).append('\n');
            }
            b.append("firewall-cmd --permanent --add-service=").append(s).append('\n');
        }
        for (String r : rich) {
            b.append("firewall-cmd --permanent --add-rich-rule=").append(ShellScript.quote(r)).append('\n');
        }
        if (b.length() == 0) {
            return "# no inbound ports for this role\n";
        }
        return b.append("firewall-cmd --reload\n").toString();
    }

    static String portElement(String port, Protocol p) {
        return "port port=\"" + port + "\" protocol=\"" + p.id() + "\"";
    }

    static String icmpElement(IcmpType t) {
        return "icmp-type name=\"" + t.firewalldName() + "\"";
    }

    /** A rich rule in firewalld's language; {@code side} is {@code source}, {@code destination} or null. */
    static String richText(int family, String side, String address, String element) {
        return "rule family=\"ipv" + family + "\"" + (side == null ? "" : " " + side + " address=\"" + address + "\"")
                + " " + element + " accept";
    }

    /** One rich rule as firewalld writes it in XML. */
    record Rich(int family, String side, String address, String element, String a1, String v1, String a2,
            String v2) {
        static Rich port(int family, String side, String address, String port, Protocol p) {
            return new Rich(family, side, address, "port", "port", port, "protocol", p.id());
        }

        static Rich icmp(int family, String side, String address, IcmpType t) {
            return new Rich(family, side, address, "icmp-type", "name", t.firewalldName(), null, null);
        }

        String xml() {
            StringBuilder b = new StringBuilder();
            b.append("  <rule family=\"ipv").append(family).append("\">\n");
            if (side != null) {
                b.append("    <").append(side).append(" address=\"").append(Xml.attr(address)).append("\"/>\n");
            }
            b.append("    <").append(element).append(' ').append(a1).append("=\"").append(Xml.attr(v1)).append('"');
            if (a2 != null) {
                b.append(' ').append(a2).append("=\"").append(Xml.attr(v2)).append('"');
            }
            b.append("/>\n    <accept/>\n  </rule>\n");
            return b.toString();
        }
    }

    /** What one policy holds when the script runs without options (role addresses unset: any). */
    static final class PolicyPlan {
        final String name;
        final boolean inbound;
        final Set<String> ports = new LinkedHashSet<>();
        final List<Rich> rules = new ArrayList<>();
        final Set<Rich> seen = new LinkedHashSet<>();
        boolean service;

        PolicyPlan(String name, boolean inbound) {
            this.name = name;
            this.inbound = inbound;
        }

        void rich(Rich r) {
            if (seen.add(r)) {
                rules.add(r);
            }
        }

        boolean isEmpty() {
            return ports.isEmpty() && rules.isEmpty() && !service;
        }
    }

    /** The whole role: shell text and the XML model, built in one pass so that they cannot disagree. */
    static final class Plan {
        final ResolvedVersion version;
        final RoleView role;
        final String service;
        final Set<String> servicePorts = new LinkedHashSet<>();
        final PolicyPlan in;
        final PolicyPlan out;
        private final StringBuilder inShell = new StringBuilder();
        private final StringBuilder outShell = new StringBuilder();
        private final StringBuilder serviceShell = new StringBuilder();
        private final Set<String> done = new LinkedHashSet<>();

        Plan(ResolvedVersion version, RoleView role) {
            this.version = version;
            this.role = role;
            this.service = serviceName(version, role);
            this.in = new PolicyPlan(policyName(version, role, true), true);
            this.out = new PolicyPlan(policyName(version, role, false), false);
            for (ResolvedRule r : role.inbound()) {
                rule(r, in, inShell);
            }
            for (ResolvedRule r : role.outbound()) {
                rule(r, out, outShell);
            }
            in.service = !servicePorts.isEmpty();
        }

        List<PolicyPlan> policies() {
            return List.of(in, out).stream().filter(p -> !p.isEmpty()).toList();
        }

        List<String> policyNames() {
            return List.of(in.name, out.name);
        }

        private void rule(ResolvedRule r, PolicyPlan policy, StringBuilder sh) {
            List<Peer> peers = policy.inbound ? r.sources() : r.to();
            String side = policy.inbound ? "source" : "destination";
            String pvar = policy.inbound ? "\"$FWDOCS_POLICY_IN\"" : "\"$FWDOCS_POLICY_OUT\"";
            sh.append("\t# ").append(r.id()).append(": ").append(ShellScript.line(r.rule().name(), 120)).append('\n');
            for (Peer peer : peers) {
                List<Item> items = items(r);
                if (peer instanceof Peer.Any) {
                    for (Item it : items) {
                        if (it.icmp == null && policy.inbound) {
                            if (servicePorts.add(it.xmlPort + "/" + it.proto.id()) && done.add("svc " + it.shellPort
                                    + "/" + it.proto.id())) {
                                serviceShell.append("\tfwdocs_queue --service=\"$FWDOCS_SERVICE\" --add-port=")
                                        .append(word(it.shellPort + "/" + it.proto.id())).append('\n');
                            }
                        } else {
                            anyForm(it, policy, sh, pvar, "\t");
                        }
                    }
                } else if (peer instanceof Peer.RolePeer rp) {
                    String v4 = "$" + ShellScript.sourcesVar(rp.role().id(), 4);
                    String v6 = "$" + ShellScript.sourcesVar(rp.role().id(), 6);
                    sh.append("\tif [ \"").append(v4).append("\" = any ]; then\n");
                    for (Item it : items) {
                        anyForm(it, policy, sh, pvar, "\t\t");
                    }
                    sh.append("\telse\n");
                    for (int family : new int[] {4, 6}) {
                        List<Item> fam = items.stream().filter(it -> it.icmp == null
                                || it.icmp.protocol().family() == family).toList();
                        if (fam.isEmpty()) {
                            continue;
                        }
                        sh.append("\t\tfor fwdocs_a in ").append(family == 4 ? v4 : v6).append("; do\n");
                        for (Item it : fam) {
                            sh.append("\t\t\tfwdocs_queue --policy=").append(pvar).append(" --add-rich-rule=\"")
                                    .append(shellRich(family, side, "$fwdocs_a", it)).append("\"\n");
                        }
                        sh.append("\t\tdone\n");
                    }
                    sh.append("\tfi\n");
                } else if (peer instanceof Peer.AddressPeer ap) {
                    for (int family : new int[] {4, 6}) {
                        for (Cidr c : ShellScript.cidrs(ap.address(), family)) {
                            for (Item it : items) {
                                if (it.icmp != null && it.icmp.protocol().family() != family) {
                                    continue;
                                }
                                Rich rich = it.icmp == null
                                        ? Rich.port(family, side, c.toString(), it.xmlPort, it.proto)
                                        : Rich.icmp(family, side, c.toString(), it.icmp);
                                if (done.add(policy.name + " " + shellRich(family, side, c.toString(), it))) {
                                    policy.rich(rich);
                                    sh.append("\tfwdocs_queue --policy=").append(pvar).append(" --add-rich-rule=\"")
                                            .append(shellRich(family, side, c.toString(), it)).append("\"\n");
                                }
                            }
                        }
                    }
                }
            }
        }

        /** The form of an item open to any peer address: a policy port, or an ICMP rich rule without address. */
        private void anyForm(Item it, PolicyPlan policy, StringBuilder sh, String pvar, String indent) {
            if (it.icmp == null) {
                policy.ports.add(it.xmlPort + "/" + it.proto.id());
                sh.append(indent).append("fwdocs_queue --policy=").append(pvar).append(" --add-port=")
                        .append(word(it.shellPort + "/" + it.proto.id())).append('\n');
            } else {
                int family = it.icmp.protocol().family();
                policy.rich(Rich.icmp(family, null, null, it.icmp));
                sh.append(indent).append("fwdocs_queue --policy=").append(pvar).append(" --add-rich-rule=\"")
                        .append(shellRich(family, null, null, it)).append("\"\n");
            }
        }

        private static String shellRich(int family, String side, String address, Item it) {
            String element = it.icmp == null ? portElement(it.shellPort, it.proto) : icmpElement(it.icmp);
            return richText(family, side, address, element).replace("\"", "\\\"");
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
            b.append("FWDOCS_SERVICE=").append(ShellScript.quote(service)).append('\n');
            b.append("FWDOCS_POLICY_IN=").append(ShellScript.quote(in.name)).append('\n');
            b.append("FWDOCS_POLICY_OUT=").append(ShellScript.quote(out.name)).append('\n');
            b.append("case $FWDOCS_OPT_ZONE in\n");
            b.append("*[!A-Za-z0-9_.+-]*) fwdocs_usage_error \"--zone: '$FWDOCS_OPT_ZONE' is not a zone name\" ;;\n");
            b.append("esac\n\n");
            b.append(FUNCTIONS);
            b.append("fwdocs_apply() {\n");
            b.append("\tfwdocs_before=$(fwdocs_snapshot)\n");
            b.append("\tfwdocs_remove_policies\n");
            if (!servicePorts.isEmpty()) {
                b.append("\tfwdocs_reset_service ").append(ShellScript.quote(serviceShort())).append(' ')
                        .append(ShellScript.quote(ShellScript.line(serviceDescription(), 200))).append('\n');
                b.append(serviceShell);
            } else {
                b.append("\tfwdocs_remove_service\n");
            }
            for (PolicyPlan p : List.of(in, out)) {
                StringBuilder sh = p.inbound ? inShell : outShell;
                if (p.isEmpty() && !hasRoleItems(p)) {
                    continue;
                }
                String var = p.inbound ? "\"$FWDOCS_POLICY_IN\"" : "\"$FWDOCS_POLICY_OUT\"";
                b.append("\tfwdocs_new_policy ").append(var).append(' ')
                        .append(ShellScript.quote(policyShort(p))).append(' ')
                        .append(ShellScript.quote(ShellScript.line(policyDescription(p), 300))).append(' ')
                        .append(p.inbound ? "\"$fwdocs_zone\" HOST" : "HOST ANY").append('\n');
                if (p.inbound && in.service) {
                    b.append("\tfwdocs_fw --policy=").append(var).append(" --add-service=\"$FWDOCS_SERVICE\"\n");
                }
                b.append(sh);
            }
            b.append("\tfwdocs_flush\n");
            b.append("\tfwdocs_reload_if_changed \"$fwdocs_before\"\n");
            b.append("}\n");
            return b.toString();
        }

        private boolean hasRoleItems(PolicyPlan p) {
            StringBuilder sh = p.inbound ? inShell : outShell;
            return sh.indexOf("fwdocs_queue") >= 0 || sh.indexOf("fwdocs_fw") >= 0;
        }

        private String serviceShort() {
            return "fwdocs " + version.catalog().product().id() + " " + role.role().id();
        }

        private String serviceDescription() {
            return "Ports of " + version.catalog().product().name() + " " + version.version() + ", role "
                    + role.role().name() + ", open to any address. Generated by fwdocs.";
        }

        private String policyShort(PolicyPlan p) {
            return "fwdocs " + version.catalog().product().id() + " " + role.role().id() + " "
                    + (p.inbound ? "inbound" : "outbound");
        }

        private String policyDescription(PolicyPlan p) {
            return (p.inbound ? "What role " : "Where role ") + role.role().name() + " of "
                    + version.catalog().product().name() + " " + version.version()
                    + (p.inbound ? " accepts" : " connects to") + ". Generated by fwdocs.";
        }

        String serviceXml() {
            StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service>\n");
            b.append("  <short>").append(Xml.text(serviceShort())).append("</short>\n");
            b.append("  <description>").append(Xml.text(ShellScript.line(serviceDescription(), 200)))
                    .append("</description>\n");
            for (String p : servicePorts) {
                int slash = p.indexOf('/');
                b.append("  <port port=\"").append(Xml.attr(p.substring(0, slash))).append("\" protocol=\"")
                        .append(Xml.attr(p.substring(slash + 1))).append("\"/>\n");
            }
            return b.append("</service>\n").toString();
        }

        String policyXml(PolicyPlan p) {
            StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
            b.append("<policy target=\"CONTINUE\">\n");
            b.append("  <short>").append(Xml.text(policyShort(p))).append("</short>\n");
            b.append("  <description>").append(Xml.text(ShellScript.line(policyDescription(p), 300)))
                    .append("</description>\n");
            if (p.inbound && p.service) {
                b.append("  <service name=\"").append(Xml.attr(service)).append("\"/>\n");
            }
            for (String port : p.ports) {
                int slash = port.indexOf('/');
                b.append("  <port port=\"").append(Xml.attr(port.substring(0, slash))).append("\" protocol=\"")
                        .append(Xml.attr(port.substring(slash + 1))).append("\"/>\n");
            }
            for (Rich r : p.rules) {
                b.append(r.xml());
            }
            if (p.inbound) {
                b.append("  <ingress-zone name=\"").append(XML_ZONE).append("\"/>\n");
                b.append("  <egress-zone name=\"HOST\"/>\n");
            } else {
                b.append("  <ingress-zone name=\"HOST\"/>\n");
                b.append("  <egress-zone name=\"ANY\"/>\n");
            }
            return b.append("</policy>\n").toString();
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
