package dev.fwdocs.plugin.pages.markdown;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.plugin.model.Model;
import dev.fwdocs.plugin.output.FileSink;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.output.OutputContext;
import dev.fwdocs.plugin.output.Parts;
import dev.fwdocs.plugin.pages.Distro;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.pages.PageModel;
import dev.fwdocs.plugin.pages.PageModel.ProductPage;
import dev.fwdocs.plugin.pages.PageModel.VersionPage;
import dev.fwdocs.plugin.pages.Templates;
import dev.fwdocs.plugin.render.GeneratedFile;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders the Markdown pages of every product in a {@link PageRequest} for one flavor: per version an overview and a
 * changelog, per product an index of versions, and a {@code latest} copy of the newest version. Pure: no file is
 * read except templates, nothing is written; same request, same bytes.
 */
public final class MarkdownPages {

    /** Where the shipped templates live on the classpath; an override folder mirrors the names below it. */
    public static final String TEMPLATE_ROOT = Templates.ROOT;

    /** A blank line between two list items, which would make the list loose. */
    private static final java.util.regex.Pattern LOOSE_ITEMS = java.util.regex.Pattern.compile(
            "(?m)^(\\s*\\*.*)\n\\s*\n(?=\\s*\\*)");

    /** The Hugo shortcodes shipped with the plugin, written under {@code hugo/layouts/shortcodes/}. */
    public static final List<String> HUGO_SHORTCODES = List.of("fwdocs-tabs.html", "fwdocs-tab.html", "fwdocs-lbrace.html");

    private MarkdownPages() {
    }

    /**
     * The pages of a request that has no model yet (resolves and plans its products first), with paths such as
     * {@code pages/mkdocs/storageos/2.4/index.md} or {@code pages/hugo/content/storageos/_index.md}.
     */
    public static List<GeneratedFile> render(PageRequest request) {
        Set<String> known = new LinkedHashSet<>();
        request.backends().forEach(b -> known.add(b.id()));
        for (Distro d : request.distros()) {
            for (String b : d.backends()) {
                if (!known.contains(b)) {
                    throw new IllegalArgumentException("distro " + d.id() + " names backend '" + b
                            + "', which is not one of " + known);
                }
            }
        }
        OutputContext context = new OutputContext(
                Model.facts(new Catalog(request.products(), List.of())).planned(request.backends()),
                Layout.standard(), request.distros(), request.frontMatter(), request.templateOverrides(),
                List.of(), request.mergeIdenticalTabs());
        return render(context, request.flavor());
    }

    /** The pages of one flavor, from the context's shared page model; the bundles named, not linked. */
    public static List<GeneratedFile> render(OutputContext context, Flavor flavor) {
        return render(context, flavor, null);
    }

