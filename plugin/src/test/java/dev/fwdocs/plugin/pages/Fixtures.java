package dev.fwdocs.plugin.pages;

import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.read.CatalogReader;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.nio.file.Path;
import java.util.List;

/** Loads the catalogs and backends the page tests use. */
public final class Fixtures {

    /** Test catalogs made for the page tests (escaping and others). */
    public static final Path TEST_CATALOGS = Path.of("src/test/resources/pages/catalogs").toAbsolutePath();

    /** Where golden pages live. */
    public static final Path GOLDEN = Path.of("src/test/resources/golden/pages").toAbsolutePath();

    private Fixtures() {
    }

    public static ProductCatalog testCatalog(String file) throws Exception {
        return new CatalogReader(TEST_CATALOGS).read(TEST_CATALOGS.resolve(file)).products().get(0);
    }

    /** The catalogs the golden pages are made from. */
    public static List<ProductCatalog> goldenCatalogs() throws Exception {
        return List.of(testCatalog("storageos.yaml"), testCatalog("chef-automate.yaml"));
    }

    /** Every catalog the lint and Hugo tests render: the golden ones and the escaping catalog. */
    public static List<ProductCatalog> allCatalogs() throws Exception {
        return List.of(testCatalog("storageos.yaml"), testCatalog("chef-automate.yaml"),
                testCatalog("escaping.yaml"));
    }

    /** The rule backends whose commands the pages show. */
    public static List<RuleBackend> backends() {
        return FakeBackend.all();
    }
}
