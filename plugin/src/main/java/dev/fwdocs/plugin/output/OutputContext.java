package dev.fwdocs.plugin.output;

import dev.fwdocs.plugin.model.Model;
import dev.fwdocs.plugin.model.ProductModel;
import dev.fwdocs.plugin.pages.Distro;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.pages.PageModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything an {@link Output} renders from: the shared {@link Model}, the {@link Layout}, the page settings (distro
 * tabs, front matter, an optional template override folder) and the format-neutral page model, computed once for
 * every page output of the run.
 */
public final class OutputContext {

    private final Model model;
    private final Layout layout;
    private final List<Distro> distros;
    private final FrontMatterSettings frontMatter;
    private final Path templateOverrides;
    private final boolean mergeIdenticalTabs;
    private List<PageModel.ProductPage> pages;

    /** {@code templateOverrides} may be null (the shipped templates only); identical distro tabs are merged. */
    public OutputContext(Model model, Layout layout, List<Distro> distros, FrontMatterSettings frontMatter,
            Path templateOverrides) {
        this(model, layout, distros, frontMatter, templateOverrides, true);
    }

    /**
     * With {@code mergeIdenticalTabs}, the pages show distros whose commands are the same on a page as one tab
     * ({@link PageModel#mergeIdentical}).
     */
    public OutputContext(Model model, Layout layout, List<Distro> distros, FrontMatterSettings frontMatter,
            Path templateOverrides, boolean mergeIdenticalTabs) {
        this.mergeIdenticalTabs = mergeIdenticalTabs;
        this.model = Objects.requireNonNull(model, "model");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.distros = List.copyOf(distros);
        this.frontMatter = Objects.requireNonNull(frontMatter, "frontMatter");
        this.templateOverrides = templateOverrides;
    }

    public Model model() {
        return model;
    }

    public Layout layout() {
        return layout;
    }

    public List<Distro> distros() {
        return distros;
    }

    public FrontMatterSettings frontMatter() {
        return frontMatter;
    }

    /** The template override folder, or null. */
    public Path templateOverrides() {
        return templateOverrides;
    }

    /** Whether identical distro tabs are shown as one. */
    public boolean mergeIdenticalTabs() {
        return mergeIdenticalTabs;
    }

    /** The pages of every product, built on first use and shared by every page output (Markdown flavors, HTML). */
    public synchronized List<PageModel.ProductPage> pages() {
        if (pages == null) {
            pages = model.products().stream().map(this::page).toList();
        }
        return pages;
    }

    private PageModel.ProductPage page(ProductModel product) {
        return PageModel.product(product, distros, model.backends(), layout, mergeIdenticalTabs);
    }
}
