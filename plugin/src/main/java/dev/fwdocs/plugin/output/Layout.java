package dev.fwdocs.plugin.output;

import dev.fwdocs.plugin.pages.markdown.Flavor;
import java.util.List;

/**
 * Where every generated file goes inside the output folder. Outputs and templates ask the layout for paths; no path
 * is spelled anywhere else, so moving a folder is a change here only.
 */
public final class Layout {

    /** The folder name of the newest version's copy, next to the version folders. */
    public static final String LATEST = "latest";

    /** The MkDocs navigation file at the root of the mkdocs pages, the name mkdocs-literate-nav reads by default. */
    public static final String MKDOCS_NAV = "SUMMARY.md";

    private static final Layout STANDARD = new Layout();

    private Layout() {
    }

    /**
     * A path of this layout (or a part of one) as a link writes it. Ids and versions hold only letters, digits and
     * {@code . _ + -}; of those, '+' is written {@code %2B}: Amazon S3's website endpoints and jekyll-relative-links
     * read a plain '+' in a path as a space, and browsers and servers read {@code %2B} as '+'.
     */
    public static String href(String path) {
        return path.replace("+", "%2B");
    }

    /** The layout documented in README.md ("What gets generated"). */
    public static Layout standard() {
        return STANDARD;
    }

    /** A role's folder of scripts: {@code rules/<product>/<version>/<role>}. */
    public String roleDir(String product, String version, String role) {
        return "rules/" + product + "/" + version + "/" + role;
    }

    /** The file name of a backend's script inside its role's folder: {@code <backend>.sh}. */
    public String scriptName(String backend) {
        return backend + ".sh";
    }

    /** The root of one flavor's pages: {@code pages/<flavor>}. */
    public String pagesRoot(Flavor flavor) {
        return "pages/" + flavor.id();
    }

    /** The folder of one product's pages of one flavor ({@code pages/hugo/content/<product>} for Hugo). */
    public String productPages(Flavor flavor, String product) {
        return pagesRoot(flavor) + (flavor == Flavor.HUGO ? "/content/" : "/") + product;
    }

    /** The folder of the Hugo shortcodes that the Hugo pages use. */
    public String hugoShortcodes() {
        return pagesRoot(Flavor.HUGO) + "/layouts/shortcodes";
    }

    /** The root of the data export: {@code data}, which also holds its JSON Schema. */
    public String dataRoot() {
        return "data";
    }

    /** The folder of one version's data export ({@code data/<product>/<version>}, or {@code latest}). */
    public String dataDir(String product, String versionFolder) {
        return dataRoot() + "/" + product + "/" + versionFolder;
    }

    /**
     * The files of one version's data export, JSON first, then CSV ({@code data/<product>/<version>/catalog.json}
     * and {@code flows.csv}). The site links exactly these, so the data output must write them under these names.
     */
    public List<String> dataFiles(String product, String versionFolder) {
        String dir = dataDir(product, versionFolder);
        return List.of(dir + "/catalog.json", dir + "/flows.csv");
    }

    /**
     * The script bundles of one version, zip first, then tar.gz
     * ({@code bundles/<product>/<product>-<version>-firewall.zip}); the site links them with their SHA-256.
     */
    public List<String> bundleFiles(String product, String version) {
        String base = bundlesRoot() + "/" + product + "/" + product + "-" + version + "-firewall";
        return List.of(base + ".zip", base + ".tar.gz");
    }

    /** The root of the script bundles: {@code bundles}. */
    public String bundlesRoot() {
        return "bundles";
    }

    /** The root of the HTML site: {@code site}. */
    public String siteRoot() {
        return "site";
    }

    /** The site's start page, the index of products: {@code site/index.html}. */
    public String siteIndex() {
        return siteRoot() + "/index.html";
    }

    /** One of the site's shared assets (style sheet, script): {@code site/assets/<name>}. */
    public String siteAsset(String name) {
        return siteRoot() + "/assets/" + name;
    }

    /** A product's index of versions: {@code site/<product>/index.html}. */
    public String siteProductIndex(String product) {
        return siteRoot() + "/" + product + "/index.html";
    }

    /**
     * One page of one version ({@code site/<product>/<version>/<page>.html}, or {@code latest} for the copy of the
     * newest version); every version folder is at the same depth, so a copy keeps its relative links.
     */
    public String sitePage(String product, String versionFolder, String page) {
        return siteRoot() + "/" + product + "/" + versionFolder + "/" + page + ".html";
    }
}
