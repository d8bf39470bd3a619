package dev.fwdocs.plugin.pages;

import dev.fwdocs.catalog.Address;
import dev.fwdocs.catalog.Cidr;
import dev.fwdocs.catalog.Configurable;
import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.Rule;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.catalog.resolve.VersionDiff;
import dev.fwdocs.plugin.model.ProductModel;
import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.rules.PageCommands;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The format-neutral view of a product's documentation pages, computed from the resolved catalog: port rows, the role
 * matrix, per-role tables and per-distro commands, configurable ports, verify commands, notes and changelogs. Every
 * string is raw catalog text (or text computed from it); each output format escapes it for where it lands.
 */
public final class PageModel {

    private PageModel() {
    }

    /** A product with every documented version, oldest first. */
    public record ProductPage(String id, String name, String summary, String source, List<VersionPage> versions) {
        public ProductPage {
            versions = List.copyOf(versions);
        }

        public VersionPage latest() {
            return versions.get(versions.size() - 1);
        }

        /** The versions, newest first, as version indexes list them. */
        public List<VersionPage> newestFirst() {
            List<VersionPage> out = new ArrayList<>(versions);
            java.util.Collections.reverse(out);
            return List.copyOf(out);
        }
    }

    /** Everything the overview and changelog of one version show. */
    public record VersionPage(String productId, String productName, String summary, String source, String version,
            boolean latest, String latestVersion, String previousVersion, List<PortRow> ports, List<RoleSection> roles,
            List<ConfigurableRow> configurable, List<AddressRow> addresses, List<VerifyRow> verify,
            List<DistroTab> status, List<NoteView> notes, List<NoteView> ruleNotes, Changes changes) {
        public VersionPage {
            ports = List.copyOf(ports);
            roles = List.copyOf(roles);
            configurable = List.copyOf(configurable);
            addresses = List.copyOf(addresses);
            verify = List.copyOf(verify);
            status = List.copyOf(status);
            notes = List.copyOf(notes);
            ruleNotes = List.copyOf(ruleNotes);
        }

        public boolean anyOptional() {
            return ports.stream().anyMatch(PortRow::optional);
        }

        public boolean anyConfigurable() {
            return !configurable.isEmpty();
        }

        /** Whether the port table needs its Purpose column: some rule says more than its name. */
        public boolean anyPurpose() {
            return ports.stream().anyMatch(p -> !p.purpose().isEmpty());
        }

        /** Whether the port table needs its Notes column: some rule is optional, configurable or has notes. */
        public boolean anyPortNotes() {
            return ports.stream().anyMatch(p -> p.optional() || p.configurable() || p.noted());
        }

        /** Whether the role matrix needs its Incoming column. */
        public boolean anyIncoming() {
            return roles.stream().anyMatch(r -> !r.incoming().isEmpty());
        }

        /** Whether the role matrix needs its Outgoing column. */
        public boolean anyOutgoing() {
            return roles.stream().anyMatch(r -> !r.outgoing().isEmpty());
        }

        /** Whether the configurable ports table needs its Description column. */
        public boolean anyConfigurableDescription() {
            return configurable.stream().anyMatch(c -> !c.description().isBlank());
        }

        /** Whether the address table needs its Description column. */
        public boolean anyAddressDescription() {
            return addresses.stream().anyMatch(a -> !a.description().isBlank());
        }

        /** Whether the address table needs its Host names column. */
        public boolean anyHosts() {
            return addresses.stream().anyMatch(a -> !a.hosts().isEmpty());
        }

        /** Whether the address table needs its IPv4 column. */
        public boolean anyIpv4() {
            return addresses.stream().anyMatch(a -> !a.ipv4().isEmpty());
        }

        /** Whether the address table needs its IPv6 column. */
        public boolean anyIpv6() {
            return addresses.stream().anyMatch(a -> !a.ipv6().isEmpty());
        }
    }