    /**
     * The pages of one flavor, from the context's shared page model. With a {@code downloadBaseUrl} (where the
     * output's {@code bundles} folder is published) the pages link each bundle as
     * {@code <downloadBaseUrl>/<product>/<file>}; without one they name it with its SHA-256 (the pages are
     * published by another site generator from another folder, where no relative link to the bundles holds).
     */
    public static List<GeneratedFile> render(OutputContext context, Flavor flavor, String downloadBaseUrl) {
        List<GeneratedFile> out = new ArrayList<>();
        try {
            render(context, flavor, downloadBaseUrl, out::addAll);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    /**
     * As {@link #render(OutputContext, Flavor, String)}, handed to {@code sink} product by product (in parallel,
     * in catalog order), then the flavor's shared files.
     */
    public static void render(OutputContext context, Flavor flavor, String downloadBaseUrl, FileSink sink)
            throws IOException {
        Renderer r = new Renderer(context, flavor, downloadBaseUrl);
        Parts.render(context.pages(), r::product, sink);
        List<GeneratedFile> out = new ArrayList<>();
        if (flavor == Flavor.MKDOCS) {
            out.add(r.navigation(context.pages()));
        }
        if (flavor == Flavor.HUGO) {
            for (String name : HUGO_SHORTCODES) {
                out.add(GeneratedFile.text(context.layout().hugoShortcodes() + "/" + name,
                        r.raw("markdown/hugo/" + name)));
            }
        }
        sink.accept(out);
    }

    /**
     * The folder of each version of a product and of {@code latest}, by version: the version itself, but for Hugo
     * with a slug the slug, because Hugo takes a section's URL from its folder and ignores {@code slug} in
     * {@code _index.md}.
     */
    static Map<String, String> folders(Flavor flavor, FrontMatterSettings settings, String name, String id,
            List<String> versions) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        List<String> labels = new ArrayList<>(versions);
        labels.add(Layout.LATEST);
        for (String label : labels) {
            String slug = FrontMatterSettings.expand(settings.slug(), name, id, label);
            out.put(label, flavor == Flavor.HUGO && slug != null && !slug.isBlank() ? slug : label);
        }
        return out;
    }

    /** A product in the MkDocs navigation: its index title and page, and its versions, {@code latest} first. */
    public record NavProduct(String title, String page, List<NavVersion> versions) {
        public NavProduct {
            versions = List.copyOf(versions);
        }
    }

    /**
     * A version in the MkDocs navigation: its label (the folder), its overview, and its changelog's title and page.
     * Pages are paths without extension for {@code link()}.
     */
    public record NavVersion(String label, String page, String changelogTitle, String changelog) {
    }

    /** A bundle of a version: its file name, its SHA-256 and the URL it is published at (null: not known). */
    public record Download(String name, String sha256, String url) {
    }

    /** Renders with one engine, so templates are parsed once per request. */
    private static final class Renderer {
        private final OutputContext context;
        private final Flavor flavor;
        private final PebbleEngine engine;
        private final FrontMatter frontMatter;
        private final FrontMatterSettings settings;
        private final String downloadBaseUrl;

        Renderer(OutputContext context, Flavor flavor, String downloadBaseUrl) {
            this.downloadBaseUrl = downloadBaseUrl;
            this.context = context;
            this.flavor = flavor;
            this.settings = context.frontMatter();
            this.frontMatter = new FrontMatter(flavor, settings);
            this.engine = new PebbleEngine.Builder()
                    .loader(new LineStatementLoader<>(Templates.loader(context.templateOverrides())))
                    .extension(new MarkdownExtension(flavor))
                    .autoEscaping(false)
                    .strictVariables(true)
                    .newLineTrimming(false)
                    .cacheActive(true)
                    .build();
        }

        List<GeneratedFile> product(ProductPage product) {
            List<GeneratedFile> out = new ArrayList<>();
            String base = context.layout().productPages(flavor, product.id()) + "/";
            List<VersionPage> newest = product.newestFirst();
            Map<String, String> folders = folders(flavor, settings, product.name(), product.id(),
                    product.versions().stream().map(VersionPage::version).toList());
            out.add(page(base + flavor.indexFile(), "markdown/versions.peb",
                    comment(product.source(), product.id(), "every version"),
                    FrontMatterSettings.expand(settings.indexTitle(), product.name(), product.id(), null),
                    settings.weight(), null, null, Map.of("product", product, "folders", folders)));
            for (int i = 0; i < newest.size(); i++) {
                String v = newest.get(i).version();
                out.addAll(version(base + folders.get(v) + "/", newest.get(i), v, i + 2));
            }
            out.addAll(version(base + folders.get(Layout.LATEST) + "/", product.latest(), Layout.LATEST, 1));
            return out;
        }

        /**
         * The MkDocs navigation ({@code SUMMARY.md}, read by mkdocs-literate-nav): per product a section whose
         * first page is its index, then {@code latest} and the versions newest first, each a section of its
         * overview and changelog.
         */
        GeneratedFile navigation(List<ProductPage> products) {
            // One tight list: literate-nav wants a link as an item's first child, and a loose list wraps it in <p>.
            List<NavProduct> nav = new ArrayList<>();
            for (ProductPage p : products) {
                List<NavVersion> versions = new ArrayList<>();
                List<String> labels = new ArrayList<>(List.of(Layout.LATEST));
                p.newestFirst().forEach(v -> labels.add(v.version()));
                for (String label : labels) {
                    String version = Layout.LATEST.equals(label) ? p.latest().version() : label;
                    versions.add(new NavVersion(label, p.id() + "/" + label + "/index",
                            FrontMatterSettings.expand(settings.changelogTitle(), p.name(), p.id(), version),
                            p.id() + "/" + label + "/changelog"));
                }
                nav.add(new NavProduct(FrontMatterSettings.expand(settings.indexTitle(), p.name(), p.id(), null),
                        p.id() + "/index", versions));
            }
            Map<String, Object> ctx = new HashMap<>();
            ctx.put("nav", nav);
            ctx.put("flavor", flavor.id());
            ctx.put("folders", Map.of());
            List<String> comment = List.of("Generated by fwdocs from the catalog "
                    + (products.size() == 1 ? "file " : "files ")
                    + String.join(", ", products.stream().map(ProductPage::source).toList())
                    + " (the navigation of every product, for mkdocs-literate-nav).",
                    "Do not edit this file: change the catalog and run fwdocs again.");
            return GeneratedFile.text(context.layout().pagesRoot(flavor) + "/" + Layout.MKDOCS_NAV,
                    new FrontMatter(Flavor.PLAIN, settings).head(comment, null, null, null, null) + "\n"
                    + MarkdownText.normalize(LOOSE_ITEMS.matcher(evaluate("markdown/summary.peb", ctx))
                    .replaceAll("$1\n")));
        }

        /**
         * The overview and changelog of one version in the folder {@code label} (the version, or {@code latest} for
         * the copy). Titles always name the real version; the folder label is only the slug's {@code {version}} and
         * the overview's navigation label, so the copy reads "StorageOS 1.5 ..." and is listed as "latest".
         */
        private List<GeneratedFile> version(String dir, VersionPage v, String label, int weight) {
            String what = Layout.LATEST.equals(label) ? "version " + v.version() + ", copied as latest" : "version " + v.version();
            List<String> comment = comment(v.source(), v.productId(), what);
            String title = FrontMatterSettings.expand(settings.title(), v.productName(), v.productId(), v.version());
            String slug = FrontMatterSettings.expand(settings.slug(), v.productName(), v.productId(), label);
            String changelogTitle = FrontMatterSettings.expand(settings.changelogTitle(), v.productName(),
                    v.productId(), v.version());
            String folder = dir.substring(0, dir.length() - 1);
            Map<String, Object> ctx = Map.of("v", v, "folders", Map.of(), "downloads", downloads(v),
                    "pageFolder", folder.substring(folder.lastIndexOf('/') + 1));
            return List.of(
                    page(dir + flavor.indexFile(), "markdown/overview.peb", comment, title, weight, slug, label, ctx),
                    page(dir + "changelog." + flavor.extension(), "markdown/changelog.peb", comment, changelogTitle,
                            1, null, null, ctx));
        }

        /**
         * The bundles of a version with their SHA-256, when this run writes them (the pages land in sites of their
         * own, so they name the files and their sums; the HTML site links them).
         */
        private List<Download> downloads(VersionPage v) {
            List<Download> out = new ArrayList<>();
            if (context.selected(dev.fwdocs.plugin.bundle.BundleOutput.ID)) {
                for (String path : context.layout().bundleFiles(v.productId(), v.version())) {
                    String name = path.substring(path.lastIndexOf('/') + 1);
                    String url = downloadBaseUrl == null ? null
                            : downloadBaseUrl + "/" + Layout.href(v.productId() + "/" + name);
                    context.renderedSha256(path).ifPresent(sum -> out.add(new Download(name, sum, url)));
                }
            }
            return out;
        }

        private GeneratedFile page(String path, String template, List<String> comment, String title, Integer weight,
                String slug, String navLabel, Map<String, Object> vars) {
            Map<String, Object> ctx = new HashMap<>(vars);
            ctx.put("flavor", flavor.id());
            ctx.put("title", title);
            ctx.put("h1", !flavor.hasFrontMatter());
            String body = evaluate(template, ctx);
            String head = frontMatter.head(comment, title, navLabel, weight, flavor == Flavor.HUGO ? null : slug);
            return GeneratedFile.text(path, head + "\n" + MarkdownText.normalize(body));
        }

        private String evaluate(String template, Map<String, Object> ctx) {
            try {
                StringWriter w = new StringWriter();
                engine.getTemplate(template).evaluate(w, ctx);
                return w.toString();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot render template " + template, e);
            } catch (PebbleException e) {
                throw dev.fwdocs.plugin.pages.TemplateException.of(context.templateOverrides(), template, e);
            }
        }

        /** A file copied as it is (the Hugo shortcodes are Go templates, not Pebble), override folder first. */
        String raw(String name) {
            return Templates.raw(context.templateOverrides(), name);
        }

        /** {@code source} is already as pages name it ({@code ProductModel.sourceName()}: never absolute). */
        private static List<String> comment(String source, String productId, String what) {
            return List.of("Generated by fwdocs from the catalog file " + source + " (product " + productId + ", "
                    + what + ").", "Do not edit this file: change the catalog and run fwdocs again.");
        }
    }
}
