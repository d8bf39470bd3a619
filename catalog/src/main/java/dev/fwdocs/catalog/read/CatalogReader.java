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
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a catalog file or a directory of catalog files (one product per file) and validates it, collecting every
 * problem with its file, line and column before failing once.
 */
public final class CatalogReader {

    /** The catalog format version this reader understands. */
    public static final int FORMAT_VERSION = 1;

    /**
     * The largest catalog file read, in characters (16 Mi, about 70,000 rules of one product): a bound on the memory
     * one file's YAML tree takes, and above SnakeYAML's own default of 3 Mi, which would otherwise stop a large
     * product with a message that names no file. A larger file is an error that says its size.
     */
    public static final int MAX_FILE_CHARS = 16 * 1024 * 1024;

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

    /** Ids become parts of paths, chain names and shell variable names: lower case, digits, inner dashes. */
    static final Pattern ID = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    static final int MAX_ID_LENGTH = 40;
    /** Versions name folders: no separators, no leading '.' or '-', no trailing '.' (Windows drops it). */
    static final Pattern VERSION = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._+-]*[A-Za-z0-9_+-])?");
    /**
     * Reserved as a version name in any letter case: the pages publish the newest version again under it. The
     * schema's {@code version} rejects it (and {@link #INDEX}) with a {@code not}.
     */
    static final String LATEST = "latest";
    /** Reserved as the start of a version name in any letter case: a product's index page is 'index.md' or '.mdx'. */
    static final String INDEX = "index.";
    /** Names Windows keeps for devices, in any letter case and with any extension: no file or folder has them. */
    static final Pattern DEVICE = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])"
            + "(\\..*)?");
    static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    /** A host that is all digits and dots: an IPv4 address, which belongs under 'cidrs'. */
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    /** A port range written with ':' (iptables' way), which the catalog writes with '-'. */
    private static final Pattern COLON_RANGE = Pattern.compile("\\d+:\\d+");
    /** A port with its protocol ({@code 8080/tcp}), which belongs under 'protocol'. */
    private static final Pattern PORT_AND_PROTOCOL = Pattern.compile("\\d+(-\\d+)?/[A-Za-z0-9]+");
    /** One end of a port range, before its size is checked. */
    private static final Pattern PORT_DIGITS = Pattern.compile("\\d{1,9}");

    /** What to add for a missing required key, as the second half of "X has no 'key'; add ...". */
    private static final Map<String, String> HINTS = Map.of(
            "name", "the name readers see, such as 'name: StorageOS'",
            "title", "a short heading such as 'title: Outgoing traffic'",
            "text", "the note's Markdown text under 'text: |'",
            "setting", "the name of the setting that moves the port, such as 'setting: NodePublicPort'",
            "where", "where that setting lives, such as 'where: /etc/netmanager/netcfg.json'");

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
        List<Diagnostic> undecodable = new ArrayList<>();
        for (Path f : files) {
            // Decoded here, not by Files.readString: its MalformedInputException names neither the file nor the byte.
            String text = CatalogText.decode(display(f), Files.readAllBytes(f), undecodable);
            if (text != null) {
                texts.put(display(f), text);
            }
        }
        return read(display(abs), texts, undecodable);
    }

    /**
     * Reads catalog texts already in memory, keyed by the file name to report (read in name order);
     * {@code root} names the catalog in the message for an empty one.
     */
    public static Catalog read(String root, Map<String, String> texts) throws CatalogException {
        return read(root, texts, List.of());
    }

    /** As above, after {@code undecodable}: the errors of the files that were found but are not UTF-8. */
    private static Catalog read(String root, Map<String, String> texts, List<Diagnostic> undecodable)
            throws CatalogException {
        List<Diagnostic> diagnostics = new ArrayList<>(undecodable);
        if (texts.isEmpty() && undecodable.isEmpty()) {
            diagnostics.add(Diagnostic.error(SourceLocation.ofFile(root), "the catalog is empty: it holds no .yaml "
                    + "or .yml file; add one file per product, starting with 'fwdocs: 1'"));
            throw new CatalogException(diagnostics);
        }
        // The files are independent until their product ids are compared: each is read on its own (in parallel,
        // one file each), then the results are taken in name order, as if read one after the other.
        List<FileResult> results = new ArrayList<>(new TreeMap<>(texts).entrySet()).parallelStream()
                .map(e -> readFile(e.getKey(), e.getValue())).toList();
        List<ProductCatalog> products = new ArrayList<>();
        Map<String, SourceLocation> productIds = new HashMap<>();
        for (FileResult r : results) {
            diagnostics.addAll(r.diagnostics());
            ProductCatalog pc = r.product();
            if (pc != null) {
                SourceLocation first = productIds.putIfAbsent(pc.product().id(), r.productIdLocation());
                if (first != null) {
                    diagnostics.add(Diagnostic.error(r.productIdLocation(), "product id '" + pc.product().id()
                            + "' is already used at " + first + "; give each product its own id"));
                } else {
                    products.add(pc);
                }
            }
        }
        List<Diagnostic> sorted = diagnostics.stream().sorted().toList();
        if (sorted.stream().anyMatch(Diagnostic::isError) || products.isEmpty()) {
            throw new CatalogException(sorted);
        }
        return new Catalog(products, sorted);
    }

    /** What reading one file gave: its problems, its product (null when it has errors) and where its id is. */
    private record FileResult(List<Diagnostic> diagnostics, ProductCatalog product, SourceLocation productIdLocation) {
    }

    private static FileResult readFile(String file, String text) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (text.length() > MAX_FILE_CHARS) {
            diagnostics.add(Diagnostic.error(SourceLocation.ofFile(file), String.format(Locale.ROOT,
                    "the file has %,d characters, more than the %,d fwdocs reads from one catalog file; move "
                    + "long notes out of it or split what can be split (one product per file)",
                    text.length(), MAX_FILE_CHARS)));
            return new FileResult(diagnostics, null, null);
        }
        if (!CatalogText.check(file, text, diagnostics)) {
            return new FileResult(diagnostics, null, null);
        }
        FileReader fr = new FileReader(file, diagnostics);
        // A file saved with CRLF or CR line breaks reads as the same LF file (the same marks, the same output).
        ProductCatalog pc = fr.read(CatalogText.lf(text));
        return new FileResult(diagnostics, pc, fr.productIdLocation);
    }

    /**
     * The name locations and generated headers give a file: relative to the project folder, also when it is outside
     * it ({@code ../shared/catalog/shop.yaml}), so that no absolute path lands in a script; its file name alone when
     * no relative path leads there (another drive).
     */
    public String display(Path file) {
        Path p = baseDir.resolve(file).toAbsolutePath().normalize();
        Path rel;
        try {
            rel = p.startsWith(baseDir) ? baseDir.relativize(p) : baseDir.relativize(p).normalize();
        } catch (IllegalArgumentException e) {
            rel = p.getFileName() == null ? p : p.getFileName();
        }
        String s = rel.toString().replace('\\', '/');
        return s.isEmpty() ? "." : s;
    }

    /** A mapping's entries by key, remembering where to point when a required key is missing. */
    private static final class Entries extends LinkedHashMap<String, NodeTuple> {
        private static final long serialVersionUID = 1L;
        private final transient SourceLocation where;
        /** Allowed keys that an unknown key was taken for a typo of: their absence is already explained. */
        private final Set<String> suggested = new HashSet<>();

        Entries(SourceLocation where) {
            this.where = where;
        }

        /** True when the key is missing and no misspelt key already stands for it. */
        boolean lacks(String key) {
            return !containsKey(key) && !suggested.contains(key);
        }
    }

    /** Reads and checks one file; collects its problems into the shared list. */
    private static final class FileReader {
        private final String file;
        private final List<Diagnostic> diagnostics;
        private SourceLocation productIdLocation;
        /** Versions by their text and, for unquoted numbers, by the number other YAML tools read. */
        private final Map<String, ScalarNode> yamlNumbers = new HashMap<>();
        /** The product's versions as far as they could be read; null when they are missing or broken. */
        private List<String> versions;
        /** Some role or address could not be read: a reference to an unknown id may be to it. */
        private boolean namesIncomplete;

        FileReader(String file, List<Diagnostic> diagnostics) {
            this.file = file;
            this.diagnostics = diagnostics;
        }

        ProductCatalog read(String text) {
            Node root = compose(text);
            if (root == null) {
                return null;
            }
            Entries top = mapping(root, null, "catalog", "the file");
            if (top == null) {
                return null;
            }
            NodeTuple ft = top.get("fwdocs");
            if (top.lacks("fwdocs")) {
                error(top.where, "the file has no 'fwdocs' line; add 'fwdocs: " + FORMAT_VERSION + "' at the top to "
                        + "say which catalog format it is written in");
            } else if (ft != null) {
                Node fv = ft.getValueNode();
                String v = fv instanceof ScalarNode s ? s.getValue() : "";
                if (!String.valueOf(FORMAT_VERSION).equals(v)) {
                    error(at(fv), "'fwdocs: " + (v.isEmpty() ? "..." : v) + "' is not a catalog format this version "
                            + "of fwdocs knows; write 'fwdocs: " + FORMAT_VERSION + "'");
                }
            }
            Product product = product(top);
            List<Role> roles = list(top, "roles", this::role, "a list of roles, each with an 'id'");
            List<Address> addresses = list(top, "addresses", this::address,
                    "a list of addresses, each with an 'id' and 'hosts' or 'cidrs'");
            if (top.lacks("roles")) {
                error(top.where, "the file has no 'roles'; list the machine roles, for example "
                        + "'roles: [{id: node}]'");
            } else if (top.containsKey("roles") && isEmptyList(top.get("roles").getValueNode())) {
                error(at(top.get("roles").getKeyNode()), "'roles' is empty; list at least one machine role, for "
                        + "example '- id: node'");
            }
            List<RawRule> raw = list(top, "rules", this::rule,
                    "a list of rules, each starting with '- id: ...'");
            if (!top.containsKey("rules") || isEmptyList(top.get("rules").getValueNode())) {
                warning(top.containsKey("rules") ? at(top.get("rules").getKeyNode()) : top.where,
                        "the product has no rules, so fwdocs generates no firewall rules for it; list the traffic "
                                + "each role accepts under 'rules'");
            }
            // References are checked even when the product block is broken: only since/until need its versions.
            // Not against roles or addresses that could not be read, though: every rule naming one would be reported
            // too, burying the one error that matters.
            namesIncomplete = unreadItems(top, "roles", roles.size()) || unreadItems(top, "addresses",
                    addresses.size());
            Map<String, String> names = checkUniqueIds(roles, addresses);
            List<Rule> rules = new ArrayList<>();
            for (RawRule r : raw) {
                Rule rule = finish(r, names);
                if (rule != null) {
                    rules.add(rule);
                }
            }
            if (versions != null) {
                checkDuplicateRuleIds(rules);
                warnOverlaps(rules);
            }
            warnUnused(roles, addresses, raw);
            if (product == null) {
                return null;
            }
            return new ProductCatalog(file, product, roles, addresses, rules);
        }

        /** The file's YAML node tree, or null (after reporting) when it is empty or not YAML. */
        private Node compose(String text) {
            Node root;
            try {
                // What Yaml.compose does, without the object constructor and representer a Yaml builds (never used
                // here; their class loading was a tenth of a cold read).
                LoaderOptions options = YamlProblems.options();
                root = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(),
                        options).getSingleNode();
            } catch (YAMLException e) {
                YamlProblems.Located l = YamlProblems.limit(text, e);
                if (l == null && e instanceof MarkedYAMLException me) {
                    l = YamlProblems.misplaced(text, me);
                }
                if (l != null) {
                    error(new SourceLocation(file, l.line(), l.column()), l.message());
                    return null;
                }
                return syntaxError(e);
            } catch (RuntimeException e) {
                YamlProblems.Located l = YamlProblems.unreadable(text, e);
                error(new SourceLocation(file, l.line(), l.column()), l.message());
                return null;
            }
            if (root == null) {
                error(new SourceLocation(file, 1, 1), "the file is empty; a catalog file starts with 'fwdocs: "
                        + FORMAT_VERSION + "' followed by the 'product', its 'roles' and its 'rules'");
                return null;
            }
            Node tagged = YamlProblems.foreignTag(root);
            if (tagged != null) {
                error(at(tagged), "the YAML tag '" + tagged.getTag().getValue().replace("tag:yaml.org,2002:", "!!")
                        + "' is not one fwdocs reads; remove it (a catalog holds only plain text, numbers, true/false, "
                        + "lists and mappings)");
                return null;
            }
            controls(root, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
            return root;
        }

        /** Every value holding a control character: pages and scripts would carry it to a reader or a terminal. */
        private void controls(Node n, Set<Node> seen) {
            if (!seen.add(n)) {
                return; // an alias: its node was checked where it is defined (and may contain itself)
            }
            if (n instanceof ScalarNode sc) {
                int c = YamlProblems.control(sc.getValue());
                if (c >= 0) {
                    error(at(sc), String.format("the text holds the control character U+%04X; remove it (only line "
                            + "breaks and tabs may appear in catalog text)", c));
                }
            } else if (n instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    controls(t.getKeyNode(), seen);
                    controls(t.getValueNode(), seen);
                }
            } else if (n instanceof SequenceNode sq) {
                sq.getValue().forEach(item -> controls(item, seen));
            }
        }

        private Node syntaxError(YAMLException ex) {
            if (ex instanceof MarkedYAMLException e) {
                Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                if (e.getContextMark() != null && String.valueOf(e.getProblem()).contains("end of stream")) {
                    m = e.getContextMark(); // an unclosed quote: point where it opens, not at the end of the file
                }
                error(m == null ? new SourceLocation(file, 1, 1) : at(m), syntax(e.getProblem()));
                return null;
            }
            error(new SourceLocation(file, 1, 1), syntax(ex.getMessage()));
            return null;
        }

        /** SnakeYAML's problem in words a doc writer can act on. */
        private static String syntax(String problem) {
            String p = problem == null ? "" : problem;
            if (p.contains("\\t") || p.contains("\t") || p.contains("TAB")) {
                return "YAML syntax error: this line is indented with a tab; YAML allows only spaces, so replace the "
                        + "tab with spaces";
            }
            if (p.contains("Global tag is not allowed")) {
                return "the YAML tag '" + p.substring(p.indexOf(':', p.indexOf("allowed")) + 1).strip()
                        .replace("tag:yaml.org,2002:", "!!") + "' is not one fwdocs reads; remove it (a catalog holds "
                        + "only plain text, numbers, true/false, lists and mappings)";
            }
            if (p.contains("Number of aliases")) {
                return "the file uses too many YAML aliases (*name) of lists or mappings; write the values out";
            }
            if (p.contains("mapping values are not allowed")) {
                return "YAML syntax error: a ':' appears where no key can start; put quotes around a value that "
                        + "contains ': ' or fix the indentation of this line";
            }
            if (p.contains("could not find expected ':'")) {
                return "YAML syntax error: a key has no ':' after it or the line is indented wrongly; write "
                        + "'key: value' lined up with the keys around it";
            }
            if (p.contains("expected <block end>")) {
                return "YAML syntax error: this line is indented differently from the lines around it; line up "
                        + "the keys of one mapping under each other";
            }
            if (p.contains("another document") || p.contains("expected a single document")) {
                return "the file holds more than one YAML document (a second '---'); put each product in its own file";
            }
            if (p.contains("found unexpected end of stream")) {
                return "YAML syntax error: the quote that opens here is never closed; add the closing quote";
            }
            return "YAML syntax error: " + (p.isEmpty() ? "malformed YAML" : p)
                    + "; check the indentation and quoting on this line";
        }

        // ---- product, roles, addresses -------------------------------------------------------------------------

        private Product product(Entries top) {
            NodeTuple t = top.get("product");
            if (t == null) {
                if (!top.lacks("product")) {
                    return null;
                }
                error(top.where, "the file has no 'product'; add a 'product' with an id, a name and its versions");
                return null;
            }
            Entries m = mapping(t.getValueNode(), t.getKeyNode(), "product", "'product'");
            if (m == null) {
                return null;
            }
            String id = id(m, "product");
            productIdLocation = m.containsKey("id") ? at(m.get("id").getValueNode()) : m.where;
            String name = text(m, "name", true, "the product");
            String summary = text(m, "summary", false, "the product");
            List<String> found = new ArrayList<>();
            boolean ok = true;
            NodeTuple vt = m.get("versions");
            if (vt == null) {
                if (m.lacks("versions")) {
                    error(m.where, "the product has no 'versions'; list the documented versions, oldest first, "
                            + "for example 'versions: [\"1.0\", \"1.1\"]'");
                }
                ok = false;
            } else {
                List<ScalarNode> items = scalars(vt.getValueNode(), "versions");
                if (items != null && items.isEmpty()) {
                    error(at(vt.getKeyNode()), "the product has no versions; list at least one, oldest first, for "
                            + "example 'versions: [\"1.0\"]'");
                }
                ok = items != null && !items.isEmpty();
                Map<String, ScalarNode> folded = new HashMap<>();
                for (ScalarNode v : items == null ? List.<ScalarNode>of() : items) {
                    ok &= listedVersion(v, found, folded);
                }
            }
            versions = ok ? List.copyOf(found) : null;
            List<Note> notes = list(m, "notes", this::note, "a list of notes, each with a 'title' and a 'text'");
            if (id == null || name == null || versions == null) {
                return null;
            }
            return new Product(id, name, summary, versions, notes, at(t.getValueNode()));
        }

        /**
         * Checks one entry of 'versions' and adds it to {@code found} when it is fine. Versions name folders, so they
         * are compared in lower case too ({@code folded}): macOS and Windows file systems ignore letter case.
         */
        private boolean listedVersion(ScalarNode v, List<String> found, Map<String, ScalarNode> folded) {
            String name = v.getValue();
            String lower = name.toLowerCase(Locale.ROOT);
            ScalarNode sameFolder = folded.get(lower);
            if (name.isBlank()) {
                error(at(v), "a version is empty; write the version's name (such as \"1.0\") or remove the entry");
            } else if (name.endsWith(".") && VERSION.matcher(name + "0").matches()) {
                error(at(v), "version '" + name + "' ends with '.', which Windows drops from folder names; remove the "
                        + "trailing '.'");
            } else if (name.length() > 1 && "._+-".indexOf(name.charAt(0)) >= 0 && !VERSION.matcher(name).matches()
                    && VERSION.matcher("0" + name.substring(1)).matches()) {
                // Only the first character is wrong, and the list of allowed ones names it.
                error(at(v), "version '" + name + "' starts with '" + name.charAt(0) + "'; start it with a letter or "
                        + "a digit (it names folders, and site generators skip those that start with '.' or '_')");
            } else if (!VERSION.matcher(name).matches()) {
                error(at(v), "version '" + name + "' is not a valid version name; use letters, digits, '.', '_', '+' "
                        + "and '-' (it becomes part of paths)");
            } else if (LATEST.equals(lower)) {
                error(at(v), "version '" + name + "' is reserved: fwdocs already publishes the last version listed "
                        + "under '" + LATEST + "'" + (name.equals(lower) ? "" : ", the same folder as '" + name
                        + "' on macOS and Windows (they ignore letter case)") + "; list the version's real name "
                        + "(such as '2.0') instead");
            } else if (DEVICE.matcher(name).matches()) {
                error(at(v), "version '" + name + "' is a device name on Windows, where no folder can have it; "
                        + "rename the version");
            } else if (sameNumber(v) != null) {
                ScalarNode other = sameNumber(v);
                String number = asNumber(v) != null ? asNumber(v) : name;
                error(at(v), "version '" + name + "' and version '" + other.getValue() + "' at " + at(other) + " are "
                        + "the same number (" + number + ") to YAML tools other than fwdocs, which read unquoted "
                        + "versions as numbers; put the versions in quotes, such as \"" + other.getValue() + "\"");
            } else if (lower.startsWith(INDEX)) {
                error(at(v), "version '" + name + "' is reserved: names starting with '" + INDEX + "' (in any letter "
                        + "case) are kept for the index pages in the product's folder (such as 'index.md'); rename "
                        + "the version");
            } else if (found.contains(name)) {
                error(at(v), "version '" + name + "' is listed twice; list each version once");
            } else if (sameFolder != null) {
                error(at(v), "version '" + name + "' differs from version '" + sameFolder.getValue() + "' at "
                        + at(sameFolder) + " only in letter case, so on macOS and Windows the two would share a "
                        + "folder; spell the version one way and list it once");
            } else {
                found.add(name);
                folded.put(lower, v);
                yamlNumbers.putIfAbsent(name, v);
                if (asNumber(v) != null) {
                    yamlNumbers.putIfAbsent(asNumber(v), v);
                }
                return true;
            }
            return false;
        }

        /**
         * An unquoted version that YAML tools other than fwdocs read as a number (PyYAML, js-yaml: 1.00 as 1.0, 1.10
         * as 1.1) and that then reads differently from its text; null otherwise. fwdocs keeps the text.
         */
        /** The version listed before that YAML tools would read as the same number as {@code v}, or null. */
        private ScalarNode sameNumber(ScalarNode v) {
            ScalarNode other = yamlNumbers.get(asNumber(v) != null ? asNumber(v) : v.getValue());
            return other != null && !other.getValue().equals(v.getValue()) ? other : null;
        }

        private static String asNumber(ScalarNode v) {
            if (!v.getTag().getValue().equals("tag:yaml.org,2002:float")
                    || v.getScalarStyle() != org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN) {
                return null;
            }
            try {
                String n = Double.toString(Double.parseDouble(v.getValue().replace("_", "")));
                return n.equals(v.getValue()) ? null : n;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private Note note(Node node) {
            Entries m = mapping(node, null, "note", "a note");
            if (m == null) {
                return null;
            }
            String title = text(m, "title", true, "the note");
            String text = text(m, "text", true, "the note");
            return title == null || text == null ? null : new Note(title, text, at(node));
        }

        private Role role(Node node) {
            Entries m = mapping(node, null, "role", "a role");
            if (m == null) {
                return null;
            }
            String id = id(m, "role");
            if (Rule.ANY.equals(id)) {
                error(at(m.get("id").getValueNode()), "'any' is reserved for 'any source'; give the role another id");
                return null;
            }
            String name = text(m, "name", false, "the role");
            String description = text(m, "description", false, "the role");
            return id == null ? null : new Role(id, name, description, at(node));
        }

        private Address address(Node node) {
            Entries m = mapping(node, null, "address", "an address");
            if (m == null) {
                return null;
            }
            String id = id(m, "address");
            boolean ok = id != null;
            if (Rule.ANY.equals(id)) {
                error(at(m.get("id").getValueNode()), "'any' is reserved for 'any source'; give the address another "
                        + "id");
                ok = false;
            }
            String label = id == null ? "the address" : "address '" + id + "'";
            String name = text(m, "name", false, label);
            String description = text(m, "description", false, label);
            List<ScalarNode> hostNodes = optionalScalars(m, "hosts");
            List<ScalarNode> cidrNodes = optionalScalars(m, "cidrs");
            List<String> hosts = new ArrayList<>();
            for (ScalarNode h : hostNodes) {
                String v = h.getValue().strip();
                if (v.contains("://") || v.contains("/")) {
                    error(at(h), "host '" + v + "' is a URL or a network; write only the host name (such as "
                            + "containers.example.net) here and put networks under 'cidrs'");
                    ok = false;
                } else if (!HOST.matcher(v).matches() || DIGITS_AND_DOTS.matcher(v).matches() || v.contains(":")) {
                    error(at(h), "'" + v + "' is not a valid host name; use letters, digits, '-' and '.' such as "
                            + "api.example.net (an IP address belongs under 'cidrs')");
                    ok = false;
                } else if (hosts.contains(v.toLowerCase(Locale.ROOT))) {
                    error(at(h), "host '" + v + "' is listed twice in " + label + "; list it once");
                    ok = false;
                } else {
                    hosts.add(v.toLowerCase(Locale.ROOT));
                }
            }
            List<Cidr> cidrs = new ArrayList<>();
            for (ScalarNode c : cidrNodes) {
                try {
                    Cidr cidr = Cidr.parse(c.getValue());
                    if (cidr.prefix() == 0) {
                        warning(at(c), label + " lists " + cidr + ", every " + (cidr.family() == 4 ? "IPv4" : "IPv6")
                                + " address; if the rules are meant for any source, write 'from: any', and "
                                + "otherwise list the real networks");
                    }
                    if (cidrs.contains(cidr)) {
                        error(at(c), "network " + cidr + " is listed twice in " + label + "; list it once");
                        ok = false;
                    } else {
                        cidrs.add(cidr);
                    }
                } catch (IllegalArgumentException e) {
                    error(at(c), e.getMessage());
                    ok = false;
                }
            }
            if (hostNodes.isEmpty() && cidrNodes.isEmpty() && !m.suggested.contains("hosts")
                    && !m.suggested.contains("cidrs")) {
                error(m.where, label + " has neither 'hosts' nor 'cidrs'; give at least one host name (hosts: "
                        + "[api.example.net]) or network (cidrs: [198.51.100.0/24])");
            }
            // An address with a bad entry is still known by id, so rules naming it do not report it as unknown.
            return id == null || Rule.ANY.equals(id) ? null
                    : new Address(id, name, description, ok ? hosts : List.of(), ok ? cidrs : List.of(), at(node));
        }

        /** Role and address ids share one namespace (rules name both); returns id -> "role" or "address". */
        private Map<String, String> checkUniqueIds(List<Role> roles, List<Address> addresses) {
            Map<String, String> kinds = new LinkedHashMap<>();
            Map<String, SourceLocation> where = new HashMap<>();
            for (Role r : roles) {
                SourceLocation first = where.putIfAbsent(r.id(), r.location());
                if (first != null) {
                    error(r.location(), "role id '" + r.id() + "' is already used at " + first
                            + "; give each role and address its own id");
                }
                kinds.putIfAbsent(r.id(), "role");
            }
            for (Address a : addresses) {
                SourceLocation first = where.putIfAbsent(a.id(), a.location());
                if (first != null) {
                    error(a.location(), "address id '" + a.id() + "' is already used at " + first
                            + "; give each role and address its own id");
                }
                kinds.putIfAbsent(a.id(), "address");
            }
            return kinds;
        }

        // ---- rules ---------------------------------------------------------------------------------------------

        /** A rule as written, with the nodes kept for locations until references can be checked. */
        private record RawRule(Node node, String id, String name, List<Protocol> protocols, List<PortRange> ports,
                List<IcmpType> icmpTypes, List<ScalarNode> from, List<ScalarNode> to, String description,
                String notes, boolean optional, Configurable configurable, String verify, ScalarNode since,
                ScalarNode until, boolean ok) {
        }

        private RawRule rule(Node node) {
            int before = errorCount();
            Entries m = mapping(node, null, "rule", "a rule");
            if (m == null) {
                return null;
            }
            String id = id(m, "rule");
            String label = id == null ? "the rule" : "rule '" + id + "'";
            String name = text(m, "name", false, label);
            List<Protocol> protocols = new ArrayList<>();
            NodeTuple pt = m.get("protocol");
            if (pt == null) {
                if (m.lacks("protocol")) {
                    error(m.where, label + " has no 'protocol'; add one of tcp, udp, sctp, icmp, icmpv6 (or a list such "
                            + "as [tcp, udp])");
                }
            } else {
                List<ScalarNode> items = scalars(pt.getValueNode(), "protocol");
                if (items != null && items.isEmpty()) {
                    error(at(pt.getKeyNode()), "'protocol' of " + label + " is empty; write one of tcp, udp, sctp, "
                            + "icmp, icmpv6 (or a list such as [tcp, udp])");
                }
                for (ScalarNode s : items == null ? List.<ScalarNode>of() : items) {
                    String v = s.getValue().strip();
                    Protocol p = Protocol.fromId(v).orElse(null);
                    List<String> written = listInOneValue(v);
                    if (p == null && written != null && written.stream().allMatch(x -> Protocol.fromId(x).isPresent())) {
                        error(at(s), "'" + v + "' is not one protocol; write them as a list: 'protocol: ["
                                + String.join(", ", written) + "]'");
                    } else if (p == null) {
                        List<String> known = Arrays.stream(Protocol.values()).map(Protocol::id).toList();
                        String hint = Suggest.didYouMean(v, known);
                        error(at(s), "unknown protocol '" + s.getValue() + "'" + (hint.isEmpty()
                                ? "; use one of tcp, udp, sctp, icmp, icmpv6" : hint));
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
            boolean portsOk = true;
            NodeTuple portsT = m.get("ports");
            if (portsT != null) {
                if (icmp && !withPorts) {
                    error(at(portsT.getKeyNode()), "ICMP has no ports; remove 'ports' from " + label
                            + " and use 'icmp-type' (such as echo-request)");
                    portsOk = false;
                } else {
                    int e = errorCount();
                    ports = ports(portsT.getValueNode());
                    portsOk = errorCount() == e;
                    if (portsOk && ports.isEmpty()) {
                        error(at(portsT.getKeyNode()), "'ports' of " + label + " is empty; add a port such as 443, "
                                + "a range such as \"30000-32767\", or a list");
                        portsOk = false;
                    }
                }
            } else if (withPorts) {
                if (m.lacks("ports")) {
                    error(m.where, label + " has no 'ports'; add a port such as 443, a range such as \"30000-32767\", "
                            + "or a list");
                }
                portsOk = false;
            }
            List<IcmpType> icmpTypes = new ArrayList<>();
            NodeTuple it = m.get("icmp-type");
            if (it != null) {
                if (!icmp) {
                    error(at(it.getKeyNode()), "'icmp-type' only applies to icmp or icmpv6; remove it from " + label
                            + " or set its protocol to icmp");
                } else {
                    icmpTypes = icmpTypes(it.getValueNode(), protocols, label);
                }
            } else if (icmp && !withPorts && m.lacks("icmp-type")) {
                error(m.where, label + " allows ICMP but names no 'icmp-type'; add one such as "
                        + "'icmp-type: echo-request'");
            }
            List<ScalarNode> from = endpoints(m, "from", label);
            List<ScalarNode> to = endpoints(m, "to", label);
            String description = text(m, "description", false, label);
            String notes = text(m, "notes", false, label);
            boolean optional = bool(m, "optional", label);
            Configurable configurable = configurable(m, ports, portsOk, icmp && !withPorts, label);
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
                if (COLON_RANGE.matcher(v).matches()) {
                    error(at(s), "'" + v + "' uses ':' for a range; write \"" + v.replace(':', '-') + "\"");
                    continue;
                }
                if (PORT_AND_PROTOCOL.matcher(v).matches()) {
                    error(at(s), "'" + v + "' is not a port; write only the port (" + v.substring(0, v.indexOf('/'))
                            + ") here and put the protocol under 'protocol'");
                    continue;
                }
                String[] parts = v.split("-", -1);
                if (!portShape(v)) {
                    List<String> written = listInOneValue(v);
                    if (written != null && written.stream().allMatch(CatalogReader.FileReader::portShape)) {
                        error(at(s), "'" + v + "' is not one port; write the ports as a list: 'ports: ["
                                + String.join(", ", written.stream().map(x -> x.contains("-") ? "\"" + x + "\"" : x)
                                        .toList()) + "]'");
                    } else {
                        error(at(s), "'" + v + "' is not a port; write a number from 1 to 65535 or a range such as "
                                + "\"30000-32767\"");
                    }
                    continue;
                }
                int a = Integer.parseInt(parts[0].strip());
                int b = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : a;
                String zero = Arrays.stream(parts).map(String::strip).filter(p -> p.length() > 1 && p.startsWith("0"))
                        .findFirst().orElse(null);
                if (zero != null) {
                    error(at(s), "port " + zero + " starts with 0, which YAML 1.1 tools read as an octal number"
                            + (zero.matches("[0-7]+") ? " (" + Integer.parseInt(zero, 8) + ")" : "") + "; write "
                            + Integer.parseInt(zero));
                } else if (a == 0 || b == 0) {
                    error(at(s), "port 0 cannot be opened; use a port from 1 to 65535");
                } else if (a > PortRange.MAX_PORT || b > PortRange.MAX_PORT) {
                    error(at(s), "port " + Math.max(a, b) + " is above 65535, the highest port; use a port from 1 "
                            + "to 65535");
                } else if (a > b) {
                    error(at(s), "range " + v + " is reversed; write the lowest port first: \"" + b + "-" + a + "\"");
                } else {
                    PortRange r = PortRange.of(a, b);
                    PortRange other = out.stream().filter(r::overlaps).findFirst().orElse(null);
                    if (other != null) {
                        error(at(s), "'" + v + "' overlaps " + other + " earlier in the same list; list each port "
                                + "once");
                    } else {
                        out.add(r);
                    }
                }
            }
            return out;
        }

        private List<IcmpType> icmpTypes(Node node, List<Protocol> protocols, String label) {
            List<IcmpType> out = new ArrayList<>();
            List<ScalarNode> items = scalars(node, "icmp-type");
            if (items != null && items.isEmpty()) {
                error(at(node), "'icmp-type' of " + label + " is empty; name a type such as echo-request");
            }
            for (ScalarNode s : items == null ? List.<ScalarNode>of() : items) {
                String v = s.getValue().strip();
                for (Protocol p : protocols) {
                    if (!p.isIcmp()) {
                        continue;
                    }
                    IcmpType t = IcmpType.find(p, v).orElse(null);
                    if (t != null) {
                        if (out.contains(t)) {
                            error(at(s), "ICMP type '" + v + "' is listed twice in " + label + "; list it once");
                        } else {
                            out.add(t);
                        }
                        continue;
                    }
                    Protocol otherFamily = p == Protocol.ICMP ? Protocol.ICMPV6 : Protocol.ICMP;
                    List<String> known = Arrays.stream(IcmpType.values()).filter(x -> x.protocol() == p)
                            .map(IcmpType::catalogName).toList();
                    if (IcmpType.find(otherFamily, v).isPresent()) {
                        error(at(s), "'" + v + "' is an " + otherFamily.label() + " type, not an " + p.label()
                                + " type; set the protocol of " + label + " to " + otherFamily.id()
                                + " or put it in a rule of its own");
                    } else {
                        String meant = icmpMeant(p, v);
                        String hint = meant != null ? meant : Suggest.didYouMean(v, known);
                        error(at(s), "'" + s.getValue() + "' is not an " + p.label() + " type" + (hint.isEmpty()
                                ? "; use one of " + String.join(", ", known) : hint));
                    }
                }
            }
            return out;
        }

        private List<ScalarNode> endpoints(Entries m, String key, String label) {
            NodeTuple t = m.get(key);
            if (t == null) {
                if (!m.lacks(key)) {
                    return List.of();
                }
                error(m.where, label + " has no '" + key + "'; name a role or address id"
                        + ("from".equals(key) ? ", or 'any'" : "") + ", such as '" + key + ": node'");
                return List.of();
            }
            List<ScalarNode> items = scalars(t.getValueNode(), key);
            if (items != null && items.isEmpty()) {
                error(at(t.getKeyNode()), "'" + key + "' of " + label + " is empty; name at least one role or "
                        + "address");
            }
            return items == null ? List.of() : items;
        }

        private Configurable configurable(Entries m, List<PortRange> ports, boolean portsOk, boolean icmpOnly,
                String label) {
            NodeTuple t = m.get("configurable");
            if (t == null) {
                return null;
            }
            Entries c = mapping(t.getValueNode(), t.getKeyNode(), "configurable", "'configurable'");
            if (c == null) {
                return null;
            }
            String setting = text(c, "setting", true, "'configurable'");
            String where = text(c, "where", true, "'configurable'");
            String description = text(c, "description", false, "'configurable'");
            if (icmpOnly) {
                error(at(t.getKeyNode()), "ICMP has no port to move; remove 'configurable' from " + label);
                return null;
            }
            if (portsOk && (ports.size() != 1 || !ports.get(0).isSingle())) {
                error(at(t.getKeyNode()), label + " is configurable, so it must have exactly one port (the "
                        + "default, such as 'ports: 8443'); split the other ports into a rule of their own");
                return null;
            }
            return setting == null || where == null || !portsOk ? null
                    : new Configurable(setting, where, description, at(t.getValueNode()));
        }

        private Rule finish(RawRule r, Map<String, String> names) {
            if (r == null) {
                return null;
            }
            boolean ok = r.ok();
            List<String> from = new ArrayList<>();
            List<String> to = new ArrayList<>();
            ok &= refs(r.from(), from, names, true);
            ok &= refs(r.to(), to, names, false);
            if (versions == null) {
                return null;
            }
            String since = version(r.since(), "since");
            String until = version(r.until(), "until");
            if (r.since() != null && since == null || r.until() != null && until == null) {
                ok = false;
            }
            if (since != null && until != null && versions.indexOf(since) >= versions.indexOf(until)) {
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

        private boolean refs(List<ScalarNode> nodes, List<String> out, Map<String, String> names, boolean from) {
            boolean ok = true;
            for (ScalarNode n : nodes) {
                String v = n.getValue().strip();
                if (Rule.ANY.equals(v)) {
                    if (!from) {
                        error(at(n), "'to: any' cannot be turned into rules for a role; name the roles or addresses "
                                + "that accept the traffic");
                        ok = false;
                        continue;
                    }
                } else if (!names.containsKey(v) && namesIncomplete) {
                    // Reported where the roles or addresses could not be read; the rule is left out.
                    ok = false;
                    continue;
                } else if (!names.containsKey(v)) {
                    List<String> known = new ArrayList<>(names.keySet());
                    if (from) {
                        known.add(Rule.ANY);
                    }
                    String hint = Suggest.didYouMean(v, known);
                    error(at(n), "'" + v + "' is not a role or address of this product" + (hint.isEmpty()
                            ? "; define it under 'roles' or 'addresses'" : hint));
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
            return ok;
        }

        private String version(ScalarNode n, String key) {
            if (n == null) {
                return null;
            }
            String v = n.getValue().strip();
            if (!versions.contains(v)) {
                // No "did you mean": version names are all near each other, so a guess would mislead.
                error(at(n), "'" + key + ": " + v + "' is not one of the product's versions ("
                        + String.join(", ", versions) + "); add it to the product's 'versions' or fix the name");
                return null;
            }
            return v;
        }

        private boolean inVersion(Rule r, int v) {
            int s = r.since() == null ? 0 : versions.indexOf(r.since());
            int u = r.until() == null ? Integer.MAX_VALUE : versions.indexOf(r.until());
            return v >= s && v < u;
        }

        private void checkDuplicateRuleIds(List<Rule> rules) {
            Set<Rule> reported = new HashSet<>();
            for (int v = 0; v < versions.size(); v++) {
                Map<String, Rule> seen = new HashMap<>();
                for (Rule r : rules) {
                    if (!inVersion(r, v)) {
                        continue;
                    }
                    Rule first = seen.putIfAbsent(r.id(), r);
                    if (first != null && reported.add(r)) {
                        error(r.location(), "rule id '" + r.id() + "' is already used at " + first.location()
                                + " in version " + versions.get(v) + "; give the rule its own id, or set "
                                + "'since'/'until' so the two never meet in one version");
                    }
                }
            }
        }

        /**
         * Two rules opening the same port and protocol to the same role from a common source in the same version are
         * a likely copy. Different sources are different flows (each shows in its role's outbound list), so they do
         * not warn even where one source is 'any'.
         */
        private void warnOverlaps(List<Rule> rules) {
            // Each pair once, in the order first found, with the versions it meets in: rules that come and go with
            // since/until may overlap in only some versions, and the warning names those.
            Map<String, Overlap> found = new LinkedHashMap<>();
            for (int v = 0; v < versions.size(); v++) {
                final int version = v;
                List<Rule> in = rules.stream().filter(r -> inVersion(r, version)).toList();
                // Each rule is compared only with the earlier rules that share a source, a target, a protocol and a
                // port (or ICMP type) with it, found in an index, rather than with every earlier rule: reading stays
                // linear in the number of rules. The earlier ones are compared in order, so the warnings are those
                // of comparing every pair.
                OverlapIndex index = new OverlapIndex();
                for (int j = 0; j < in.size(); j++) {
                    Rule b = in.get(j);
                    for (int i : index.candidates(b)) {
                        Rule a = in.get(i);
                        String key = a.location() + "\u0000" + b.location();
                        Overlap seen = found.get(key);
                        if (seen != null) {
                            seen.versions().add(versions.get(v));
                            continue;
                        }
                        String overlap = overlap(a, b);
                        if (overlap != null) {
                            found.put(key, new Overlap(a, b, overlap, new ArrayList<>(List.of(versions.get(v)))));
                        }
                    }
                    index.add(b, j);
                }
            }
            for (Overlap o : found.values()) {
                // A rule's versions are one run from since to until, so two rules meet in one run of versions too.
                List<String> in = o.versions();
                String when = in.size() == versions.size() ? ""
                        : in.size() == 1 ? " in version " + in.get(0)
                        : " in versions " + in.get(0) + (in.size() == 2 ? " and " : " to ") + in.get(in.size() - 1);
                warning(o.b().location(), "rule '" + o.b().id() + "' opens " + o.what() + " that rule '" + o.a().id()
                        + "' at " + o.a().location() + " already opens" + when + "; merge the two rules or remove one");
            }
        }

        /** Rule {@code b} opening {@code what} that the earlier rule {@code a} opens, in these versions. */
        private record Overlap(Rule a, Rule b, String what, List<String> versions) {
        }

        /**
         * The rules of one version so far by source, target and protocol, with their port ranges by first port (and
         * the widest range, to find the ranges that start before a port and reach it) or their ICMP types.
         */
        private static final class OverlapIndex {

            private record Entry(int last, int rule) {
            }

            private final Map<String, TreeMap<Integer, List<Entry>>> ports = new HashMap<>();
            private final Map<String, Integer> widest = new HashMap<>();
            private final Map<String, List<Integer>> icmp = new HashMap<>();

            private static String key(String from, String to, Protocol p) {
                return from + "\u0000" + to + "\u0000" + p.name();
            }

            /** The earlier rules that may overlap {@code b}, in their order; a superset of those that do. */
            java.util.SortedSet<Integer> candidates(Rule b) {
                java.util.SortedSet<Integer> out = new java.util.TreeSet<>();
                for (String from : b.from()) {
                    for (String to : b.to()) {
                        for (Protocol p : b.protocols()) {
                            String key = key(from, to, p);
                            if (p.isIcmp()) {
                                for (IcmpType t : b.icmpTypes(p)) {
                                    out.addAll(icmp.getOrDefault(key + "\u0000" + t, List.of()));
                                }
                                continue;
                            }
                            TreeMap<Integer, List<Entry>> byFirst = ports.get(key);
                            if (byFirst == null) {
                                continue;
                            }
                            int width = widest.get(key);
                            for (PortRange x : b.ports()) {
                                for (List<Entry> entries : byFirst.subMap(x.first() - width, true, x.last(), true)
                                        .values()) {
                                    for (Entry e : entries) {
                                        if (e.last() >= x.first()) {
                                            out.add(e.rule());
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                return out;
            }

            void add(Rule a, int rule) {
                for (String from : a.from()) {
                    for (String to : a.to()) {
                        for (Protocol p : a.protocols()) {
                            String key = key(from, to, p);
                            if (p.isIcmp()) {
                                // overlap() compares with every ICMP type of the earlier rule.
                                for (IcmpType t : a.icmpTypes()) {
                                    icmp.computeIfAbsent(key + "\u0000" + t, k -> new ArrayList<>()).add(rule);
                                }
                                continue;
                            }
                            for (PortRange x : a.ports()) {
                                ports.computeIfAbsent(key, k -> new TreeMap<>())
                                        .computeIfAbsent(x.first(), k -> new ArrayList<>())
                                        .add(new Entry(x.last(), rule));
                                widest.merge(key, x.last() - x.first(), Math::max);
                            }
                        }
                    }
                }
            }
        }

        private static String overlap(Rule a, Rule b) {
            if (a.from().stream().noneMatch(b.from()::contains)) {
                return null;
            }
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
                            if (a.icmpTypes().contains(t)) {
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

        /** Roles and addresses no rule names, and rules that name no role, produce nothing: likely mistakes. */
        private void warnUnused(List<Role> roles, List<Address> addresses, List<RawRule> raw) {
            Set<String> used = new HashSet<>();
            Set<String> roleIds = new HashSet<>();
            roles.forEach(r -> roleIds.add(r.id()));
            for (RawRule r : raw) {
                if (r == null) {
                    continue;
                }
                List<String> ends = new ArrayList<>();
                r.from().forEach(n -> ends.add(n.getValue().strip()));
                r.to().forEach(n -> ends.add(n.getValue().strip()));
                used.addAll(ends);
                boolean known = ends.stream().allMatch(e -> Rule.ANY.equals(e) || roleIds.contains(e)
                        || addresses.stream().anyMatch(a -> a.id().equals(e)));
                if (known && !ends.isEmpty() && r.id() != null && !r.from().isEmpty() && !r.to().isEmpty()
                        && ends.stream().noneMatch(roleIds::contains)) {
                    warning(at(r.node()), "rule '" + r.id() + "' names no role in 'from' or 'to', so it generates no "
                            + "firewall rule; name the role that sends or accepts this traffic");
                }
            }
            for (Role r : roles) {
                if (!used.contains(r.id())) {
                    warning(r.location(), "role '" + r.id() + "' is named in no rule's 'from' or 'to', so it gets no "
                            + "firewall rules; add the rules it needs or remove it");
                }
            }
            for (Address a : addresses) {
                if (!used.contains(a.id())) {
                    warning(a.location(), "address '" + a.id() + "' is named in no rule's 'from' or 'to'; use it in "
                            + "a rule or remove it");
                }
            }
        }

        /** A port or a range as text: digits, or digits '-' digits (blanks around each part allowed). */
        private static boolean portShape(String v) {
            String[] parts = v.split("-", -1);
            return parts.length <= 2 && Arrays.stream(parts).allMatch(p -> PORT_DIGITS.matcher(p.strip()).matches());
        }

        /**
         * The items of a value that holds a list written as one text ({@code "80, 443"}, {@code 80 443},
         * {@code tcp/udp}), or null when it holds no separator or an empty item.
         */
        private static List<String> listInOneValue(String v) {
            String[] items = v.split("\\s*[,/]\\s*|\\s+", -1);
            if (items.length < 2 || Arrays.stream(items).anyMatch(String::isEmpty)) {
                return null;
            }
            return List.of(items);
        }

        /** How to write an ICMP type given as its number or as "ping", or null. */
        private static String icmpMeant(Protocol p, String v) {
            if (v.equals("ping") || v.equals("echo")) {
                return "; write 'echo-request' (what ping sends)";
            }
            if (v.matches("[0-9]{1,3}")) {
                int n = Integer.parseInt(v);
                return Arrays.stream(IcmpType.values()).filter(t -> t.protocol() == p && t.type() == n)
                        .map(t -> "; types are written by name: write '" + t.catalogName() + "' for " + p.label()
                                + " type " + n).findFirst().orElse(null);
            }
            return null;
        }

        /** True when {@code key} holds something other than a list, or a list with items that were not read. */
        private static boolean unreadItems(Entries m, String key, int read) {
            NodeTuple t = m.get(key);
            if (t == null || isNull(t.getValueNode())) {
                return false;
            }
            return !(t.getValueNode() instanceof SequenceNode seq) || seq.getValue().size() != read;
        }

        // ---- YAML helpers --------------------------------------------------------------------------------------

        private <T> List<T> list(Entries m, String key, Function<Node, T> f, String shape) {
            NodeTuple t = m.get(key);
            if (t == null || isNull(t.getValueNode())) {
                return List.of();
            }
            if (!(t.getValueNode() instanceof SequenceNode seq)) {
                error(at(t.getValueNode()), "'" + key + "' must be " + shape + " (items start with '- ')");
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

        /**
         * The mapping's entries by key, after reporting unknown and repeated keys; null if it is not a mapping.
         * A missing key is reported at {@code key} (the key that holds this mapping) or, for list items and the
         * file itself, at the mapping's first line.
         */
        private Entries mapping(Node node, Node key, String kind, String what) {
            if (!(node instanceof MappingNode mn)) {
                if (isNull(node) && key != null) {
                    error(at(key), what + " is empty; write its keys indented below it");
                } else {
                    error(at(node), what + " must be a mapping of 'key: value' lines");
                }
                return null;
            }
            List<String> allowed = KEYS.get(kind);
            Entries out = new Entries(at(key != null ? key : node));
            for (NodeTuple t : mn.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    error(at(t.getKeyNode()), "a key must be a plain word such as 'id', not a list or mapping");
                    continue;
                }
                String name = k.getValue();
                if ("<<".equals(name)) {
                    error(at(k), "YAML merge keys ('<<') are not supported; write the keys out in " + article(kind));
                    out.suggested.addAll(allowed); // what the merge would have brought is not also "missing"
                    continue;
                }
                if (!allowed.contains(name)) {
                    String hint = Suggest.didYouMean(name, allowed);
                    Suggest.closest(name, allowed).ifPresent(out.suggested::add);
                    error(at(k), "unknown key '" + name + "' in " + article(kind) + (hint.isEmpty()
                            ? "; the keys allowed here are " + String.join(", ", allowed) : hint));
                    continue;
                }
                NodeTuple first = out.putIfAbsent(name, t);
                if (first != null) {
                    error(at(k), "key '" + name + "' appears twice in " + article(kind) + " (first on line "
                            + at(first.getKeyNode()).line() + "); keep one of them");
                }
            }
            return out;
        }

        private static String article(String kind) {
            return switch (kind) {
                case "catalog" -> "the catalog file";
                case "address" -> "an address";
                case "configurable" -> "'configurable'";
                case "product" -> "the product";
                default -> "a " + kind;
            };
        }

        private String id(Entries m, String kind) {
            NodeTuple t = m.get("id");
            if (t == null && !m.lacks("id")) {
                return null;
            }
            if (t == null || isNull(t.getValueNode())) {
                error(t == null ? m.where : at(t.getKeyNode()), "the " + kind + " has no 'id'; add one such as "
                        + "'id: my-" + kind + "' (lower case letters, digits and '-')");
                return null;
            }
            ScalarNode n = scalar(m, "id", true, "the " + kind);
            if (n == null) {
                return null;
            }
            String v = n.getValue();
            if (!ID.matcher(v).matches()) {
                // A look-alike letter (Cyrillic 'е') is fixed to its ASCII twin, or no fix is offered at all.
                String ascii = Suggest.asciiLookAlike(v);
                String fixed = ascii != null ? ascii : v.chars().allMatch(c -> c < 0x80)
                        ? v.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "") : "";
                error(at(n), "'" + v + "' is not a valid " + kind + " id; use lower case letters, digits and '-', "
                        + "starting and ending with a letter or digit" + (ID.matcher(fixed).matches()
                        && fixed.length() <= MAX_ID_LENGTH ? " (such as '" + fixed + "')" : ""));
                return null;
            }
            if (v.length() > MAX_ID_LENGTH) {
                error(at(n), kind + " id '" + v + "' is " + v.length() + " characters long; shorten it to at most "
                        + MAX_ID_LENGTH + " (it becomes part of file, chain and variable names)");
                return null;
            }
            if (DEVICE.matcher(v).matches()) {
                error(at(n), kind + " id '" + v + "' is a device name on Windows, where no file or folder can have "
                        + "it; choose another id (such as '" + v + "-1')");
                return v; // known by this id all the same, so the rules naming it report nothing more
            }
            return v;
        }

        private String text(Entries m, String key, boolean required, String owner) {
            NodeTuple t = m.get(key);
            if (t == null || isNull(t.getValueNode())) {
                if (required) {
                    missing(m, t, key, owner);
                }
                return null;
            }
            ScalarNode n = scalar(m, key, required, owner);
            // A "\r\n" or "\r" written in a quoted value is a line break like "\n": pages and scripts have LF only.
            return n == null ? null : CatalogText.lf(n.getValue());
        }

        private void missing(Entries m, NodeTuple t, String key, String owner) {
            String hint = HINTS.getOrDefault(key, "a value");
            if (t == null) {
                if (!m.lacks(key)) {
                    return;
                }
                error(m.where, owner + " has no '" + key + "'; add " + hint);
            } else {
                error(at(t.getKeyNode()), "'" + key + "' of " + owner + " is empty; give it " + hint);
            }
        }

        private ScalarNode scalar(Entries m, String key, boolean required, String owner) {
            NodeTuple t = m.get(key);
            if (t == null || isNull(t.getValueNode())) {
                if (required) {
                    missing(m, t, key, owner);
                }
                return null;
            }
            if (!(t.getValueNode() instanceof ScalarNode s)) {
                error(at(t.getValueNode()), "'" + key + "' of " + owner + " must be a single value, not a list or "
                        + "mapping");
                return null;
            }
            return s;
        }

        private boolean bool(Entries m, String key, String owner) {
            ScalarNode n = scalar(m, key, false, owner);
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
                        error(at(n), "each item of '" + key + "' must be a single value, not empty, a list or a "
                                + "mapping");
                    }
                }
                return out;
            }
            error(at(node), "'" + key + "' must be a value or a list of values, not a mapping");
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

        private static boolean isEmptyList(Node n) {
            return isNull(n) || n instanceof SequenceNode s && s.getValue().isEmpty();
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
            diagnostics.add(Diagnostic.error(at, printable(message)));
        }

        private void warning(SourceLocation at, String message) {
            diagnostics.add(Diagnostic.warning(at, printable(message)));
        }

        /** A message quotes catalog text: its control characters are written as {@code \\uXXXX}, never raw. */
        private static String printable(String message) {
            StringBuilder sb = new StringBuilder(message.length());
            message.chars().forEach(c -> sb.append(Character.getType(c) == Character.CONTROL
                    ? String.format("\\u%04X", c) : String.valueOf((char) c)));
            return sb.toString();
        }
    }
}
