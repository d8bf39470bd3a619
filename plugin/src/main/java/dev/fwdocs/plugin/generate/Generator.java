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

    /** What a run produced: the catalog, the files, what was written, and every warning (catalog and outputs). */
    public record Outcome(Catalog catalog, List<GeneratedFile> files, List<Diagnostic> warnings,
            OutputWriter.Result written) {
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
        Rendered rendered = render(catalog, request);
        Map<Path, List<GeneratedFile>> byFolder = byFolder(rendered.files(), request);
        OutputWriter.Result result = new OutputWriter(request.outputDir()).write(byFolder.remove(request.outputDir()));
        for (Map.Entry<Path, List<GeneratedFile>> moved : byFolder.entrySet()) {
            OutputWriter.Result r = new OutputWriter(moved.getKey()).write(moved.getValue());
            result = new OutputWriter.Result(result.written() + r.written(), result.unchanged() + r.unchanged(),
                    result.deleted() + r.deleted());
        }
        List<Diagnostic> warnings = new ArrayList<>(catalog.warnings());
        warnings.addAll(rendered.warnings());
        return new Outcome(catalog, rendered.files(), warnings, result);
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
        OutputContext context = context(facts.planned(request.backends()), request);
        List<GeneratedFile> files = new ArrayList<>();
        for (Output o : request.outputs()) {
            List<GeneratedFile> out = o.render(context);
            context.rendered(out);
            files.addAll(out);
        }
        return new Rendered(files, warnings);
    }

    private static OutputContext context(Model model, GenerateRequest request) {
        return new OutputContext(model, Layout.standard(), request.distros(), request.frontMatter(),
                request.templateOverrides(), request.outputs().stream().map(Output::id).toList(),
                request.mergeIdenticalTabs());
    }
}
