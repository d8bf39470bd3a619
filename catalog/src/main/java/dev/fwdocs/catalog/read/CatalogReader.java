package dev.fwdocs.catalog.read;

import dev.fwdocs.catalog.Address;
import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.CatalogException;
import dev.fwdocs.catalog.Cidr;
import dev.fwdocs.catalog.Configurable;
import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.Note;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Product;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.Role;
import dev.fwdocs.catalog.Rule;
import dev.fwdocs.catalog.SourceLocation;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a catalog file or a directory of catalog files (one product per file) and validates it, collecting every
 * problem with its file, line and column before failing once.
 */
public final class CatalogReader {

    /** The catalog format version this reader understands. */
    public static final int FORMAT_VERSION = 1;

    /** Keys accepted at each level of a catalog file; the JSON Schema test keeps the schema in step with these. */
    public static final Map<String, List<String>> KEYS = Map.of(
            "catalog", List.of("fwdocs", "product", "roles", "addresses", "rules"),
            "product", List.of("id", "name", "summary", "versions", "notes"),
            "note", List.of("title", "text"),
            "role", List.of("id", "name", "description"),
            "address", List.of("id", "name", "description", "hosts", "cidrs"),
            "rule", List.of("id", "name", "protocol", "ports", "icmp-type", "from", "to", "description", "notes",
                    "optional", "configurable", "verify", "since", "until"),
            "configurable", List.of("setting", "where", "description"));

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    static final int MAX_ID_LENGTH = 40;
    static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");
    static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private final Path baseDir;

