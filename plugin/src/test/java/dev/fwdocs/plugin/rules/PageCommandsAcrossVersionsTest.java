package dev.fwdocs.plugin.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.read.CatalogReader;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.plugin.bench.SyntheticCatalog;
import dev.fwdocs.plugin.model.Model;
import dev.fwdocs.plugin.model.ProductModel;
import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.testing.Catalogs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The page model shows a role's commands of one version again for a later version whose role has the same rules
 * (RolePlan#page): every backend's page commands must then be the same, whatever the version.
 */
class PageCommandsAcrossVersionsTest {

    @Test
    void aRoleWithTheSameRulesGetsTheSameCommandsInEveryVersion() throws Exception {
        List<ProductCatalog> products = new ArrayList<>(Catalogs.all());
        // Rules that come and go between versions, addresses, configurable ports, ICMP: most roles of a version
        // have the rules of the version before, some do not.
        SyntheticCatalog synthetic = new SyntheticCatalog(4, 8, 4, 30, 11);
        Map<String, String> texts = new LinkedHashMap<>();
        for (int p = 0; p < synthetic.products(); p++) {
            texts.put("synthetic-" + p + ".yaml", synthetic.product(p));
        }
        products.addAll(CatalogReader.read("synthetic", texts).products());
        int compared = 0;
        for (ProductCatalog pc : products) {
            ProductModel product = Model.facts(new Catalog(List.of(pc), List.of())).products().get(0);
            for (int i = 0; i < product.versions().size(); i++) {
                for (int j = i + 1; j < product.versions().size(); j++) {
                    VersionModel a = product.versions().get(i);
                    VersionModel b = product.versions().get(j);
                    for (RoleModel ra : a.roles()) {
                        RoleModel rb = b.role(ra.id()).orElseThrow();
                        if (!rules(ra.inbound()).equals(rules(rb.inbound()))
                                || !rules(ra.outbound()).equals(rules(rb.outbound()))) {
                            continue;
                        }
                        for (RuleBackend backend : BackendRegistry.standard().all()) {
                            assertEquals(backend.plan(a, ra).page(), backend.plan(b, rb).page(),
                                    backend.id() + " " + pc.product().id() + " " + ra.id() + ": " + a.version()
                                            + " and " + b.version());
                            compared++;
                        }
                    }
                }
            }
        }
        assertTrue(compared > 100, "too few roles with the same rules in two versions: " + compared);
    }

    /** The catalog rules themselves, in order: what the page model compares. */
    private static List<Object> rules(List<ResolvedRule> resolved) {
        List<Object> out = new ArrayList<>();
        resolved.forEach(r -> out.add(new Identity(r.rule())));
        return out;
    }

    /** Equal only to the same object. */
    private record Identity(Object of) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity i && i.of == of;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(of);
        }
    }
}
