package dev.fwdocs.plugin.pages.markdown;

import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.plugin.pages.Distro;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@link MarkdownPages#render} needs: the products (each with all its versions), the flavor, the distro
 * tabs and their backends, front matter settings, an optional folder of template overrides (a file there wins over
 * the shipped template of the same name), the rule backends that give each distro's commands, and whether distro
 * tabs with the same commands on a page are shown as one.
 */
public record PageRequest(List<ProductCatalog> products, Flavor flavor, List<Distro> distros,
        FrontMatterSettings frontMatter, Path templateOverrides, List<RuleBackend> backends,
        boolean mergeIdenticalTabs) {

    public PageRequest {
        products = List.copyOf(products);
        Objects.requireNonNull(flavor, "flavor");
        distros = List.copyOf(distros == null ? BackendRegistry.defaultDistros(backends) : distros);
        frontMatter = frontMatter == null ? FrontMatterSettings.defaults() : frontMatter;
        backends = List.copyOf(backends);
        Set<String> ids = new HashSet<>();
        for (Distro d : distros) {
            if (!ids.add(d.id())) {
                throw new IllegalArgumentException("distro " + d.id() + " is listed twice");
            }
        }
    }

    /** A request that merges identical tabs (the default). */
    public PageRequest(List<ProductCatalog> products, Flavor flavor, List<Distro> distros,
            FrontMatterSettings frontMatter, Path templateOverrides, List<RuleBackend> backends) {
        this(products, flavor, distros, frontMatter, templateOverrides, backends, true);
    }

    /** A request with the default distros and front matter and no template overrides. */
    public static PageRequest of(List<ProductCatalog> products, Flavor flavor, List<RuleBackend> backends) {
        return new PageRequest(products, flavor, null, null, null, backends);
    }

    public PageRequest withFrontMatter(FrontMatterSettings settings) {
        return new PageRequest(products, flavor, distros, settings, templateOverrides, backends, mergeIdenticalTabs);
    }

    public PageRequest withTemplateOverrides(Path dir) {
        return new PageRequest(products, flavor, distros, frontMatter, dir, backends, mergeIdenticalTabs);
    }

    public PageRequest withDistros(List<Distro> list) {
        return new PageRequest(products, flavor, list, frontMatter, templateOverrides, backends, mergeIdenticalTabs);
    }

    public PageRequest withFlavor(Flavor f) {
        return new PageRequest(products, f, distros, frontMatter, templateOverrides, backends, mergeIdenticalTabs);
    }

    public PageRequest withMergeIdenticalTabs(boolean merge) {
        return new PageRequest(products, flavor, distros, frontMatter, templateOverrides, backends, merge);
    }
}