    /** A reader that names files relative to {@code baseDir} in locations and generated headers. */
    public CatalogReader(Path baseDir) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
    }

    /**
     * Reads {@code path}, a {@code .yaml}/{@code .yml} file or a directory searched recursively for them (in path order).
     *
     * @throws CatalogException with every problem when there is at least one error
     * @throws IOException when a file cannot be read
     */
    public Catalog read(Path path) throws CatalogException, IOException {
        Path abs = baseDir.resolve(path).toAbsolutePath().normalize();
        List<Path> files;
        if (Files.isDirectory(abs)) {
            try (Stream<Path> s = Files.walk(abs)) {
                files = s.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName().toString().endsWith(".yaml")
                                || p.getFileName().toString().endsWith(".yml"))
                        .sorted().toList();
            }
        } else if (Files.isRegularFile(abs)) {
            files = List.of(abs);
        } else {
            throw new CatalogException(List.of(Diagnostic.error(SourceLocation.ofFile(display(abs)),
                    "the catalog does not exist; create it or point fwdocs.catalog at an existing file or folder")));
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Path f : files) {
            texts.put(display(f), Files.readString(f, StandardCharsets.UTF_8));
        }
        return read(display(abs), texts);
    }

    /** Reads catalog texts already in memory, keyed by the file name to report; {@code root} names an empty catalog. */
    public static Catalog read(String root, Map<String, String> texts) throws CatalogException {
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (texts.isEmpty()) {
            diagnostics.add(Diagnostic.error(SourceLocation.ofFile(root),
                    "the catalog is empty: add a .yaml file that describes a product"));
            throw new CatalogException(diagnostics);
        }
        List<ProductCatalog> products = new ArrayList<>();
        Map<String, SourceLocation> productIds = new HashMap<>();
        for (Map.Entry<String, String> e : texts.entrySet()) {
            FileReader fr = new FileReader(e.getKey(), diagnostics);
            ProductCatalog pc = fr.read(new StringReader(e.getValue()));
            if (pc != null) {
                SourceLocation first = productIds.putIfAbsent(pc.product().id(), pc.product().location());
                if (first != null) {
                    diagnostics.add(Diagnostic.error(fr.productIdLocation, "product id '" + pc.product().id()
                            + "' is already used in " + first + "; give each product its own id"));
                } else {
                    products.add(pc);
                }
            }
        }
        List<Diagnostic> sorted = diagnostics.stream().sorted().toList();
        if (sorted.stream().anyMatch(Diagnostic::isError)) {
            throw new CatalogException(sorted);
        }
        if (products.isEmpty()) {
            throw new CatalogException(List.of(Diagnostic.error(SourceLocation.ofFile(root),
                    "the catalog is empty: add a .yaml file that describes a product")));
        }
        return new Catalog(products, sorted);
    }

    private String display(Path p) {
        Path rel = p.startsWith(baseDir) ? baseDir.relativize(p) : p;
        String s = rel.toString().replace('\\', '/');
        return s.isEmpty() ? "." : s;
    }

    /** A mapping's entries by key, remembering the mapping node for locations of missing keys. */
    private static final class Entries extends LinkedHashMap<String, NodeTuple> {
        private static final long serialVersionUID = 1L;
        private final transient Node node;

        Entries(Node node) {
            this.node = node;
        }
    }

    /** Reads and checks one file; collects its problems into the shared list. */
    private static final class FileReader {
        private final String file;
        private final List<Diagnostic> diagnostics;
        private SourceLocation productIdLocation;

        FileReader(String file, List<Diagnostic> diagnostics) {
            this.file = file;
            this.diagnostics = diagnostics;
        }

        ProductCatalog read(Reader text) {
            Node root;
            try {
                LoaderOptions options = new LoaderOptions();
                options.setAllowDuplicateKeys(false);
                options.setMaxAliasesForCollections(50);
                Yaml yaml = new Yaml(options);
                root = yaml.compose(text);
            } catch (MarkedYAMLException e) {
                Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
                error(m == null ? SourceLocation.ofFile(file) : at(m),
                        "YAML syntax error: " + problem + "; check the indentation and quoting on this line");
                return null;
            } catch (YAMLException e) {
                error(SourceLocation.ofFile(file), "YAML syntax error: " + e.getMessage());
                return null;
            }
            if (root == null) {
                error(new SourceLocation(file, 1, 1), "the file is empty: a catalog file starts with 'fwdocs: 1' and "
                        + "a 'product'");
                return null;
            }
            Entries top = mapping(root, "catalog", "the file");
            if (top == null) {
                return null;
            }
            ScalarNode format = scalar(top, "fwdocs", true, "the file");
            if (format != null && !String.valueOf(FORMAT_VERSION).equals(format.getValue())) {
                error(at(format), "'fwdocs: " + format.getValue() + "' is not a catalog format this version of "
                        + "fwdocs knows; use 'fwdocs: " + FORMAT_VERSION + "'");
            }
            Product product = product(top, root);
            List<Role> roles = list(top, "roles", this::role);
            List<Address> addresses = list(top, "addresses", this::address);
            if (!top.containsKey("roles")) {
                error(at(root), "'roles' is missing: list the machine roles, for example 'roles: [{id: node}]'");
            } else if (roles.isEmpty() && top.get("roles").getValueNode() instanceof SequenceNode) {
                error(at(top.get("roles").getValueNode()), "'roles' is empty: list at least one machine role");
            }
            List<RawRule> raw = list(top, "rules", this::rule);
            if (product == null) {
                return null;
            }
            Map<String, Node> names = checkUniqueIds(roles, addresses);
            List<Rule> rules = new ArrayList<>();
            for (RawRule r : raw) {
                Rule rule = finish(r, product, names);
                if (rule != null) {
                    rules.add(rule);
                }
            }
            checkDuplicateRuleIds(product, rules);
            warnOverlaps(product, rules);
            return new ProductCatalog(file, product, roles, addresses, rules);
        }

        // ---- product, roles, addresses -------------------------------------------------------------------------

        private Product product(Entries top, Node root) {
            NodeTuple t = top.get("product");
            if (t == null) {
                error(at(root), "'product' is missing: add a 'product' with an id, a name and its versions");
                return null;
            }
            Entries m = mapping(t.getValueNode(), "product", "'product'");
            if (m == null) {
                return null;
            }
            Node where = t.getValueNode();
            String id = id(m, "product", where);
            productIdLocation = m.containsKey("id") ? at(m.get("id").getValueNode()) : at(where);
            String name = text(m, "name", true, "the product");
            String summary = text(m, "summary", false, "the product");
            List<String> versions = new ArrayList<>();
            NodeTuple vt = m.get("versions");
            if (vt == null) {
                error(at(where), "the product has no 'versions': list the documented versions, oldest first, "
                        + "for example versions: [\"1.0\", \"1.1\"]");
            } else {
                List<ScalarNode> items = scalars(vt.getValueNode(), "versions");
                if (items != null && items.isEmpty()) {
                    error(at(vt.getValueNode()), "the product has no versions: list at least one, oldest first");
                }
                for (ScalarNode v : items == null ? List.<ScalarNode>of() : items) {
                    if (!VERSION.matcher(v.getValue()).matches()) {
                        error(at(v), "version '" + v.getValue() + "' is not a valid version name; use letters, "
                                + "digits, '.', '_', '+' and '-' (it becomes part of paths)");
                    } else if (versions.contains(v.getValue())) {
                        error(at(v), "version '" + v.getValue() + "' is listed twice; list each version once");
                    } else {
                        versions.add(v.getValue());
                    }
                }
            }
            List<Note> notes = list(m, "notes", this::note);
            if (id == null || name == null || versions.isEmpty()) {
                return null;
            }
            return new Product(id, name, summary, versions, notes, at(where));
        }

        private Note note(Node node) {
            Entries m = mapping(node, "note", "a note");
            if (m == null) {
                return null;
            }
            String title = text(m, "title", true, "the note");
            String text = text(m, "text", true, "the note");
            return title == null || text == null ? null : new Note(title, text, at(node));
        }

        private Role role(Node node) {
            Entries m = mapping(node, "role", "a role");
            if (m == null) {
                return null;
            }
            String id = id(m, "role", node);
            if (Rule.ANY.equals(id)) {
                error(at(m.get("id").getValueNode()), "'any' is reserved for 'any source'; give the role another id");
                return null;
            }
            String name = text(m, "name", false, "the role");
            String description = text(m, "description", false, "the role");
            return id == null ? null : new Role(id, name, description, at(node));
        }

        private Address address(Node node) {
            Entries m = mapping(node, "address", "an address");
            if (m == null) {
                return null;
            }
            String id = id(m, "address", node);
            if (Rule.ANY.equals(id)) {
                error(at(m.get("id").getValueNode()), "'any' is reserved for 'any source'; give the address another id");
                return null;
            }
            String name = text(m, "name", false, "the address");
            String description = text(m, "description", false, "the address");
            List<String> hosts = new ArrayList<>();
            for (ScalarNode h : optionalScalars(m, "hosts")) {
                String v = h.getValue();
                if (v.contains("://") || v.contains("/")) {
                    error(at(h), "host '" + v + "' is a URL or a network; write only the host name (such as "
                            + "containers.example.net) here and put networks under 'cidrs'");
                } else if (!HOST.matcher(v).matches() || v.matches("[0-9.]+")) {
                    error(at(h), "'" + v + "' is not a valid host name; use letters, digits, '-' and '.' "
                            + "(an IP address belongs under 'cidrs')");
                } else {
                    hosts.add(v.toLowerCase(java.util.Locale.ROOT));
                }
            }
            List<Cidr> cidrs = new ArrayList<>();
            for (ScalarNode c : optionalScalars(m, "cidrs")) {
                try {
                    cidrs.add(Cidr.parse(c.getValue()));
                } catch (IllegalArgumentException e) {
                    error(at(c), e.getMessage() + "; write a network such as 198.51.100.0/24 or 2001:db8::/32");
                }
            }
            if (!m.containsKey("hosts") && !m.containsKey("cidrs")) {
                error(at(node), "address '" + id + "' has neither 'hosts' nor 'cidrs'; give at least one host name "
                        + "or network");
            }
            return id == null ? null : new Address(id, name, description, hosts, cidrs, at(node));
        }

        private Map<String, Node> checkUniqueIds(List<Role> roles, List<Address> addresses) {
            Map<String, Node> seen = new LinkedHashMap<>();
            Map<String, SourceLocation> where = new HashMap<>();
            for (Role r : roles) {
                SourceLocation first = where.putIfAbsent(r.id(), r.location());
                if (first != null) {
                    error(r.location(), "role id '" + r.id() + "' is already used at " + first
                            + "; give each role and address its own id");
                }
                seen.put(r.id(), null);
            }
            for (Address a : addresses) {
                SourceLocation first = where.putIfAbsent(a.id(), a.location());
                if (first != null) {
                    error(a.location(), "address id '" + a.id() + "' is already used at " + first
                            + "; give each role and address its own id");
                }
                seen.put(a.id(), null);
            }
            return seen;
        }

        // ---- rules ---------------------------------------------------------------------------------------------

        /** A rule as written, with the nodes kept for locations until references can be checked. */
        private record RawRule(Node node, String id, String name, List<Protocol> protocols, List<PortRange> ports,
                List<IcmpType> icmpTypes, List<ScalarNode> from, List<ScalarNode> to, String description,
                String notes, boolean optional, Configurable configurable, String verify, ScalarNode since,
                ScalarNode until, boolean ok) {
        }

        private RawRule rule(Node node) {
            Entries m = mapping(node, "rule", "a rule");
            if (m == null) {
                return null;
            }
            int before = errorCount();
            String id = id(m, "rule", node);
            String label = id == null ? "the rule" : "rule '" + id + "'";
            String name = text(m, "name", false, label);
            List<Protocol> protocols = new ArrayList<>();
            NodeTuple pt = m.get("protocol");
            if (pt == null) {
                error(at(node), label + " has no 'protocol'; add one of tcp, udp, sctp, icmp, icmpv6 (or a list)");
            } else {
                List<ScalarNode> items = scalars(pt.getValueNode(), "protocol");
                for (ScalarNode s : items == null ? List.<ScalarNode>of() : items) {
                    String v = s.getValue().toLowerCase(java.util.Locale.ROOT);
                    Protocol p = Protocol.fromId(v).orElse(null);
                    if (p == null) {
                        List<String> known = Arrays.stream(Protocol.values()).map(Protocol::id).toList();
                        error(at(s), "unknown protocol '" + s.getValue() + "'" + Suggest.didYouMean(v, known)
                                + " (known: tcp, udp, sctp, icmp, icmpv6)");
                    } else if (protocols.contains(p)) {
                        error(at(s), "protocol '" + v + "' is listed twice in " + label + "; list it once");
                    } else {
                        protocols.add(p);
                    }
                }
            }
            boolean icmp = protocols.stream().anyMatch(Protocol::isIcmp);
            boolean withPorts = protocols.stream().anyMatch(p -> !p.isIcmp());
            if (icmp && withPorts) {
                error(at(pt.getValueNode()), label + " mixes ICMP with port protocols; split it into one rule for "
                        + "the ports and one for the ICMP types");
            }
            List<PortRange> ports = new ArrayList<>();
            NodeTuple portsT = m.get("ports");
            if (portsT != null) {
                if (icmp && !withPorts) {
                    error(at(portsT.getKeyNode()), "ICMP has no ports; remove 'ports' from " + label
                            + " and use 'icmp-type' (such as echo-request)");
                } else {
                    ports = ports(portsT.getValueNode());
                }
            } else if (withPorts) {
                error(at(node), label + " has no 'ports'; add a port such as 443, a range such as \"30000-32767\", "
                        + "or a list");
            }
            List<IcmpType> icmpTypes = new ArrayList<>();
            NodeTuple it = m.get("icmp-type");
            if (it != null) {
                if (!icmp) {
                    error(at(it.getKeyNode()), "'icmp-type' only applies to icmp or icmpv6; remove it from " + label
                            + " or set its protocol to icmp");
                } else {
                    icmpTypes = icmpTypes(it.getValueNode(), protocols);
                }
            } else if (icmp && !withPorts) {
                error(at(node), label + " allows ICMP but names no 'icmp-type'; add one such as echo-request");
            }
            List<ScalarNode> from = endpoints(m, "from", node, label);
            List<ScalarNode> to = endpoints(m, "to", node, label);
            String description = text(m, "description", false, label);
            String notes = text(m, "notes", false, label);
            boolean optional = bool(m, "optional");
            Configurable configurable = configurable(m, ports, label);
            String verify = text(m, "verify", false, label);
            ScalarNode since = scalar(m, "since", false, label);
            ScalarNode until = scalar(m, "until", false, label);
            return new RawRule(node, id, name, protocols, ports, icmpTypes, from, to, description, notes, optional,
                    configurable, verify, since, until, errorCount() == before);
        }

        private List<PortRange> ports(Node node) {
            List<PortRange> out = new ArrayList<>();
            List<ScalarNode> items = scalars(node, "ports");
            for (ScalarNode s : items == null ? List.<ScalarNode>of() : items) {
                String v = s.getValue().strip();
                String[] parts = v.split("-", -1);
                if (v.contains(":") && v.matches("\\d+:\\d+")) {
                    error(at(s), "'" + v + "' uses ':' for a range; write \"" + v.replace(':', '-') + "\"");
                    continue;
                }
                if (parts.length > 2 || !Arrays.stream(parts).allMatch(p -> p.strip().matches("\\d{1,9}"))) {
                    error(at(s), "'" + v + "' is not a port; write a number from 1 to 65535 or a range such as "
                            + "\"30000-32767\"");
                    continue;
                }
                int a = Integer.parseInt(parts[0].strip());
                int b = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : a;
                if (a == 0 || b == 0) {
                    error(at(s), "port 0 cannot be opened; ports run from 1 to 65535");
                } else if (a > PortRange.MAX_PORT || b > PortRange.MAX_PORT) {
                    error(at(s), "port " + Math.max(a, b) + " is above 65535, the highest port");
                } else if (a > b) {
                    error(at(s), "range " + v + " is reversed; write \"" + b + "-" + a + "\"");
                } else {
                    PortRange r = PortRange.of(a, b);
                    if (out.stream().anyMatch(r::overlaps)) {
                        error(at(s), "'" + v + "' overlaps another port in the same list; list each port once");
                    } else {
                        out.add(r);
                    }
                }
            }
            return out;
        }

        private List<IcmpType> icmpTypes(Node node, List<Protocol> protocols) {
            List<IcmpType> out = new ArrayList<>();
            List<ScalarNode> items = scalars(node, "icmp-type");
            for (ScalarNode s : items == null ? List.<ScalarNode>of() : items) {
                String v = s.getValue().strip().toLowerCase(java.util.Locale.ROOT);
                for (Protocol p : protocols) {
                    IcmpType t = IcmpType.find(p, v).orElse(null);
                    if (t == null) {
                        List<String> known = Arrays.stream(IcmpType.values()).filter(x -> x.protocol() == p)
                                .map(IcmpType::catalogName).toList();
                        error(at(s), "'" + s.getValue() + "' is not an " + p.label() + " type"
                                + Suggest.didYouMean(v, known) + " (known: " + String.join(", ", known) + ")");
                    } else if (!out.contains(t)) {
                        out.add(t);
                    }
                }
            }
            return out;
        }

        private List<ScalarNode> endpoints(Entries m, String key, Node node, String label) {
            NodeTuple t = m.get(key);
            if (t == null) {
                error(at(node), label + " has no '" + key + "'; name a role or address id"
                        + ("from".equals(key) ? ", or 'any'" : ""));
                return List.of();
            }
            List<ScalarNode> items = scalars(t.getValueNode(), key);
            if (items != null && items.isEmpty()) {
                error(at(t.getValueNode()), "'" + key + "' of " + label + " is empty; name at least one role or "
                        + "address");
            }
            return items == null ? List.of() : items;
        }

        private Configurable configurable(Entries m, List<PortRange> ports, String label) {
            NodeTuple t = m.get("configurable");
            if (t == null) {
                return null;
            }
            Entries c = mapping(t.getValueNode(), "configurable", "'configurable'");
            if (c == null) {
                return null;
            }
            String setting = text(c, "setting", true, "'configurable'");
            String where = text(c, "where", true, "'configurable'");
            String description = text(c, "description", false, "'configurable'");
            if (ports.size() != 1 || !ports.get(0).isSingle()) {
                error(at(t.getKeyNode()), label + " is configurable, so it must have exactly one port (the "
                        + "default); split the other ports into their own rule");
                return null;
            }
            return setting == null || where == null ? null
                    : new Configurable(setting, where, description, at(t.getValueNode()));
        }

        private Rule finish(RawRule r, Product product, Map<String, Node> names) {
            if (r == null) {
                return null;
            }
            boolean ok = r.ok();
            List<String> from = new ArrayList<>();
            List<String> to = new ArrayList<>();
            ok &= refs(r.from(), from, names, true, r);
            ok &= refs(r.to(), to, names, false, r);
            String since = version(r.since(), product, "since");
            String until = version(r.until(), product, "until");
            if (r.since() != null && since == null || r.until() != null && until == null) {
                ok = false;
            }
            if (since != null && until != null && product.indexOf(since) >= product.indexOf(until)) {
                error(at(r.until()), "'until: " + until + "' is not after 'since: " + since + "'; 'since' is the "
                        + "first version with the rule and 'until' the first without it, so 'until' must come later "
                        + "in the product's versions");
                ok = false;
            }
            if (!ok || r.id() == null) {
                return null;
            }
            return new Rule(r.id(), r.name(), r.protocols(), r.ports(), r.icmpTypes(), from, to, r.description(),
                    r.notes(), r.optional(), r.configurable(), r.verify(), since, until, at(r.node()));
        }

        private boolean refs(List<ScalarNode> nodes, List<String> out, Map<String, Node> names, boolean from,
                RawRule r) {
            boolean ok = true;
            for (ScalarNode n : nodes) {
                String v = n.getValue();
                if (Rule.ANY.equals(v)) {
                    if (!from) {
                        error(at(n), "'to: any' cannot be turned into rules for a role; name the roles or addresses "
                                + "that accept the traffic");
                        ok = false;
                        continue;
                    }
                } else if (!names.containsKey(v)) {
                    List<String> known = new ArrayList<>(names.keySet());
                    if (from) {
                        known.add(Rule.ANY);
                    }
                    error(at(n), "'" + v + "' is not a role or address of this product"
                            + Suggest.didYouMean(v, known) + "; define it under 'roles' or 'addresses'");
                    ok = false;
                    continue;
                }
                if (out.contains(v)) {
                    error(at(n), "'" + v + "' is listed twice; list it once");
                    ok = false;
                } else {
                    out.add(v);
                }
            }
            if (out.contains(Rule.ANY) && out.size() > 1) {
                warning(at(nodes.get(0)), "'from' names 'any' and more; 'any' already covers every source");
            }
            return ok;
        }

        private String version(ScalarNode n, Product product, String key) {
            if (n == null) {
                return null;
            }
            String v = n.getValue();
            if (product.indexOf(v) < 0) {
                error(at(n), "'" + key + ": " + v + "' is not one of the product's versions " + product.versions()
                        + Suggest.didYouMean(v, product.versions()) + "; add it to product.versions or fix the name");
                return null;
            }
            return v;
        }

        private void checkDuplicateRuleIds(Product product, List<Rule> rules) {
            for (String version : product.versions()) {
                Map<String, Rule> seen = new HashMap<>();
                for (Rule r : rules) {
                    if (!r.inVersion(product, version)) {
                        continue;
                    }
                    Rule first = seen.putIfAbsent(r.id(), r);
                    if (first != null) {
                        error(r.location(), "rule id '" + r.id() + "' is already used at " + first.location()
                                + " in version " + version + "; give the rule its own id, or set 'since'/'until' so "
                                + "the two never meet in one version");
                    }
                }
            }
        }

        /** Two rules opening the same port and protocol to the same role in the same version are a likely copy. */
        private void warnOverlaps(Product product, List<Rule> rules) {
            java.util.Set<String> reported = new java.util.HashSet<>();
            for (String version : product.versions()) {
                List<Rule> in = rules.stream().filter(r -> r.inVersion(product, version)).toList();
                for (int j = 0; j < in.size(); j++) {
                    Rule b = in.get(j);
                    for (int i = 0; i < j; i++) {
                        Rule a = in.get(i);
                        String overlap = overlap(a, b);
                        if (overlap != null && reported.add(a.id() + "\u0000" + b.id())) {
                            warning(b.location(), "rule '" + b.id() + "' opens " + overlap + " that rule '" + a.id()
                                    + "' at " + a.location() + " already opens; merge the two rules or remove one");
                        }
                    }
                }
            }
        }

        private static String overlap(Rule a, Rule b) {
            for (String role : b.to()) {
                if (!a.to().contains(role)) {
                    continue;
                }
                for (Protocol p : b.protocols()) {
                    if (!a.protocols().contains(p)) {
                        continue;
                    }
                    if (p.isIcmp()) {
                        for (IcmpType t : b.icmpTypes(p)) {
                            if (a.icmpTypes().contains(t) && a.from().equals(b.from())) {
                                return p.label() + " " + t + " to '" + role + "'";
                            }
                        }
                        continue;
                    }
                    for (PortRange x : b.ports()) {
                        for (PortRange y : a.ports()) {
                            if (x.overlaps(y)) {
                                return p.label() + " " + (x.equals(y) ? x : x + " (overlapping " + y + ")") + " to '"
                                        + role + "'";
                            }
                        }
                    }
                }
            }
            return null;
        }

        // ---- YAML helpers --------------------------------------------------------------------------------------

        private <T> List<T> list(Entries m, String key, java.util.function.Function<Node, T> f) {
            NodeTuple t = m.get(key);
            if (t == null || isNull(t.getValueNode())) {
                return List.of();
            }
            if (!(t.getValueNode() instanceof SequenceNode seq)) {
                error(at(t.getValueNode()), "'" + key + "' must be a list (items start with '- ')");
                return List.of();
            }
            List<T> out = new ArrayList<>();
            for (Node n : seq.getValue()) {
                T item = f.apply(n);
                if (item != null) {
                    out.add(item);
                }
            }
            return out;
        }

        /** The mapping's entries by key, after reporting unknown and repeated keys; null if it is not a mapping. */
        private Entries mapping(Node node, String kind, String what) {
            if (!(node instanceof MappingNode mn)) {
                error(at(node), what + " must be a mapping of 'key: value' lines");
                return null;
            }
            List<String> allowed = KEYS.get(kind);
            Entries out = new Entries(node);
            for (NodeTuple t : mn.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    error(at(t.getKeyNode()), "keys must be plain words");
                    continue;
                }
                String key = k.getValue();
                if (!allowed.contains(key)) {
                    error(at(k), "unknown key '" + key + "' in " + article(kind) + Suggest.didYouMean(key, allowed)
                            + " (allowed: " + String.join(", ", allowed) + ")");
                    continue;
                }
                if (out.putIfAbsent(key, t) != null) {
                    error(at(k), "key '" + key + "' appears twice in " + article(kind) + "; keep one");
                }
            }
            return out;
        }

        private static String article(String kind) {
            return switch (kind) {
                case "catalog" -> "the catalog file";
                case "address" -> "an address";
                case "configurable" -> "'configurable'";
                default -> "a " + kind;
            };
        }

        private String id(Entries m, String kind, Node where) {
            ScalarNode n = scalar(m, "id", false, "the " + kind);
            if (n == null) {
                if (!m.containsKey("id")) {
                    error(at(where), "the " + kind + " has no 'id'; add one such as 'id: my-" + kind + "' (lower case "
                            + "letters, digits and '-')");
                }
                return null;
            }
            String v = n.getValue();
            if (!ID.matcher(v).matches()) {
                String fixed = v.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
                        .replaceAll("^-+|-+$", "");
                error(at(n), "'" + v + "' is not a valid " + kind + " id; use lower case letters, digits and '-', "
                        + "starting with a letter or digit" + (ID.matcher(fixed).matches() ? " (such as '" + fixed
                        + "')" : ""));
                return null;
            }
            if (v.length() > MAX_ID_LENGTH) {
                error(at(n), kind + " id '" + v + "' is longer than " + MAX_ID_LENGTH + " characters; shorten it "
                        + "(it becomes part of file and chain names)");
                return null;
            }
            return v;
        }

        private String text(Entries m, String key, boolean required, String owner) {
            NodeTuple t = m.get(key);
            if (t == null || isNull(t.getValueNode())) {
                if (required) {
                    error(t == null ? at(m.node) : at(t.getKeyNode()), owner + " has no '" + key
                            + "'; add it");
                }
                return null;
            }
            ScalarNode n = scalar(m, key, required, owner);
            return n == null ? null : n.getValue();
        }

        private ScalarNode scalar(Entries m, String key, boolean required, String owner) {
            NodeTuple t = m.get(key);
            if (t == null || isNull(t.getValueNode())) {
                if (required && t == null) {
                    error(at(m.node), owner + " has no '" + key + "'; add it");
                } else if (required) {
                    error(at(t.getKeyNode()), "'" + key + "' of " + owner + " is empty; give it a value");
                }
                return null;
            }
            if (!(t.getValueNode() instanceof ScalarNode s)) {
                error(at(t.getValueNode()), "'" + key + "' must be a single value, not a list or mapping");
                return null;
            }
            return s;
        }

        private boolean bool(Entries m, String key) {
            ScalarNode n = scalar(m, key, false, "the rule");
            if (n == null) {
                return false;
            }
            return switch (n.getValue()) {
                case "true" -> true;
                case "false" -> false;
                default -> {
                    error(at(n), "'" + key + "' must be true or false, not '" + n.getValue() + "'");
                    yield false;
                }
            };
        }

        /** A scalar or a list of scalars, as a list; null (after reporting) if it is neither. */
        private List<ScalarNode> scalars(Node node, String key) {
            if (node instanceof ScalarNode s) {
                return isNull(s) ? List.of() : List.of(s);
            }
            if (node instanceof SequenceNode seq) {
                List<ScalarNode> out = new ArrayList<>();
                for (Node n : seq.getValue()) {
                    if (n instanceof ScalarNode s && !isNull(s)) {
                        out.add(s);
                    } else {
                        error(at(n), "each item of '" + key + "' must be a single value");
                    }
                }
                return out;
            }
            error(at(node), "'" + key + "' must be a value or a list of values");
            return null;
        }

        private List<ScalarNode> optionalScalars(Entries m, String key) {
            NodeTuple t = m.get(key);
            if (t == null) {
                return List.of();
            }
            List<ScalarNode> items = scalars(t.getValueNode(), key);
            return items == null ? List.of() : items;
        }

        private static boolean isNull(Node n) {
            return n instanceof ScalarNode s && "tag:yaml.org,2002:null".equals(s.getTag().getValue());
        }

        private SourceLocation at(Node n) {
            return at(n.getStartMark());
        }

        private SourceLocation at(Mark m) {
            return new SourceLocation(file, m.getLine() + 1, m.getColumn() + 1);
        }

        private int errorCount() {
            return (int) diagnostics.stream().filter(Diagnostic::isError).count();
        }

        private void error(SourceLocation at, String message) {
            diagnostics.add(Diagnostic.error(at, message));
        }

        private void warning(SourceLocation at, String message) {
            diagnostics.add(Diagnostic.warning(at, message));
        }
    }
}
