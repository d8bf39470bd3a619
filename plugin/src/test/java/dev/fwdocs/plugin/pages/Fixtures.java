package dev.fwdocs.plugin.pages;

import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.read.CatalogReader;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.nio.file.Path;
import java.util.List;

/** Loads the catalogs and backends the page tests use. */
public final class Fixtures {

    /** Test catalogs made for the page tests (escaping and others). */
    public static final Path TEST_CATALOGS = Path.of("src/test/resources/pages/catalogs").toAbsolutePath();

    /** The example documentation repository; catalog sources are named relative to it, as the Maven goal does. */
    public static final Path SITE_EXAMPLE = Path.of("../site-example").toAbsolutePath().normalize();

    /** The seed catalogs, one product per file. */
    public static final Path SEED_CATALOGS = SITE_EXAMPLE.resolve("src/fwdocs/catalog");

    /** Port facts per seed page: {@code <product-id>.csv} with {@code role,direction,protocol,port}. */
    public static final Path SEED_FACTS = Path.of("src/test/resources/seed-facts").toAbsolutePath();

    /** Where golden pages live. */
    public static final Path GOLDEN = Path.of("src/test/resources/golden/pages").toAbsolutePath();

    private Fixtures() {
    }

    public static ProductCatalog testCatalog(String file) throws Exception {
        return new CatalogReader(TEST_CATALOGS).read(TEST_CATALOGS.resolve(file)).products().get(0);
    }

    /** Every seed catalog, in file order. */
    public static List<ProductCatalog> seedCatalogs() throws Exception {
        return new CatalogReader(SITE_EXAMPLE).read(SEED_CATALOGS).products();
    }

    public static ProductCatalog seed(String id) throws Exception {
        return seedCatalogs().stream().filter(p -> p.product().id().equals(id)).findFirst().orElseThrow();
    }

    /** The catalogs the golden pages are made from: two seeds, one role and five roles. */
    public static List<ProductCatalog> goldenCatalogs() throws Exception {
        return List.of(seed("storageos"), seed("chef-automate-ha"));
    }

    /** Every catalog the lint and site build tests render: every seed, the escaping and the site edge-case catalog. */
    public static List<ProductCatalog> allCatalogs() throws Exception {
        List<ProductCatalog> all = new java.util.ArrayList<>(seedCatalogs());
        all.add(testCatalog("escaping.yaml"));
        all.add(testCatalog("site-edge.yaml"));
        return List.copyOf(all);
    }

    /**
     * The rule backends whose commands the pages show: the real ones of {@link BackendRegistry#standard()}, and a
     * {@link FakeBackend} for each default distro backend the registry does not have yet.
     */
    public static List<RuleBackend> backends() {
        List<RuleBackend> out = new java.util.ArrayList<>(BackendRegistry.standard().all());
        for (RuleBackend fake : FakeBackend.all()) {
            if (out.stream().noneMatch(b -> b.id().equals(fake.id()))) {
                out.add(fake);
            }
        }
        return List.copyOf(out);
    }
}
