package dev.fwdocs.plugin.output;

import dev.fwdocs.plugin.model.Model;
import dev.fwdocs.plugin.model.ProductModel;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.pages.Distro;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.pages.PageModel;
import dev.fwdocs.plugin.render.GeneratedFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an {@link Output} renders from: the shared {@link Model}, the {@link Layout}, the page settings (distro
 * tabs, front matter, an optional template override folder) and the format-neutral page model, computed once for
 * every page output of the run. It also knows which outputs the run writes and the files of the outputs rendered so
 * far, so that a page can link a download (and show its checksum) only when that download is really written.
 */
public final class OutputContext {

    private final Model model;
    private final Layout layout;
    private final List<Distro> distros;
    private final FrontMatterSettings frontMatter;
    private final Path templateOverrides;
    private final List<String> selectedOutputs;
    private final boolean mergeIdenticalTabs;
    /** The SHA-256 of every file rendered so far, by path: what later outputs ask about (not the content). */
    private final Map<String, String> rendered = new HashMap<>();
    private List<PageModel.ProductPage> pages;

    /** A context of a run that selects no output by id (pages then link no download). */
    public OutputContext(Model model, Layout layout, List<Distro> distros, FrontMatterSettings frontMatter,
            Path templateOverrides) {
        this(model, layout, distros, frontMatter, templateOverrides, List.of());
    }

    /**
     * {@code templateOverrides} may be null (the shipped templates only); {@code selectedOutputs} are output ids;
     * identical distro tabs are merged.
     */
    public OutputContext(Model model, Layout layout, List<Distro> distros, FrontMatterSettings frontMatter,
            Path templateOverrides, List<String> selectedOutputs) {
        this(model, layout, distros, frontMatter, templateOverrides, selectedOutputs, true);
    }

    /**
     * With {@code mergeIdenticalTabs}, the pages show distros whose commands are the same on a page as one tab
     * ({@link PageModel#mergeIdentical}).
     */
    public OutputContext(Model model, Layout layout, List<Distro> distros, FrontMatterSettings frontMatter,
            Path templateOverrides, List<String> selectedOutputs, boolean mergeIdenticalTabs) {
        this.mergeIdenticalTabs = mergeIdenticalTabs;
        this.model = Objects.requireNonNull(model, "model");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.distros = List.copyOf(distros);
        this.frontMatter = Objects.requireNonNull(frontMatter, "frontMatter");
        this.templateOverrides = templateOverrides;
        this.selectedOutputs = List.copyOf(selectedOutputs);
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

    /** The ids of the outputs this run writes, in the order they render. */
    public List<String> selectedOutputs() {
        return selectedOutputs;
    }

    /** Whether this run writes the output with this id. */
    public boolean selected(String outputId) {
        return selectedOutputs.contains(outputId);
    }

    /** Records the files of an output that has rendered, for the outputs after it ({@link #renderedSha256}). */
    public void rendered(List<GeneratedFile> files) {
        List<String> sums = files.parallelStream().map(GeneratedFile::sha256).toList();
        synchronized (this) {
            for (int i = 0; i < files.size(); i++) {
                rendered.put(files.get(i).path(), sums.get(i));
            }
        }
    }

    /** The SHA-256 of a file an output rendered before the current one, by its path; empty when there is none. */
    public synchronized Optional<String> renderedSha256(String path) {
        return Optional.ofNullable(rendered.get(path));
    }

    /** The pages of every product, built on first use and shared by every page output (Markdown flavors, HTML). */
    public synchronized List<PageModel.ProductPage> pages() {
        if (pages == null) {
            // In parallel, one product each; the list keeps catalog order.
            pages = model.products().parallelStream().map(this::build).toList();
        }
        return pages;
    }

    /**
     * The pages of one product of the model: the shared ones when {@link #pages()} built them already (for the
     * Markdown flavors), else made now and not kept, so that an output that renders product by product holds one
     * product's pages at a time.
     */
    public PageModel.ProductPage page(ProductModel product) {
        List<PageModel.ProductPage> built;
        synchronized (this) {
            built = pages;
        }
        if (built != null) {
            List<ProductModel> products = model.products();
            for (int i = 0; i < products.size(); i++) {
                if (products.get(i) == product) {
                    return built.get(i);
                }
            }
        }
        return build(product);
    }

    private PageModel.ProductPage build(ProductModel product) {
        PageModel.ProductPage page = PageModel.product(product, distros, model.backends(), layout, mergeIdenticalTabs);
        // The page model is one pass over the plans (VersionPlans): the page outputs share it.
        product.versions().forEach(VersionModel::plansRead);
        return page;
    }
}
