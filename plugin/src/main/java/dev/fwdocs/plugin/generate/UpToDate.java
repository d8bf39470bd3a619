package dev.fwdocs.plugin.generate;

import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.plugin.output.Output;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The up-to-date state of one execution: a fingerprint of the configuration (every request setting, every template
 * override file, the plugin's version and its jar), the SHA-256 of every catalog file, and per product the file it
 * comes from and a fingerprint of its {@code product:} block (what pages of other products and shared files such as
 * the site's index show of it), the SHA-256 of the manifest each output folder had after the run (so that another
 * execution or run that wrote the folder since is noticed), and the file-system signature (size, modification and
 * change times, inode) of each output file whose content was checked against its manifest entry, so that an
 * unchanged file is not read again. Kept in a file of its own under the build folder, never in an output folder.
 */
record UpToDate(String config, Map<String, String> catalogFiles, Map<String, ProductState> products,
        Map<String, String> manifests, Map<String, String> stats) {

    /** One product of the last run: its catalog file and the fingerprint of its {@code product:} block. */
    record ProductState(String file, String header) {
    }

    private static final String MAGIC = "# fwdocs up-to-date state 2";

    /** How long after its last change a file's signature is trusted on a file system with whole-second times. */
    static final long SETTLED_MILLIS = 2_000;

    /** The same on a file system whose times have sub-second digits (a kernel tick is at most 10 ms). */
    static final long FINE_SETTLED_MILLIS = 50;

    UpToDate {
        catalogFiles = java.util.Collections.unmodifiableMap(new TreeMap<>(catalogFiles));
        products = java.util.Collections.unmodifiableMap(new TreeMap<>(products));
        manifests = java.util.Collections.unmodifiableMap(new TreeMap<>(manifests));
        stats = java.util.Collections.unmodifiableMap(new TreeMap<>(stats));
    }

    /** The fingerprint of a request's inputs before the catalog is read (products are filled in after the run). */
    static UpToDate inputs(GenerateRequest request) throws IOException {
        StringBuilder config = new StringBuilder();
        Path base = request.baseDir().toAbsolutePath().normalize();
        config.append("output ").append(relative(base, request.outputDir())).append('\n');
        request.movedOutputs().forEach((id, p) -> config.append("moved ").append(id).append(' ')
                .append(relative(base, p)).append('\n'));
        request.backends().forEach(b -> config.append("backend ").append(b.id()).append('\n'));
        for (Output o : request.outputs()) {
            config.append("output-id ").append(o.id()).append(' ').append(o.settings()).append('\n');
        }
        request.distros().forEach(d -> config.append("distro ").append(d).append('\n'));
        config.append("front-matter ").append(request.frontMatter()).append('\n');
        config.append("merge-tabs ").append(request.mergeIdenticalTabs()).append('\n');
        config.append("plugin ").append(pluginFingerprint()).append('\n');
        if (request.templateOverrides() != null) {
            for (Map.Entry<String, String> t : files(request.templateOverrides(), null).entrySet()) {
                config.append("template ").append(t.getValue()).append(' ').append(t.getKey()).append('\n');
            }
        }
        Path catalog = base.resolve(request.catalog()).normalize();
        return new UpToDate(FileOps.sha256(config.toString().getBytes(StandardCharsets.UTF_8)),
                files(catalog, base), Map.of(), Map.of(), Map.of());
    }

    /**
     * This state with the products of a successful run, the manifests it left (folder to SHA-256) and the signatures
     * of the output files it checked or wrote.
     */
    UpToDate after(List<ProductCatalog> read, Map<String, String> manifestSums, Map<String, String> fileStats) {
        Map<String, ProductState> out = new LinkedHashMap<>();
        for (ProductCatalog pc : read) {
            out.put(pc.product().id(), new ProductState(pc.source(), header(pc)));
        }
        return new UpToDate(config, catalogFiles, out, manifestSums, fileStats);
    }

    /** This state with other output-file signatures. */
    UpToDate withStats(Map<String, String> fileStats) {
        return new UpToDate(config, catalogFiles, products, manifests, fileStats);
    }

    /**
     * A regular file's signature (size, modification and change time, inode where the file system has them), or
     * null when it is not a regular file or changed too recently to be trusted. The change time is set by the kernel
     * on every write or rename and cannot be set back, unlike the modification time. A file changed less than a few
     * timestamp ticks ago is not trusted: a second change within the same tick would keep its signature (git's
     * "racy" index entries); on a file system with whole-second times that is {@link #SETTLED_MILLIS}.
     */
    static String signature(Path file, long nowMillis) throws IOException {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino,isRegularFile",
                    LinkOption.NOFOLLOW_LINKS);
            if (!Boolean.TRUE.equals(a.get("isRegularFile"))) {
                return null;
            }
            java.nio.file.attribute.FileTime m = (java.nio.file.attribute.FileTime) a.get("lastModifiedTime");
            java.nio.file.attribute.FileTime c = (java.nio.file.attribute.FileTime) a.get("ctime");
            boolean fineTimes = c.to(java.util.concurrent.TimeUnit.NANOSECONDS) % 1_000_000_000L != 0;
            if (Math.max(m.toMillis(), c.toMillis()) > nowMillis - (fineTimes ? FINE_SETTLED_MILLIS : SETTLED_MILLIS)) {
                return null;
            }
            return a.get("size") + "." + m.to(java.util.concurrent.TimeUnit.NANOSECONDS) + "."
                    + c.to(java.util.concurrent.TimeUnit.NANOSECONDS) + "." + a.get("ino");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // No unix view (not Linux or macOS): no signature, every file is read.
            return null;
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    /** The fingerprint of what a product shows outside its own folders. */
    static String header(ProductCatalog pc) {
        return FileOps.sha256(pc.product().toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The ids of the products whose catalog file changed since {@code old}, or null when more than that changed (the
     * configuration, the set of catalog files, or the file a product comes from): then everything renders again.
     */
    List<String> changedProducts(UpToDate old, List<ProductCatalog> read) {
        if (old == null || !old.config.equals(config) || !old.catalogFiles.keySet().equals(catalogFiles.keySet())
                || !old.products.keySet().equals(ids(read))) {
            return null;
        }
        List<String> changed = new ArrayList<>();
        for (ProductCatalog pc : read) {
            ProductState was = old.products.get(pc.product().id());
            if (!was.file().equals(pc.source()) || !catalogFiles.containsKey(pc.source())) {
                return null;
            }
            if (!old.catalogFiles.get(pc.source()).equals(catalogFiles.get(pc.source()))) {
                if (!was.header().equals(header(pc))) {
                    return null;
                }
                changed.add(pc.product().id());
            }
        }
        return changed;
    }

    /** True when nothing this state fingerprints differs from {@code old}. */
    boolean sameInputs(UpToDate old) {
        return old != null && old.config.equals(config) && old.catalogFiles.equals(catalogFiles);
    }

    private static java.util.Set<String> ids(List<ProductCatalog> read) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        read.forEach(pc -> ids.add(pc.product().id()));
        return ids;
    }

    /** The state file's text: sorted, so the same state is the same bytes. */
    String text() {
        StringBuilder sb = new StringBuilder(MAGIC).append('\n');
        sb.append("config ").append(config).append('\n');
        catalogFiles.forEach((f, sum) -> sb.append("file ").append(sum).append(' ').append(f).append('\n'));
        products.forEach((id, p) -> sb.append("product ").append(id).append(' ').append(p.header()).append(' ')
                .append(p.file()).append('\n'));
        manifests.forEach((f, sum) -> sb.append("manifest ").append(sum).append(' ').append(f).append('\n'));
        stats.forEach((f, sig) -> sb.append("stat ").append(sig).append(' ').append(f).append('\n'));
        return sb.toString();
    }

    /** The state in a file, or null when there is none or it is not one this version writes. */
    static UpToDate read(Path file) throws IOException {
        if (file == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(MAGIC)) {
            return null;
        }
        String config = null;
        Map<String, String> files = new TreeMap<>();
        Map<String, ProductState> products = new TreeMap<>();
        Map<String, String> manifests = new TreeMap<>();
        Map<String, String> stats = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(" ", 4);
            if (f[0].equals("config") && f.length == 2) {
                config = f[1];
            } else if (f[0].equals("file") && f.length >= 3) {
                files.put(line.substring(f[0].length() + f[1].length() + 2), f[1]);
            } else if (f[0].equals("manifest") && f.length >= 3) {
                manifests.put(line.substring(f[0].length() + f[1].length() + 2), f[1]);
            } else if (f[0].equals("stat") && f.length >= 3) {
                stats.put(line.substring(f[0].length() + f[1].length() + 2), f[1]);
            } else if (f[0].equals("product") && f.length == 4) {
                products.put(f[1], new ProductState(f[3], f[2]));
            } else {
                return null;
            }
        }
        return config == null ? null : new UpToDate(config, files, products, manifests, stats);
    }

    /** Writes the state (in the build folder; a temporary file renamed into place). */
    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text(), StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The catalog's files as the reader finds them ({@code .yaml}/{@code .yml}, a file or a folder searched
     * recursively), by the name the reader gives them (relative to {@code base}; every file below {@code root} when
     * {@code base} is null), each with its SHA-256.
     */
    private static Map<String, String> files(Path root, Path base) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (Files.isRegularFile(root)) {
            out.put(name(base, root), FileOps.sha256(Files.readAllBytes(root)));
        } else if (Files.isDirectory(root)) {
            List<Path> found;
            try (Stream<Path> s = Files.walk(root)) {
                found = s.filter(Files::isRegularFile).filter(p -> base == null
                        || p.getFileName().toString().endsWith(".yaml")
                        || p.getFileName().toString().endsWith(".yml")).sorted().toList();
            }
            for (Path p : found) {
                out.put(base == null ? root.relativize(p).toString().replace('\\', '/') : name(base, p),
                        FileOps.sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    private static String name(Path base, Path p) {
        return base == null ? p.getFileName().toString() : new dev.fwdocs.catalog.read.CatalogReader(base).display(p);
    }

    private static String relative(Path base, Path p) {
        return new dev.fwdocs.catalog.read.CatalogReader(base).display(p);
    }

    /**
     * The plugin's version and, when it runs from a jar, the jar's SHA-256: a snapshot rebuilt with other templates
     * or renderers keeps its version but not its jar.
     */
    private static String pluginFingerprint() throws IOException {
        String version = "unknown";
        try (InputStream in = UpToDate.class.getResourceAsStream(
                "/META-INF/maven/dev.fwdocs/fwdocs-maven-plugin/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                version = p.getProperty("version", version);
            }
        }
        CodeSource cs = UpToDate.class.getProtectionDomain().getCodeSource();
        if (cs != null && cs.getLocation() != null) {
            try {
                Path jar = Path.of(cs.getLocation().toURI());
                if (Files.isRegularFile(jar)) {
                    return version + " " + FileOps.sha256(Files.readAllBytes(jar));
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // Not a file: the version alone.
            }
        }
        return version;
    }
}