    /**
     * One rule as a row of the port table. {@code purpose} is the description for the Purpose column, or empty when
     * it only restates the name ("Dataplane health check." for the rule "Dataplane health check"): the Name column
     * already says that. It is worked out once, when the row is made: a template asks every row for it, and asks
     * whether any row has one ({@link VersionPage#anyPurpose}) on every row.
     */
    public record PortRow(String ruleId, String name, List<String> ports, List<String> protocols,
            List<String> icmpTypes, List<String> from, List<String> to, String description, String notes,
            boolean optional, String setting, String purpose) {
        public PortRow {
            ports = List.copyOf(ports);
            protocols = List.copyOf(protocols);
            icmpTypes = List.copyOf(icmpTypes);
            from = List.copyOf(from);
            to = List.copyOf(to);
            Objects.requireNonNull(purpose, "purpose");
        }

        /** A row whose purpose is its description unless that only restates its name. */
        public PortRow(String ruleId, String name, List<String> ports, List<String> protocols,
                List<String> icmpTypes, List<String> from, List<String> to, String description, String notes,
                boolean optional, String setting) {
            this(ruleId, name, ports, protocols, icmpTypes, from, to, description, notes, optional, setting,
                    restates(description, name) ? "" : description);
        }

        /** Ports and ICMP types together, for the port column: {@code 5701-5711}, {@code echo-request}. */
        public List<String> portsAndTypes() {
            List<String> out = new ArrayList<>(ports);
            out.addAll(icmpTypes);
            return out;
        }

        public boolean configurable() {
            return setting != null;
        }

        public boolean noted() {
            return !notes.isBlank();
        }
    }

    /** True when {@code text} says nothing but {@code name}: equal ignoring case, spacing and a final period. */
    static boolean restates(String text, String name) {
        return plain(text).equals(plain(name));
    }

