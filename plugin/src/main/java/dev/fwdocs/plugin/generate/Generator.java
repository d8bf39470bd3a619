package dev.fwdocs.plugin.generate;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.CatalogException;
import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.read.CatalogReader;
import dev.fwdocs.plugin.model.CatalogLint;
import dev.fwdocs.plugin.model.Model;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.output.Output;
import dev.fwdocs.plugin.output.OutputContext;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.BackendRegistry;
import java.io.IOException;
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
     * What a run produced: the catalog, how many files it generated, what was written, and every warning (catalog
     * and outputs). The files themselves went to the writer output by output and are not kept.
     */
    public record Outcome(Catalog catalog, int files, List<Diagnostic> warnings, OutputWriter.Result written) {
    }

    /** Rendered files and the warnings raised about the catalog by the lint, the backends and the outputs. */
    public record Rendered(List<GeneratedFile> files, List<Diagnostic> warnings) {
        public Rendered {
            files = List.copyOf(files);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Reads and checks the catalog, renders everything, and writes it with the {@link OutputWriter}: into the output
     * folder, then the files of each moved output into its own folder (each with its own manifest, written after the
     * output folder's, so that files a moved output left there earlier are gone first).
     *
     * @throws CatalogException when the catalog has errors or asks for something a selected output cannot express
     */
    public static Outcome generate(GenerateRequest request) throws CatalogException, IOException,
            OutputConflictException {
        Catalog catalog = new CatalogReader(request.baseDir()).read(request.catalog());
        Checked checked = check(catalog, request);
        // One batch per folder; each output's files go to the writer as soon as they are rendered and are dropped
        // then, so that a run holds checksums rather than every file (the writer spools their content).
        Map<Path, OutputWriter.Batch> batches = new LinkedHashMap<>();
        int files = 0;
        try {
            for (Path folder : byFolder(List.of(), request).keySet()) {
                batches.put(folder, new OutputWriter(folder).begin());
            }
            for (Output o : request.outputs()) {
                List<GeneratedFile> out = o.render(checked.context());
                checked.context().rendered(out);
                files += out.size();
                for (Map.Entry<Path, List<GeneratedFile>> e : byFolder(out, request).entrySet()) {
                    batches.get(e.getKey()).add(e.getValue());
                }
            }
            // The output folder first, then the moved outputs' folders (see above).
            OutputWriter.Result result = new OutputWriter.Result(0, 0, 0);
            for (OutputWriter.Batch b : batches.values()) {
                OutputWriter.Result r = b.commit();
                result = new OutputWriter.Result(result.written() + r.written(), result.unchanged() + r.unchanged(),
                        result.deleted() + r.deleted());
            }
            List<Diagnostic> warnings = new ArrayList<>(catalog.warnings());
            warnings.addAll(checked.warnings());
            return new Outcome(catalog, files, warnings, result);
        } finally {
            for (OutputWriter.Batch b : batches.values()) {
                b.close();
            }
        }
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
            out.get(to).add(path.equals(f.path()) ? f : new GeneratedFile(path, f.content(), f.executable()));
        }
        return out;
    }

    /**
     * Renders every selected output of a read catalog from one model, after checking, all at once, that every
     * selected backend and output can express it.
     */
    public static Rendered render(Catalog catalog, GenerateRequest request) throws CatalogException {
        Checked checked = check(catalog, request);
        List<GeneratedFile> files = new ArrayList<>();
        for (Output o : request.outputs()) {
            List<GeneratedFile> out = o.render(checked.context());
            checked.context().rendered(out);
            files.addAll(out);
        }
        return new Rendered(files, checked.warnings());
    }

    /** The context every output renders from, and the warnings, once nothing selected reports an error. */
    private record Checked(OutputContext context, List<Diagnostic> warnings) {
    }

    private static Checked check(Catalog catalog, GenerateRequest request) throws CatalogException {
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
        return new Checked(context(facts.planned(request.backends()), request), warnings);
    }

    private static OutputContext context(Model model, GenerateRequest request) {
        return new OutputContext(model, Layout.standard(), request.distros(), request.frontMatter(),
                request.templateOverrides(), request.outputs().stream().map(Output::id).toList(),
                request.mergeIdenticalTabs());
    }
}
