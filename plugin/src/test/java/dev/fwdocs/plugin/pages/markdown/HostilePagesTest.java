package dev.fwdocs.plugin.pages.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.testing.Catalogs;
import dev.fwdocs.plugin.testing.Command;
import dev.fwdocs.plugin.testing.Environment;
import dev.fwdocs.plugin.testing.GeneratedFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two hostile catalogs ({@code catalogs/hostile/}: HTML and script in every field; links to other schemes,
 * attribute lists, Hugo shortcodes in code, HTML comments and CDATA) built into a real site by each flavor's generator
 * (Hugo, MkDocs Material with attr_list and pymdownx, Jekyll with kramdown, Docusaurus MDX; commonmark-java for
 * plain), and the built HTML walked as a browser would read it: no element, attribute or URL of the catalog's, and
 * every field's marker still shown as text (an HTML comment or an unclosed construct swallowed nothing).
 */
@Tag("sitegen")
class HostilePagesTest {

    private static final Path RESOURCES = Path.of("src/test/resources/pages").toAbsolutePath();
    private static final Path HOSTILE = Path.of("src/test/resources/catalogs/hostile").toAbsolutePath();

    /** Elements no generator's theme writes into these pages: any of them came from a catalog. */
    private static final Set<String> FOREIGN = Set.of("iframe", "object", "embed", "base", "frame", "frameset",
            "applet", "textarea", "marquee");
    /** Attributes that hold a URL a browser follows ({@code href}) or loads (the others). */
    private static final Set<String> URLS = Set.of("href", "src", "action", "formaction", "data", "xlink:href",
            "poster", "background", "srcset", "cite", "ping");
    /** Words of the payloads: a URL or a script holding one came from a catalog. */
    private static final Pattern PAYLOAD = Pattern.compile("(?i)fwpwn|tracker\\.invalid|gist\\.github|youtube");
    private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.-]*):");

    private static List<ProductCatalog> catalogs() {
        // The seed the test sites' own index pages link to.
        return List.of(Catalogs.read(HOSTILE.resolve("hostile.yaml")), Catalogs.read(HOSTILE.resolve("markdown.yaml")),
                Catalogs.seed("storageos"));
    }

    private static List<GeneratedFile> pages(Flavor flavor) {
        String root = Layout.standard().pagesRoot(flavor) + "/";
        return MarkdownPages.render(PageRequest.of(catalogs(), flavor, BackendRegistry.standard().all())
                        .withFrontMatter(FrontMatterSettings.defaults()))
                .stream().map(f -> new GeneratedFile(f.path().substring(root.length()), f.content(), false)).toList();
    }

    @Test
    void hugo(@TempDir Path dir) throws Exception {
        Path hugo = Environment.requireTool("hugo", "FWDOCS_HUGO", "apt-get install hugo");
        Path source = dir.resolve("site");
        SiteBuildTest.copyTree(RESOURCES.resolve("hugo-site"), source);
        GeneratedFiles.write(source, pages(Flavor.HUGO));
        Path out = dir.resolve("public");
        Command.Result r = SiteBuildTest.run(source, List.of(hugo.toString(), "--source", source.toString(),
                "--destination", out.toString(), "--cacheDir", dir.resolve("cache").toString()));
        assertEquals(0, r.exit(), "hugo failed:\n" + r.output());
        inert(out, "", Flavor.HUGO);
    }

    @Test
    void mkdocs(@TempDir Path dir) throws Exception {
        Path mkdocs = Environment.requireTool("mkdocs", "FWDOCS_MKDOCS",
                "apt-get install mkdocs mkdocs-material mkdocs-literate-nav");
        Path source = dir.resolve("site");
        SiteBuildTest.copyTree(RESOURCES.resolve("mkdocs-site"), source);
        // attr_list and md_in_html as Material's documentation recommends them: the catalog must not reach them.
        Path config = source.resolve("mkdocs.yml");
        Files.writeString(config, Files.readString(config).replace("markdown_extensions:\n",
                "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - pymdownx.highlight\n  - pymdownx.inlinehilite\n"));
        GeneratedFiles.write(source.resolve("docs/firewall"), pages(Flavor.MKDOCS));
        Path out = dir.resolve("public");
        Command.Result r = SiteBuildTest.run(source, List.of(mkdocs.toString(), "build", "--strict", "--site-dir",
                out.toString()));
        assertEquals(0, r.exit(), "mkdocs build --strict failed:\n" + r.output());
        inert(out, "firewall/", Flavor.MKDOCS);
    }

    @Test
    void jekyll(@TempDir Path dir) throws Exception {
        Path jekyll = Environment.requireTool("jekyll", "FWDOCS_JEKYLL", "apt-get install jekyll "
                + "ruby-kramdown-parser-gfm ruby-jekyll-relative-links");
        Path source = dir.resolve("site");
        SiteBuildTest.copyTree(RESOURCES.resolve("jekyll-site"), source);
        GeneratedFiles.write(source.resolve("firewall"), pages(Flavor.JEKYLL));
        Path out = dir.resolve("public");
        Command.Result r = SiteBuildTest.run(source, List.of(jekyll.toString(), "build", "--strict_front_matter",
                "--source", source.toString(), "--destination", out.toString(), "--disable-disk-cache"));
        assertEquals(0, r.exit(), "jekyll failed:\n" + r.output());
        inert(out, "firewall/", Flavor.JEKYLL);
    }

    @Test
    void docusaurus(@TempDir Path dir) throws Exception {
        Path modules = SiteBuildTest.docusaurusModules();
        Path source = dir.resolve("site");
        SiteBuildTest.copyTree(RESOURCES.resolve("docusaurus-site"), source);
        Files.createSymbolicLink(source.resolve("node_modules"), modules);
        GeneratedFiles.write(source.resolve("docs/firewall"), pages(Flavor.DOCUSAURUS));
        Path out = dir.resolve("public");
        Command.Result r = SiteBuildTest.run(source, List.of(modules.resolve(".bin/docusaurus").toString(), "build",
                "--no-minify", "--out-dir", out.toString()));
        assertEquals(0, r.exit(), "docusaurus build failed:\n" + r.output());
        inert(out, "firewall/", Flavor.DOCUSAURUS);
    }

    @Test
    void plainWithAGfmRenderer(@TempDir Path out) throws Exception {
        Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();
        HtmlRenderer html = HtmlRenderer.builder().extensions(List.of(TablesExtension.create())).build();
        for (GeneratedFile f : pages(Flavor.PLAIN)) {
            Path page = out.resolve(f.path().replaceAll("\\.md$", ".html"));
            Files.createDirectories(page.getParent());
            Files.writeString(page, html.render(parser.parse(f.text())));
        }
        inert(out, "", Flavor.PLAIN);
    }

    /** The standalone HTML site, written as a run writes it (its own Markdown conversion, commonmark-java). */
    @Test
    void htmlSite(@TempDir Path out) throws Exception {
        List<dev.fwdocs.plugin.rules.RuleBackend> backends = BackendRegistry.standard().all();
        dev.fwdocs.plugin.generate.GenerateRequest request = new dev.fwdocs.plugin.generate.GenerateRequest(
                Path.of("."), Path.of("."), Path.of("out"), backends,
                dev.fwdocs.plugin.output.Outputs.standard().select(List.of(dev.fwdocs.plugin.pages.html.HtmlOutput.ID)),
                BackendRegistry.defaultDistros(backends), FrontMatterSettings.defaults(), null);
        List<GeneratedFile> files = dev.fwdocs.plugin.generate.Generator.render(
                new dev.fwdocs.catalog.Catalog(catalogs(), List.of()), request).files();
        GeneratedFiles.write(out, files);
        inert(out, Layout.standard().siteRoot() + "/", null); // null: the HTML site, no Markdown flavor
    }

    /**
     * Every built page: no foreign element, no event handler, no URL or script of a payload; the overview pages of
     * both products show every field's marker and the shortcodes as written.
     */
    private static void inert(Path root, String base, Flavor flavor) throws Exception {
        List<String> found = new ArrayList<>();
        List<Path> html;
        try (Stream<Path> s = Files.walk(root)) {
            html = s.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        for (Path p : html) {
            Document doc = Jsoup.parse(Files.readString(p, StandardCharsets.UTF_8));
            String at = root.relativize(p).toString();
            for (Element e : doc.getAllElements()) {
                String tag = e.normalName();
                if (FOREIGN.contains(tag)) {
                    found.add(at + ": <" + tag + ">");
                }
                // JSON-LD (Docusaurus' breadcrumbs) holds the titles as JSON strings, with < written \\u003C: data.
                boolean data = tag.equals("script") && e.attr("type").matches("application/(ld\\+)?json");
                if ((tag.equals("script") && !data || tag.equals("style"))
                        && PAYLOAD.matcher(e.data() + e.attr("src")).find()) {
                    found.add(at + ": <" + tag + "> " + e.outerHtml());
                }
                for (Attribute a : e.attributes()) {
                    String name = a.getKey().toLowerCase(Locale.ROOT);
                    String value = a.getValue();
                    if (name.startsWith("on") && PAYLOAD.matcher(value).find()) {
                        found.add(at + ": " + e.tagName() + " " + name + "=" + value);
                    }
                    // The HTML site's own empty icon (no request for favicon.ico) is the one data: URL allowed.
                    boolean emptyIcon = tag.equals("link") && value.equals("data:,");
                    if (URLS.contains(name) && !value.startsWith("#") && !emptyIcon) {
                        String url = value.replaceAll("[\\x00-\\x20]", "").toLowerCase(Locale.ROOT);
                        var m = SCHEME.matcher(url);
                        boolean badScheme = m.find() && !Set.of("http", "https", "mailto").contains(m.group(1));
                        // A link to an https page of the catalog's is fine; loading anything of its own is not.
                        if (badScheme || !name.equals("href") && PAYLOAD.matcher(url).find()) {
                            found.add(at + ": " + e.tagName() + " " + name + "=" + value);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found, flavor + ": catalog markup reached the HTML");
        for (String product : List.of("hostile", "hostile-md")) {
            String page = base + product + "/" + Layout.LATEST + "/index.html";
            Path file = root.resolve(page);
            Document doc = Jsoup.parse(Files.readString(file, StandardCharsets.UTF_8));
            String text = doc.body().wholeText();
            String prefix = product.equals("hostile") ? "FWX" : "FWM";
            int last = product.equals("hostile") ? 18 : 14;
            for (int i = 1; i <= last; i++) {
                assertTrue(Pattern.compile(prefix + i + "(?![0-9])").matcher(text).find(), flavor + ": " + prefix
                        + i + " is not shown on " + page + ":\n" + text);
            }
            if (product.equals("hostile-md")) {
                // A refused link shows as written in the Markdown flavors; the HTML site keeps its text only.
                List<String> literals = new ArrayList<>(List.of("{{< gist fwpwn 3 >}}", "{{% youtube fwpwn %}}",
                        "{{< gist fwpwn 10 >}}", "{{< gist fwpwn 5 >}}", "a comment"));
                if (flavor != null) {
                    literals.add("[js](javascript:window.fwpwn=1)");
                }
                for (String literal : literals) {
                    assertTrue(text.contains(literal), flavor + ": '" + literal + "' is not shown as written on "
                            + page);
                }
            }
        }
    }
}
