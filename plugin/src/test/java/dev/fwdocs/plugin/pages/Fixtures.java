package dev.fwdocs.plugin.pages;

import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.read.CatalogReader;
import java.nio.file.Path;

/** Loads the catalogs the page tests use. */
public final class Fixtures {

    /** Test catalogs made for the page tests (escaping and others). */
    public static final Path TEST_CATALOGS = Path.of("src/test/resources/pages/catalogs");

    private Fixtures() {
    }

    public static ProductCatalog testCatalog(String file) throws Exception {
        return new CatalogReader(TEST_CATALOGS).read(TEST_CATALOGS.toAbsolutePath().resolve(file)).products().get(0);
    }
}
