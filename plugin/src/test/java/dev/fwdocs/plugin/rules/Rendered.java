package dev.fwdocs.plugin.rules;

import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.testing.Catalogs.RoleVersion;
import dev.fwdocs.plugin.testing.Catalogs;
import java.util.ArrayList;
import java.util.List;

/** One file a backend generates for one role, with the name that says where it came from. */
public record Rendered(RoleVersion of, GeneratedFile file) {

    /** Every file of the backend for every version and role of the catalog. */
    public static List<Rendered> all(RuleBackend backend, ProductCatalog catalog) {
        List<Rendered> out = new ArrayList<>();
        for (RoleVersion r : Catalogs.roles(List.of(catalog))) {
            for (GeneratedFile f : Plans.files(backend, r.version(), r.role())) {
                out.add(new Rendered(r, f));
            }
        }
        return out;
    }

    /** The files of the latest version only. */
    public static List<Rendered> latest(RuleBackend backend, ProductCatalog catalog) {
        return all(backend, catalog).stream().filter(r -> r.version().isLatest()).toList();
    }

    /** {@code product/version/role/file}. */
    public String name() {
        return of.dir() + "/" + file.path();
    }

    public ResolvedVersion version() {
        return of.version();
    }

    public RoleView role() {
        return of.role();
    }
}
