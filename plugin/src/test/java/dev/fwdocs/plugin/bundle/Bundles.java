package dev.fwdocs.plugin.bundle;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.plugin.model.Model;
import dev.fwdocs.plugin.model.ProductModel;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.output.OutputContext;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.BackendRegistry;
import java.time.Instant;
import java.util.List;

/** Test support: the planned model of some catalogs, and their bundles or bundle members. */
final class Bundles {

    private Bundles() {
    }

    static Model model(List<ProductCatalog> catalogs) {
        return Model.facts(new Catalog(catalogs, List.of())).planned(BackendRegistry.standard().all());
    }

    static OutputContext context(Model model) {
        return new OutputContext(model, Layout.standard(), List.of(), FrontMatterSettings.defaults(), null,
                List.of(BundleOutput.ID));
    }

    static List<GeneratedFile> archives(Model model, Instant time) {
        return new BundleOutput(time).render(context(model));
    }

    /** The files of one version's bundle, under its folder. */
    static List<GeneratedFile> members(Model model, String product, String version) {
        ProductModel p = model.product(product).orElseThrow();
        VersionModel v = p.versions().stream().filter(x -> x.version().equals(version)).findFirst().orElseThrow();
        return BundleOutput.members(context(model), p, v);
    }
}
