package dev.fwdocs.plugin.generate;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.CatalogException;
import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.read.CatalogReader;
import dev.fwdocs.plugin.model.CatalogLint;
import dev.fwdocs.plugin.model.Model;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.output.Output;
import dev.fwdocs.plugin.output.OutputContext;
import dev.fwdocs.plugin.output.Outputs;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.pages.markdown.Flavor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The entry point of {@code fwdocs:generate}: reads the catalog, builds the one shared model, checks every selected
 * backend and output against it, renders the selected outputs, then writes once.
 */
public final class Generator {

    private Generator() {
    }

    /**
     * What a run produced: the catalog (null when everything was up to date and it was not read), the files
     * it rendered (their layout paths), what was written (in total and per folder), every warning (catalog and outputs),
     * the products rendered and the products whose files were kept as they were (nothing changed in them). The
     * files' content went to the writer output by output and is not kept.
     */
    public record Outcome(Catalog catalog, List<String> files, List<Diagnostic> warnings,
            OutputWriter.Result written, Map<Path, OutputWriter.Result> folders, List<String> renderedProducts,
            List<String> keptProducts) {
        public Outcome {
            files = List.copyOf(files);
            warnings = List.copyOf(warnings);
            folders = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(folders));
            renderedProducts = List.copyOf(renderedProducts);
            keptProducts = List.copyOf(keptProducts);
        }

