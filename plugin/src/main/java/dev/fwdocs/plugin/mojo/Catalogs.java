package dev.fwdocs.plugin.mojo;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.CatalogException;
import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.read.CatalogReader;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/** The one place where catalog reading errors become Maven failures (bad catalog) or errors (I/O). */
final class Catalogs {

    private Catalogs() {
    }

    /** Reads the catalog, logs its warnings, and maps problems to the exception Maven expects. */
    static Catalog read(Path baseDir, Path catalog, Log log) throws MojoFailureException, MojoExecutionException {
        try {
            Catalog result = new CatalogReader(baseDir).read(catalog);
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
