package dev.fwdocs.plugin.pages.markdown;

import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.plugin.model.ProductModel;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.output.Output;
import dev.fwdocs.plugin.output.OutputContext;
import dev.fwdocs.plugin.render.GeneratedFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown pages of one flavor ({@code markdown-hugo}, ...), printed from the shared page model. */
public final class MarkdownOutput implements Output {

    private final Flavor flavor;
    private final String downloadBaseUrl;

    /** The pages of a flavor that name the bundles with their SHA-256 without linking them. */
    public MarkdownOutput(Flavor flavor) {
        this(flavor, null);
    }

    /**
     * The pages of a flavor that link each bundle under {@code downloadBaseUrl} (where the output's {@code bundles}
     * folder is published: an absolute http(s) URL or a path starting with {@code /}, {@code ./} or {@code ../});
     * null: not linked.
     */
    public MarkdownOutput(Flavor flavor, String downloadBaseUrl) {
        this.flavor = java.util.Objects.requireNonNull(flavor, "flavor");
        if (downloadBaseUrl != null && !validBaseUrl(downloadBaseUrl)) {
            throw new IllegalArgumentException("downloadBaseUrl '" + downloadBaseUrl + "' is not an http(s) URL or a "
                    + "path starting with /, ./ or ../ (without spaces, quotes, backslashes or any of ()<>{}[]|)");
        }
        this.downloadBaseUrl = downloadBaseUrl == null ? null : downloadBaseUrl.replaceAll("/+$", "");
    }

    /** Whether a URL can be written as a Markdown link target in every flavor as it is. */
    static boolean validBaseUrl(String url) {
        return url.matches("(https?://[^\\s()<>\"'`\\\\{}|\\[\\]]+|(/|\\./|\\.\\./)[^\\s()<>\"'`\\\\{}|\\[\\]]*)");
    }

    /** One output per flavor, in the flavors' order. */
    public static List<Output> all() {
        return all(null);
    }

    /** One output per flavor, in the flavors' order, linking the bundles under {@code downloadBaseUrl} (or null). */
    public static List<Output> all(String downloadBaseUrl) {
        return Arrays.stream(Flavor.values()).<Output>map(f -> new MarkdownOutput(f, downloadBaseUrl)).toList();
    }

    @Override
    public String settings() {
        return downloadBaseUrl == null ? "" : "download-base-url " + downloadBaseUrl;
    }

    /** The id of a flavor's output: {@code markdown-<flavor>}. */
    public static String id(Flavor flavor) {
        return "markdown-" + flavor.id();
    }

    public Flavor flavor() {
        return flavor;
    }

    @Override
    public PlanUse planUse() {
        return PlanUse.PAGE_MODEL;
    }

    @Override
    public String id() {
        return id(flavor);
    }

    @Override
    public String description() {
        return "Markdown pages for " + flavor.id();
    }

    @Override
    public boolean byDefault() {
        return false;
    }

    /** The taxonomies of a Hugo site that does not configure its own: their folders under content/ are theirs. */
    static final List<String> HUGO_TAXONOMIES = List.of("tags", "categories");

    /** The folder name Hugo does not publish as a section of its own. */
    private static final String HUGO_INDEX = "index";

    /**
     * For Hugo: a product may not be named like one of Hugo's default taxonomies (a warning: a site may configure
     * others); no product or version folder may be named {@code index} in any letter case (Hugo lowercases URLs and
     * serves a section named index at its parent's URL); and the slug names each version's folder
     * ({@link MarkdownPages#folders}): every folder must be one path segment, and the folders of a product's versions
     * and of {@code latest} must differ.
     */
    @Override
    public List<Diagnostic> unsupported(OutputContext context) {
        List<Diagnostic> out = new ArrayList<>();
        if (flavor != Flavor.HUGO) {
            return out;
        }
        String slug = context.frontMatter().slug();
        for (ProductModel p : context.model().products()) {
            var product = p.catalog().product();
            var at = product.location();
            if (HUGO_TAXONOMIES.contains(p.id())) {
                out.add(Diagnostic.warning(at, "product '" + p.id() + "' is named like Hugo's default " + p.id()
                        + " taxonomy: in a site whose content/ holds the pages (hugoDirectory), Hugo reads content/"
                        + p.id() + "/ as the taxonomy's terms and cannot resolve the pages' links (REF_NOT_FOUND); "
                        + "rename the product, mount the pages below content/ (such as content/firewall/), or "
                        + "configure the site's taxonomies without " + p.id()));
            }
            if (p.id().equals(HUGO_INDEX)) {
                out.add(Diagnostic.error(at, "the hugo flavor cannot publish product 'index': Hugo serves a section "
                        + "named index at its parent's URL, where its pages and the parent's index page overwrite "
                        + "each other (Duplicate target paths); rename the product"));
            }
            Map<String, String> folders = MarkdownPages.folders(flavor, context.frontMatter(), product.name(), p.id(),
                    p.versions().stream().map(v -> v.version()).toList());
            Map<String, String> seen = new HashMap<>();
            folders.forEach((version, folder) -> {
                if (slug != null && (folder.isBlank() || folder.equals(".") || folder.equals("..")
                        || folder.matches(".*[/\\\\].*"))) {
                    out.add(Diagnostic.error(at, "frontMatter slug '" + slug + "' gives "
                            + "version " + version + " of " + p.id() + " the folder '" + folder + "', which is not "
                            + "one folder name (Hugo takes a section's URL from its folder)"));
                } else if (slug != null && seen.putIfAbsent(folder, version) != null) {
                    out.add(Diagnostic.error(at, "frontMatter slug '" + slug + "' gives "
                            + "versions " + seen.get(folder) + " and " + version + " of " + p.id() + " the same "
                            + "folder '" + folder + "'; put {version} in it"));
                } else if (folder.toLowerCase(Locale.ROOT).equals(HUGO_INDEX)) {
                    out.add(Diagnostic.error(at, "the hugo flavor cannot publish version " + version + " of "
                            + p.id() + " in the folder '" + folder + "': Hugo lowercases URLs and serves a section "
                            + "named index at its parent's URL, where its pages and the product's index page "
                            + "overwrite each other (Duplicate target paths); rename the version"
                            + (slug != null ? "" : ", or set a frontMatter slug that gives it another folder")));
                }
            });
        }
        return out;
    }

    @Override
    public String movableFolder(Layout layout) {
        return layout.pagesRoot(flavor);
    }

    @Override
    public List<GeneratedFile> render(OutputContext context) {
        return MarkdownPages.render(context, flavor, downloadBaseUrl);
    }

    /** As {@link #render(OutputContext)}, product by product. */
    @Override
    public void render(OutputContext context, dev.fwdocs.plugin.output.FileSink sink) throws java.io.IOException {
        MarkdownPages.render(context, flavor, downloadBaseUrl, sink);
    }
}