        /** True when nothing was rendered: every input was as in the last run and the output was intact. */
        public boolean upToDate() {
            return renderedProducts.isEmpty() && catalog == null;
        }
    }

    /** What {@code fwdocs:check} found: the catalog, every warning, and how the output folders differ. */
    public record Checked(Catalog catalog, List<Diagnostic> warnings, Drift drift) {
        public Checked {
            warnings = List.copyOf(warnings);
        }
    }

    /** Rendered files and the warnings raised about the catalog by the lint, the backends and the outputs. */
    public record Rendered(List<GeneratedFile> files, List<Diagnostic> warnings) {
        public Rendered {
            files = List.copyOf(files);
            warnings = List.copyOf(warnings);
        }
    }

    /** Reads, renders and writes everything, whatever an earlier run wrote (no up-to-date state). */
    public static Outcome generate(GenerateRequest request) throws CatalogException, IOException,
            OutputConflictException {
        return generate(request, null);
    }

    /**
     * Reads and checks the catalog, renders everything, and writes it with the {@link OutputWriter}: into the output
     * folder, then the files of each moved output into its own folder (each with its own manifest, written after the
     * output folder's, so that files a moved output left there earlier are gone first).
     *
     * <p>With a {@code stateFile} (one per execution, under the build folder) the run is incremental: when the
     * configuration, the templates, the plugin and every catalog file are as in the last successful run and every
     * file of the output folders is as that run wrote it, nothing is read, rendered or written; when only some
     * products' catalog files changed (and not what shared files show of them: their {@code product:} block), only
     * those products render, and the files of the others are kept as they are.
     *
     * @throws CatalogException when the catalog has errors or asks for something a selected output cannot express
     */
    public static Outcome generate(GenerateRequest request, Path stateFile) throws CatalogException, IOException,
            OutputConflictException {
        UpToDate inputs = stateFile == null ? null : UpToDate.inputs(request);
        UpToDate old = stateFile == null ? null : UpToDate.read(stateFile);
        // The folders are as this execution's last run left them: no other execution or run wrote them since.
        boolean asLeft = inputs != null && old != null && old.manifests().equals(manifestSums(request));
        Map<String, String> checked = asLeft && inputs.sameInputs(old) ? intact(request, old.stats()) : null;
        if (checked != null) {
            if (!checked.equals(old.stats())) {
                // Files read this time (changed too recently to be trusted last time) are not read again.
                old.withStats(checked).write(stateFile);
            }
            return new Outcome(null, List.of(), List.of(), new OutputWriter.Result(0, 0, 0), Map.of(), List.of(),
                    new ArrayList<>(old.products().keySet()));
        }
        if (stateFile != null) {
            // A run that fails half-way must not leave a state that claims the output is current.
            Files.deleteIfExists(stateFile);
        }
        Catalog catalog = new CatalogReader(request.baseDir()).read(request.catalog());
        List<String> changed = asLeft ? inputs.changedProducts(old, catalog.products()) : null;
        List<String> kept = new ArrayList<>();
        Catalog toRender = catalog;
        List<GeneratedFile> previous = null;
        if (changed != null && changed.size() < catalog.products().size() && safeToSplit(catalog)) {
            previous = previous(request, changed);
            if (previous != null) {
                toRender = new Catalog(catalog.products().stream()
                        .filter(pc -> changed.contains(pc.product().id())).toList(), List.of());
                catalog.products().stream().map(pc -> pc.product().id()).filter(id -> !changed.contains(id))
                        .forEach(kept::add);
            }
        }
        Prepared prepared = toRender.products().isEmpty() ? null : prepare(toRender, request);
        // One batch per folder; each output's files go to the writer as soon as they are rendered and are dropped
        // then, so that a run holds checksums rather than every file (the writer spools their content).
        List<String> files = new ArrayList<>();
        Map<Path, OutputWriter.Result> folders = new LinkedHashMap<>();
        // Closed in reverse order: the writer's thread first, so that a batch's spool goes only once nothing writes
        // to it; a failure to close does not hide the run's own.
        try (Batches batches = new Batches(); WriteQueue queue = new WriteQueue()) {
            for (Path folder : byFolder(List.of(), request).keySet()) {
                batches.byFolder.put(folder, new OutputWriter(folder).begin());
            }
            if (prepared != null) {
                boolean partial = previous != null;
                for (Output o : request.outputs()) {
                    // Part by part (a product's files, say) as the output renders them: the batch keeps checksums.
                    o.render(prepared.context(), part -> {
                        prepared.context().rendered(part);
                        List<GeneratedFile> out = part;
                        if (partial) {
                            // A partial run renders the changed products' own files; shared ones are kept.
                            out = out.stream().filter(f -> owner(f.path(), changed) != null).toList();
                        }
                        out.forEach(f -> files.add(f.path()));
                        Map<Path, List<GeneratedFile>> parts = byFolder(out, request);
                        queue.submit(out, () -> {
                            for (Map.Entry<Path, List<GeneratedFile>> e : parts.entrySet()) {
                                batches.byFolder.get(e.getKey()).add(e.getValue());
                            }
                        });
                    });
                }
            }
            // Every part handed over is in its batch before the kept files and the commit.
            queue.finish();
            if (previous != null) {
                for (Map.Entry<Path, List<GeneratedFile>> e : byFolder(previous, request).entrySet()) {
                    batches.byFolder.get(e.getKey()).add(e.getValue());
                }
            }
            // The output folder first, then the moved outputs' folders (see above).
            for (Map.Entry<Path, OutputWriter.Batch> b : batches.byFolder.entrySet()) {
                folders.put(b.getKey(), b.getValue().commit());
            }
        }
        OutputWriter.Result result = new OutputWriter.Result(0, 0, 0);
        for (OutputWriter.Result r : folders.values()) {
            result = new OutputWriter.Result(result.written() + r.written(), result.unchanged() + r.unchanged(),
                    result.deleted() + r.deleted());
        }
        if (stateFile != null) {
            inputs.after(catalog.products(), manifestSums(request), written(request)).write(stateFile);
        }
        List<Diagnostic> warnings = new ArrayList<>(catalog.warnings());
        if (prepared != null) {
            warnings.addAll(prepared.warnings());
        }
        List<String> renderedIds = catalog.products().stream().map(pc -> pc.product().id())
                .filter(id -> !kept.contains(id)).toList();
        return new Outcome(catalog, files, warnings, result, folders, renderedIds, kept);
    }

    /**
     * Reads the catalog and renders everything as {@link #generate} would, then compares it with the output
     * folders; writes nothing.
     */
    public static Checked check(GenerateRequest request) throws CatalogException, IOException,
            OutputConflictException {
        Catalog catalog = new CatalogReader(request.baseDir()).read(request.catalog());
        Rendered rendered = render(catalog, request);
        Drift drift = Drift.compare(byFolder(rendered.files(), request), request.baseDir());
        List<Diagnostic> warnings = new ArrayList<>(catalog.warnings());
        warnings.addAll(rendered.warnings());
        return new Checked(catalog, warnings, drift);
    }

    /** One writer batch per folder; closing closes every one of them, whatever one of them throws. */
    private static final class Batches implements AutoCloseable {

        final Map<Path, OutputWriter.Batch> byFolder = new LinkedHashMap<>();

        @Override
        public void close() throws IOException {
            IOException failed = null;
            for (OutputWriter.Batch b : byFolder.values()) {
                try {
                    b.close();
                } catch (IOException e) {
                    if (failed == null) {
                        failed = e;
                    } else {
                        failed.addSuppressed(e);
                    }
                }
            }
            if (failed != null) {
                throw failed;
            }
        }
    }

    /** The folders of a product's own files (everything else, such as the site's index, is shared). */
    private static List<String> productFolders(String product) {
        Layout layout = Layout.standard();
        List<String> out = new ArrayList<>();
        out.add(Manifest.parent(Manifest.parent(layout.roleDir(product, "v", "r"))) + "/");
        out.add(Manifest.parent(layout.dataDir(product, "v")) + "/");
        out.add(Manifest.parent(layout.siteProductIndex(product)) + "/");
        out.add(Manifest.parent(layout.bundleFiles(product, "v").get(0)) + "/");
        for (Flavor f : Flavor.values()) {
            out.add(layout.productPages(f, product) + "/");
        }
        return out;
    }

    /** The product among {@code products} whose own folders hold a file (layout path), or null (shared file). */
    private static String owner(String path, List<String> products) {
        for (String p : products) {
            for (String folder : productFolders(p)) {
                if (path.startsWith(folder)) {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * False when a product's folders could hold shared files: a product named like a shared folder of the layout
     * ({@code site/assets}). Such a catalog always renders whole.
     */
    private static boolean safeToSplit(Catalog catalog) {
        Layout layout = Layout.standard();
        List<String> shared = List.of(Manifest.parent(layout.siteAsset("x")) + "/", layout.hugoShortcodes() + "/");
        for (ProductCatalog pc : catalog.products()) {
            for (String folder : productFolders(pc.product().id())) {
                if (shared.stream().anyMatch(s -> s.startsWith(folder) || folder.startsWith(s))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The files the last run wrote that are not owned by {@code changed} products, read back from the output folders
     * (layout paths); null when one of them is not as that run wrote it (then everything renders again).
     */
    private static List<GeneratedFile> previous(GenerateRequest request, List<String> changed) throws IOException {
        List<GeneratedFile> out = new ArrayList<>();
        for (Map.Entry<Path, String> folder : folders(request).entrySet()) {
            Map<String, String> sums = OutputWriter.manifestEntries(folder.getKey());
            if (sums == null) {
                return null;
            }
            for (Map.Entry<String, String> e : sums.entrySet()) {
                String layoutPath = folder.getValue() + e.getKey();
                if (owner(layoutPath, changed) != null) {
                    continue;
                }
                Path file = folder.getKey().resolve(e.getKey());
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    return null;
                }
                byte[] bytes = Files.readAllBytes(file);
                if (!FileOps.sha256(bytes).equals(e.getValue())) {
                    // A CRLF checkout of an LF file is kept as fwdocs wrote it (CSV files have CRLF of their own).
                    bytes = LineEndings.lf(bytes);
                    if (!FileOps.sha256(bytes).equals(e.getValue())) {
                        return null;
                    }
                }
                out.add(new GeneratedFile(layoutPath, bytes, FileOps.executable(file)));
            }
        }
        return out;
    }

    /**
     * When every file each output folder's manifest lists is there as fwdocs wrote it: the signatures of those files
     * (file key to signature and checksum), else null. A file whose signature is as {@code known} records it, with
     * the same checksum, is not read again.
     */
    private static Map<String, String> intact(GenerateRequest request, Map<String, String> known) throws IOException {
        long now = System.currentTimeMillis();
        Path base = request.baseDir().toAbsolutePath().normalize();
        Map<String, String> out = new java.util.TreeMap<>();
        for (Path folder : folders(request).keySet()) {
            Map<String, String> sums = OutputWriter.manifestEntries(folder);
            if (sums == null) {
                return null;
            }
            Path abs = folder.toAbsolutePath().normalize();
            for (Map.Entry<String, String> e : sums.entrySet()) {
                Path file = folder.resolve(e.getKey());
                String key = Drift.display(base, abs, e.getKey());
                String sig = UpToDate.signature(file, now);
                String entry = sig == null ? null : sig + "." + e.getValue();
                if (entry != null && entry.equals(known.get(key))) {
                    out.put(key, entry);
                    continue;
                }
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    return null;
                }
                byte[] bytes = Files.readAllBytes(file);
                if (!FileOps.sha256(bytes).equals(e.getValue())
                        && !FileOps.sha256(LineEndings.lf(bytes)).equals(e.getValue())) {
                    return null;
                }
                if (entry != null) {
                    out.put(key, entry);
                }
            }
        }
        return out;
    }

    /**
     * The signatures of the files a successful run left in its folders, as its manifests list them: the writer has
     * just written or compared each of them, so they are not read again here.
     */
    private static Map<String, String> written(GenerateRequest request) throws IOException {
        long now = System.currentTimeMillis();
        Path base = request.baseDir().toAbsolutePath().normalize();
        Map<String, String> out = new java.util.TreeMap<>();
        for (Path folder : folders(request).keySet()) {
            Map<String, String> sums = OutputWriter.manifestEntries(folder);
            if (sums == null) {
                continue;
            }
            Path abs = folder.toAbsolutePath().normalize();
            for (Map.Entry<String, String> e : sums.entrySet()) {
                String sig = UpToDate.signature(folder.resolve(e.getKey()), now);
                if (sig != null) {
                    out.put(Drift.display(base, abs, e.getKey()), sig + "." + e.getValue());
                }
            }
        }
        return out;
    }

    /** Every folder written, with the layout prefix its files lose there ("" for the output folder). */
    private static Map<Path, String> folders(GenerateRequest request) {
        Map<Path, String> out = new LinkedHashMap<>();
        out.put(request.outputDir(), "");
        for (Output o : request.outputs()) {
            Path to = request.movedOutputs().get(o.id());
            if (to != null) {
                out.put(to, o.movableFolder(Layout.standard()) + "/");
            }
        }
        return out;
    }

    /** The SHA-256 of each output folder's manifest by the folder's name ("missing" when there is none). */
    private static Map<String, String> manifestSums(GenerateRequest request) throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        Path base = request.baseDir().toAbsolutePath().normalize();
        for (Path folder : folders(request).keySet()) {
            Path p = folder.resolve(OutputWriter.MANIFEST);
            out.put(Drift.display(base, folder.toAbsolutePath().normalize(), OutputWriter.MANIFEST),
                    Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? FileOps.sha256(Files.readAllBytes(p))
                            : "missing");
        }
        return out;
    }


    /**
     * The files by the folder they are written to: the output folder, and for each moved output its folder, with
     * the output's folder in the layout taken off their paths ({@code pages/mkdocs/storageos/index.md} becomes
     * {@code storageos/index.md} in the site's folder).
     */
    static Map<Path, List<GeneratedFile>> byFolder(List<GeneratedFile> files, GenerateRequest request) {
        Map<String, Path> prefixes = new LinkedHashMap<>();
        for (Output o : request.outputs()) {
            Path to = request.movedOutputs().get(o.id());
            if (to != null) {
                String folder = o.movableFolder(Layout.standard());
                if (folder == null) {
                    throw new IllegalArgumentException("output " + o.id() + " cannot be moved to a folder of its own");
                }
                prefixes.put(folder + "/", to);
            }
        }
        Map<Path, List<GeneratedFile>> out = new LinkedHashMap<>();
        out.put(request.outputDir(), new ArrayList<>());
        prefixes.values().forEach(p -> out.put(p, new ArrayList<>()));
        for (GeneratedFile f : files) {
            Path to = request.outputDir();
            String path = f.path();
            for (Map.Entry<String, Path> e : prefixes.entrySet()) {
                if (path.startsWith(e.getKey())) {
                    to = e.getValue();
                    path = path.substring(e.getKey().length());
                    break;
                }
            }
            out.get(to).add(path.equals(f.path()) ? f : f.withPath(path));
        }
        return out;
    }

    /**
     * Renders every selected output of a read catalog from one model, after checking, all at once, that every
     * selected backend and output can express it.
     */
    public static Rendered render(Catalog catalog, GenerateRequest request) throws CatalogException {
        Prepared prepared = prepare(catalog, request);
        List<GeneratedFile> files = new ArrayList<>();
        for (Output o : request.outputs()) {
            List<GeneratedFile> out = o.render(prepared.context());
            prepared.context().rendered(out);
            files.addAll(out);
        }
        return new Rendered(files, prepared.warnings());
    }

    /** The context every output renders from, and the warnings, once nothing selected reports an error. */
    private record Prepared(OutputContext context, List<Diagnostic> warnings) {
    }

    /** How many bytes of rendered role files a run keeps for a second pass over them. */
    static final long KEPT_PLAN_FILE_BYTES = 32L << 20;

    private static Prepared prepare(Catalog catalog, GenerateRequest request) throws CatalogException {
        Model facts = Model.facts(catalog);
        TreeSet<Diagnostic> problems = new TreeSet<>(CatalogLint.warnings(facts));
        problems.addAll(BackendRegistry.unsupported(request.backends(), facts));
        OutputContext factsOnly = context(facts, request);
        for (Output o : request.outputs()) {
            problems.addAll(o.unsupported(factsOnly));
        }
        List<Diagnostic> warnings = List.copyOf(problems);
        if (warnings.stream().anyMatch(Diagnostic::isError)) {
            throw new CatalogException(warnings);
        }
        boolean flowSets = request.outputs().stream().anyMatch(Output::needsFlowSets);
        // Two outputs that print the plans' files (the scripts and the bundles) print each role's once while this
        // much of them fits; a larger catalog prints the rest twice rather than hold every script in memory.
        long kept = Outputs.filePasses(request.outputs()) > 1 ? KEPT_PLAN_FILE_BYTES : 0;
        return new Prepared(context(facts.planned(request.backends(), flowSets,
                Outputs.planPasses(request.outputs()), kept), request), warnings);
    }

    private static OutputContext context(Model model, GenerateRequest request) {
        return new OutputContext(model, Layout.standard(), request.distros(), request.frontMatter(),
                request.templateOverrides(), request.outputs().stream().map(Output::id).toList(),
                request.mergeIdenticalTabs());
    }
}
