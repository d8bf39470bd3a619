package dev.fwdocs.plugin.mojo;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.CatalogException;
import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.read.CatalogReader;
import dev.fwdocs.plugin.model.CatalogLint;
import dev.fwdocs.plugin.model.Model;
import java.io.IOException;
import java.util.List;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/** The one place where catalog reading errors become Maven failures (bad catalog) or errors (I/O). */
final class Catalogs {

    private Catalogs() {
    }

    /**
     * Reads the catalog, logs its warnings and those of the catalog lint (as {@code generate} does, so that both
     * goals say the same), and maps problems to the exception Maven expects. The catalog's warnings then include
     * the lint's.
     */
    static Catalog read(Path baseDir, Path catalog, Log log) throws MojoFailureException, MojoExecutionException {
        try {
            Catalog read = new CatalogReader(baseDir).read(catalog);
            java.util.TreeSet<Diagnostic> warnings = new java.util.TreeSet<>(read.warnings());
            warnings.addAll(CatalogLint.warnings(Model.facts(read)));
            Catalog result = new Catalog(read.products(), List.copyOf(warnings));
            result.warnings().forEach(w -> log.warn(w.toString()));
            return result;
        } catch (CatalogException e) {
            throw failure(e);
        } catch (IOException e) {
            throw new MojoExecutionException("fwdocs: cannot read the catalog " + catalog + ": " + e.getMessage(), e);
        }
    }

    /** A build failure whose message lists every problem, then the count. */
    static MojoFailureException failure(CatalogException e) {
        StringBuilder sb = new StringBuilder("fwdocs: the catalog has problems:\n");
        for (Diagnostic d : e.diagnostics()) {
            sb.append("  ").append(d).append('\n');
        }
        int errors = e.errors().size();
        sb.append(errors).append(errors == 1 ? " error" : " errors").append(" found; fix them in the catalog and "
                + "run again");
        return new MojoFailureException(sb.toString());
    }
}
