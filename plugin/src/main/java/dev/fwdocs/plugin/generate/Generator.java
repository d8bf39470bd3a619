package dev.fwdocs.plugin.generate;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.CatalogException;
import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.read.CatalogReader;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.pages.markdown.Flavor;
import dev.fwdocs.plugin.pages.markdown.MarkdownPages;
import dev.fwdocs.plugin.pages.markdown.PageRequest;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The entry point of {@code fwdocs:generate}: reads the catalog, checks, renders every output, then writes once. */
public final class Generator {

    /** Folder of the firewall scripts in the output: {@code rules/<product>/<version>/<role>/<backend>.sh}. */
    public static final String RULES = "rules";

    /** Folder of the Markdown pages in the output: {@code pages/<flavor>/...}. */
    public static final String PAGES = "pages";

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
        List<Diagnostic> warnings = BackendRegistry.unsupported(request.backends(), versions);
        if (warnings.stream().anyMatch(Diagnostic::isError)) {
            throw new CatalogException(warnings);
        }
        List<GeneratedFile> files = new ArrayList<>();
        if (request.scripts()) {
            for (ResolvedVersion v : versions) {
                for (RoleView role : v.roles()) {
                    String dir = RULES + "/" + v.catalog().product().id() + "/" + v.version() + "/" + role.role().id();
                    for (RuleBackend backend : request.backends()) {
                        backend.render(v, role).forEach(f -> files.add(f.under(dir)));
                    }
                }
            }
        }
        for (Flavor flavor : request.flavors()) {
            PageRequest pages = new PageRequest(catalog.products(), flavor, request.distros(), request.frontMatter(),
                    request.templateOverrides(), request.backends());
            MarkdownPages.render(pages).forEach(f -> files.add(f.under(PAGES)));
        }
        return new Rendered(files, warnings);
    }

}