    private static String plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > '~' || c < ' ' && c != '\t' && c != '\n' && c != 0x0b && c != '\f' && c != '\r') {
                // Beyond printable ASCII and \s: the patterns decide (Unicode spaces, line terminators before $).
                return FINAL_STOPS.matcher(SPACES.matcher(s.strip()).replaceAll(" ")).replaceAll("")
                        .toLowerCase(Locale.ROOT);
            }
        }
        // Printable ASCII and \s only (every row's description and name, as a rule): the same steps by hand.
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ') {
                space = !b.isEmpty();
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        int end = b.length();
        while (end > 0 && (b.charAt(end - 1) == '.' || b.charAt(end - 1) == '!')) {
            end--;
        }
        b.setLength(end);
        return b.toString();
    }

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern FINAL_STOPS = Pattern.compile("[.!]+$");

    /**
     * One role: its matrix row, its table of incoming and outgoing flows, per distro the commands that open its
     * ports, and the generated scripts of the backends those tabs show (so a page can name them, not their path in
     * the build output).
     */
    public record RoleSection(String id, String name, String description, String incoming, String outgoing,
            List<RoleRow> rows, List<DistroTab> commands, List<ScriptRef> scripts) {
        public RoleSection {
            rows = List.copyOf(rows);
            commands = List.copyOf(commands);
            scripts = List.copyOf(scripts);
        }

        public boolean anyIncoming() {
            return rows.stream().anyMatch(RoleRow::incoming);
        }
    }

    /** One flow seen from a role: incoming (the role accepts it) or outgoing (the role opens it). */
    public record RoleRow(String ruleId, boolean incoming, List<String> protocols, List<String> ports,
            List<String> peers, String name, boolean optional) {
        public RoleRow {
            protocols = List.copyOf(protocols);
            ports = List.copyOf(ports);
            peers = List.copyOf(peers);
        }

        public String direction() {
            return incoming ? "Incoming" : "Outgoing";
        }
    }

    /** One distro tab and, per backend it uses, the commands to paste. */
    public record DistroTab(String id, String label, List<BackendCommands> backends) {
        public DistroTab {
            backends = List.copyOf(backends);
        }
    }

    /**
     * Commands of one backend, and the backend's notes on them: plain-text sentences on what only its script does
     * (each flavor escapes them as text, so they cannot carry Markdown or markup).
     */
    public record BackendCommands(String id, String name, String text, List<String> notes) {
        public BackendCommands {
            Objects.requireNonNull(text, "text");
            notes = List.copyOf(notes);
        }
    }

    /** A generated script of a role: the backend's display name and the script's file name ({@code ufw.sh}). */
    public record ScriptRef(String backend, String file) {
    }

    /** A port the operator can move, where the setting lives, and how the generated scripts take the new value. */
    public record ConfigurableRow(String ruleId, String name, String port, List<String> protocols, String setting,
            String where, String description, String option, String environment) {
        public ConfigurableRow {
            protocols = List.copyOf(protocols);
        }
    }

    /** A named address and its host names and networks. */
    public record AddressRow(String id, String name, String description, List<String> hosts, List<String> ipv4,
            List<String> ipv6) {
        public AddressRow {
            hosts = List.copyOf(hosts);
            ipv4 = List.copyOf(ipv4);
            ipv6 = List.copyOf(ipv6);
        }
    }

    /** A rule's verify command. */
    public record VerifyRow(String ruleId, String name, String command) {
    }

    /** A titled piece of catalog Markdown. */
    public record NoteView(String title, String text) {
    }

    /** What changed from the previous version ({@code fromVersion} null for the first version). */
    public record Changes(String fromVersion, String toVersion, List<PortRow> added, List<PortRow> removed,
            List<FieldChange> changed) {
        public Changes {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            changed = List.copyOf(changed);
        }

        public boolean first() {
            return fromVersion == null;
        }

        public boolean empty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }
    }

    /** One changed field of one rule. */
    public record FieldChange(String ruleId, String name, String field, String before, String after) {
    }

    /**
     * Builds the pages of one product from the shared model: every version, its changes from the previous version,
     * and per distro the page commands of the backends that the distro uses and that are in {@code backends} (a
     * distro none of whose backends is available gets no tab).
     */
    public static ProductPage product(ProductModel product, List<Distro> distros, List<RuleBackend> backends,
            Layout layout) {
        return product(product, distros, backends, layout, true);
    }

    /**
     * As {@link #product(ProductModel, List, List, Layout)}; with {@code mergeIdenticalTabs}, distro tabs whose
     * commands and notes are the same on a page (RHEL and SUSE, both firewalld) are shown as one tab.
     */
    public static ProductPage product(ProductModel product, List<Distro> distros, List<RuleBackend> backends,
            Layout layout, boolean mergeIdenticalTabs) {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(layout, "layout");
        Map<String, RuleBackend> byId = new LinkedHashMap<>();
        backends.forEach(b -> byId.put(b.id(), b));
        List<VersionPage> pages = new ArrayList<>();
        Map<String, RoleCommands> shown = new java.util.HashMap<>();
        for (int i = 0; i < product.versions().size(); i++) {
            VersionModel v = product.versions().get(i);
            pages.add(version(product, v, i == 0 ? null : product.versions().get(i - 1), distros, byId, layout,
                    mergeIdenticalTabs, shown));
        }
        ProductCatalog catalog = product.catalog();
        return new ProductPage(catalog.product().id(), catalog.product().name(), catalog.product().summary(),
                product.sourceName(), pages);
    }

    private static VersionPage version(ProductModel pm, VersionModel vm, VersionModel prev, List<Distro> distros,
            Map<String, RuleBackend> backends, Layout layout, boolean merge, Map<String, RoleCommands> shown) {
        ResolvedVersion v = vm.resolved();
        var product = v.catalog().product();
        List<PortRow> ports = v.rules().stream().map(PageModel::portRow).toList();
        List<RoleSection> roles = new ArrayList<>();
        for (RoleModel role : vm.roles()) {
            roles.add(roleSection(vm, role, distros, backends, layout, merge, shown));
        }
        List<ConfigurableRow> configurable = new ArrayList<>();
        for (ResolvedRule r : v.configurableRules()) {
            Configurable c = r.rule().configurable();
            String upper = r.id().toUpperCase(Locale.ROOT).replace('-', '_');
            configurable.add(new ConfigurableRow(r.id(), r.rule().name(), r.rule().ports().get(0).toString(),
                    labels(r.rule().portProtocols()), c.setting(), c.where(), c.description(), "--port-" + r.id(),
                    "FWDOCS_PORT_" + upper));
        }
        List<AddressRow> addresses = new ArrayList<>();
        for (Address a : v.catalog().addresses()) {
            boolean used = v.rules().stream().anyMatch(r -> r.rule().from().contains(a.id())
                    || r.rule().to().contains(a.id()));
            if (used) {
                addresses.add(new AddressRow(a.id(), a.name(), a.description(), a.hosts(),
                        a.cidrs(4).stream().map(Cidr::toString).toList(),
                        a.cidrs(6).stream().map(Cidr::toString).toList()));
            }
        }
        List<VerifyRow> verify = v.rules().stream().filter(r -> r.rule().verify() != null
                && !r.rule().verify().isBlank()).map(r -> new VerifyRow(r.id(), r.rule().name(), r.rule().verify()))
                .toList();
        List<DistroTab> status = new ArrayList<>();
        for (Distro d : distros) {
            List<BackendCommands> cmds = new ArrayList<>();
            for (String b : d.backends()) {
                RuleBackend backend = backends.get(b);
                if (backend != null) {
                    cmds.add(new BackendCommands(b, backend.displayName(), backend.facts().statusCommand(),
                            List.of()));
                }
            }
            if (!cmds.isEmpty()) {
                status.add(new DistroTab(d.id(), d.label(), cmds));
            }
        }
        List<NoteView> notes = product.notes().stream().map(n -> new NoteView(n.title(), n.text())).toList();
        List<NoteView> ruleNotes = v.rules().stream().filter(r -> !r.rule().notes().isBlank())
                .map(r -> new NoteView(r.rule().name(), r.rule().notes())).toList();
        return new VersionPage(product.id(), product.name(), product.summary(), pm.sourceName(), v.version(),
                v.isLatest(), product.latestVersion(), prev == null ? null : prev.version(), ports, roles,
                configurable, addresses, verify, merge ? mergeIdentical(status) : status, notes, ruleNotes,
                changes(prev, vm));
    }

    private static Changes changes(VersionModel prev, VersionModel v) {
        if (prev == null || v.diff().isEmpty()) {
            return new Changes(null, v.version(), List.of(), List.of(), List.of());
        }
        VersionDiff diff = v.diff().get();
        List<FieldChange> changed = new ArrayList<>();
        for (VersionDiff.Change c : diff.changed()) {
            for (VersionDiff.Field f : c.fields()) {
                changed.add(new FieldChange(c.rule().id(), c.rule().name(), f.name(), f.before(), f.after()));
            }
        }
        return new Changes(prev.version(), v.version(), diff.added().stream().map(PageModel::portRow).toList(),
                diff.removed().stream().map(PageModel::portRow).toList(), changed);
    }

    private static PortRow portRow(ResolvedRule r) {
        Rule rule = r.rule();
        return new PortRow(rule.id(), rule.name(), ports(rule), labels(rule.protocols()), icmp(rule),
                names(r.from()), names(r.to()), rule.description(), rule.notes(), rule.optional(),
                rule.configurable() == null ? null : rule.configurable().setting());
    }

    /**
     * A role's command tabs and scripts as an earlier version of the product showed them, with the rules they were
     * made from (the very rules of the catalog, in order).
     */
    private record RoleCommands(List<Rule> inbound, List<Rule> outbound, List<DistroTab> tabs,
            List<ScriptRef> scripts) {

        /** Whether a version's role has exactly these rules (the same catalog rules, in the same order). */
        boolean sameRules(RoleView role) {
            return same(inbound, role.inbound()) && same(outbound, role.outbound());
        }

        private static boolean same(List<Rule> rules, List<ResolvedRule> resolved) {
            if (rules.size() != resolved.size()) {
                return false;
            }
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i) != resolved.get(i).rule()) {
                    return false;
                }
            }
            return true;
        }
    }

    private static RoleSection roleSection(VersionModel v, RoleModel model, List<Distro> distros,
            Map<String, RuleBackend> backends, Layout layout, boolean merge, Map<String, RoleCommands> shown) {
        RoleView role = model.view();
        List<RoleRow> rows = new ArrayList<>();
        for (ResolvedRule r : role.inbound()) {
            rows.add(new RoleRow(r.id(), true, labels(r.rule().protocols()), portsAndTypes(r.rule()), names(r.from()),
                    r.rule().name(), r.rule().optional()));
        }
        for (ResolvedRule r : role.outbound()) {
            rows.add(new RoleRow(r.id(), false, labels(r.rule().protocols()), portsAndTypes(r.rule()), names(r.to()),
                    r.rule().name(), r.rule().optional()));
        }
        // A plan's page commands depend on the product, the role and the role's rules, never on the version
        // (RolePlan#page): a role with the same rules as in the previous version shows the same tabs, and its
        // plans need not be made for the pages (most roles of most versions).
        RoleCommands before = shown.get(role.role().id());
        if (before == null || !before.sameRules(role)) {
            before = roleCommands(v, model, distros, backends, layout, merge);
            shown.put(role.role().id(), before);
        }
        return new RoleSection(role.role().id(), role.role().name(), role.role().description(),
                matrixCell(role.inboundPorts(), role.inbound()), matrixCell(role.outboundPorts(), role.outbound()),
                rows, before.tabs(), before.scripts());
    }

    /** The command tabs of a role (merged as asked) and the scripts they name, from the version's plans. */
    private static RoleCommands roleCommands(VersionModel v, RoleModel model, List<Distro> distros,
            Map<String, RuleBackend> backends, Layout layout, boolean merge) {
        RoleView role = model.view();
        List<DistroTab> tabs = new ArrayList<>();
        Map<String, ScriptRef> scripts = new LinkedHashMap<>();
        if (!role.inbound().isEmpty()) {
            for (Distro d : distros) {
                List<BackendCommands> cmds = new ArrayList<>();
                for (String b : d.backends()) {
                    RuleBackend backend = backends.get(b);
                    if (backend != null) {
                        PageCommands page = v.plan(model.id(), b).page();
                        cmds.add(new BackendCommands(b, backend.displayName(), page.commands(), page.notes()));
                        scripts.putIfAbsent(b, new ScriptRef(backend.displayName(), layout.scriptName(b)));
                    }
                }
                if (!cmds.isEmpty()) {
                    tabs.add(new DistroTab(d.id(), d.label(), cmds));
                }
            }
        }
        return new RoleCommands(role.inbound().stream().map(ResolvedRule::rule).toList(),
                role.outbound().stream().map(ResolvedRule::rule).toList(), merge ? mergeIdentical(tabs) : tabs,
                List.copyOf(scripts.values()));
    }

    /**
     * The tabs with every tab whose backends show the same commands and notes as an earlier one folded into that
     * one, in its place: labels joined with " / " ("RHEL / ... / SUSE"), ids with "-" ({@code rhel-suse}, made
     * unique among the tabs' ids). The reader sees each set of commands once.
     */
    public static List<DistroTab> mergeIdentical(List<DistroTab> tabs) {
        List<DistroTab> out = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        tabs.forEach(t -> ids.add(t.id()));
        for (DistroTab t : tabs) {
            int same = -1;
            for (int i = 0; i < out.size() && same < 0; i++) {
                if (out.get(i).backends().equals(t.backends())) {
                    same = i;
                }
            }
            if (same < 0) {
                out.add(t);
                continue;
            }
            DistroTab first = out.get(same);
            String id = first.id() + "-" + t.id();
            for (int n = 2; ids.contains(id); n++) {
                id = first.id() + "-" + t.id() + "-" + n;
            }
            ids.add(id);
            out.set(same, new DistroTab(id, first.label() + " / " + t.label(), first.backends()));
        }
        return List.copyOf(out);
    }

    /** One cell of the role matrix: {@code TCP 22, 9631; UDP 9638; ICMP echo-request}, or empty. */
    static String matrixCell(Map<Protocol, List<PortRange>> ports, List<ResolvedRule> rules) {
        List<String> parts = new ArrayList<>();
        ports.forEach((p, list) -> parts.add(p.label() + " "
                + list.stream().map(PortRange::toString).collect(Collectors.joining(", "))));
        for (Protocol icmp : List.of(Protocol.ICMP, Protocol.ICMPV6)) {
            List<String> types = new ArrayList<>();
            for (ResolvedRule r : rules) {
                for (IcmpType t : r.rule().icmpTypes(icmp)) {
                    if (!types.contains(t.catalogName())) {
                        types.add(t.catalogName());
                    }
                }
            }
            if (!types.isEmpty()) {
                parts.add(icmp.label() + " " + String.join(", ", types));
            }
        }
        return String.join("; ", parts);
    }

    private static List<String> ports(Rule rule) {
        return rule.portProtocols().isEmpty() ? List.of() : rule.ports().stream().map(PortRange::toString).toList();
    }

    private static List<String> icmp(Rule rule) {
        return rule.icmpTypes().stream().map(IcmpType::catalogName).distinct().toList();
    }

    private static List<String> portsAndTypes(Rule rule) {
        List<String> out = new ArrayList<>(ports(rule));
        out.addAll(icmp(rule));
        return out;
    }

    private static List<String> labels(List<Protocol> protocols) {
        return protocols.stream().map(Protocol::label).toList();
    }

    private static List<String> names(List<Peer> peers) {
        return peers.stream().map(Peer::name).toList();
    }
}
