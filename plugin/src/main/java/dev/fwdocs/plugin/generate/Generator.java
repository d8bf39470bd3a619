package dev.fwdocs.plugin.generate;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.CatalogException;
import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.read.CatalogReader;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The entry point of {@code fwdocs:generate}: reads the catalog, checks, renders every output, then writes once. */
public final class Generator {

    private Generator() {
    }

    /** What a run produced: the catalog, the files, what was written, and every warning (catalog and outputs). */
    public record Outcome(Catalog catalog, List<GeneratedFile> files, List<Diagnostic> warnings,
            OutputWriter.Result written) {
    }

    /** Rendered files and the warnings the outputs raised about the catalog. */
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

    /** Renders every output of a read catalog, after checking that every selected output can express it. */
    public static Rendered render(Catalog catalog, GenerateRequest request) throws CatalogException {
        List<ResolvedVersion> versions = new ArrayList<>();
        for (ProductCatalog p : catalog.products()) {
            versions.addAll(Resolver.resolveAll(p));
        }
        List<Diagnostic> warnings = checkSupported(versions, request.backends());
        List<GeneratedFile> files = new ArrayList<>();
        for (ResolvedVersion v : versions) {
            for (RoleView role : v.roles()) {
                String dir = "rules/" + v.catalog().product().id() + "/" + v.version() + "/" + role.role().id();
                for (RuleBackend backend : request.backends()) {
                    backend.render(v, role).forEach(f -> files.add(f.under(dir)));
                }
            }
        }
        return new Rendered(files, warnings);
    }

    /** Collects, from every backend and version, what cannot be expressed, and fails once with all of it. */
    static List<Diagnostic> checkSupported(List<ResolvedVersion> versions, List<RuleBackend> backends)
            throws CatalogException {
        TreeSet<Diagnostic> problems = new TreeSet<>();
        for (RuleBackend backend : backends) {
            for (ResolvedVersion v : versions) {
                problems.addAll(backend.unsupported(v));
            }
        }
        if (problems.stream().anyMatch(Diagnostic::isError)) {
            throw new CatalogException(List.copyOf(problems));
        }
        return List.copyOf(problems);
    }
}
