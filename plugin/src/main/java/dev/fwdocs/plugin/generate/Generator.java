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
import java.util.ArrayList;
import java.util.List;
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
     * Reads and checks the catalog, renders everything, and writes it with the {@link OutputWriter}.
     *
     * @throws CatalogException when the catalog has errors or asks for something a selected output cannot express
     */
    public static Outcome generate(GenerateRequest request) throws CatalogException, IOException,
            OutputConflictException {
        Catalog catalog = new CatalogReader(request.baseDir()).read(request.catalog());
        Rendered rendered = render(catalog, request);
        OutputWriter.Result result = new OutputWriter(request.outputDir()).write(rendered.files());
        List<Diagnostic> warnings = new ArrayList<>(catalog.warnings());
        warnings.addAll(rendered.warnings());
        return new Outcome(catalog, rendered.files(), warnings, result);
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
                request.templateOverrides(), request.outputs().stream().map(Output::id).toList());
    }
}
