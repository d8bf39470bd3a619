package dev.fwdocs.plugin.pages.html;

import dev.fwdocs.plugin.testing.Catalogs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.output.Output;
import dev.fwdocs.plugin.output.OutputContext;
import dev.fwdocs.plugin.render.GeneratedFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML site as files: every product, version and {@code latest} copy has its pages, links and anchors resolve,
 * the version switcher lands on the same page, downloads are linked only when their output runs, catalog text is
 * escaped and catalog Markdown made inert, pages carry the CSP and no inline script or style, and the bytes are the
 * same on every run. The browser tests check the same site in Chromium.
 */
class HtmlSiteTest {

    private static final Layout LAYOUT = Layout.standard();
    private static final Pattern URL_ATTR = Pattern.compile("\\s(?:href|src)=\"([^\"]*)\"");
    private static final Pattern ID_ATTR = Pattern.compile("\\sid=\"([^\"]*)\"");

    private static List<ProductCatalog> catalogs;
    private static Map<String, GeneratedFile> site;

    @BeforeAll
    static void render() throws Exception {
        catalogs = Sites.catalogs();
        site = Sites.fullSite(catalogs);
    }

    private static List<GeneratedFile> pages() {
        return site.values().stream().filter(f -> f.path().endsWith(".html")).toList();
    }

    private static String text(String path) {
        GeneratedFile f = site.get(path);
        assertTrue(f != null, "missing " + path);
        return f.text();
    }

    @Test
    void everyProductAndVersionHasItsPagesAndLatestIsAByteCopy() {
        assertTrue(site.containsKey(LAYOUT.siteIndex()));
        HtmlSite.ASSETS.forEach(a -> assertTrue(site.containsKey(LAYOUT.siteAsset(a)), a));
        for (ProductCatalog p : catalogs) {
            String id = p.product().id();
            assertTrue(text(LAYOUT.siteIndex()).contains("href=\"" + id + "/latest/index.html\""), id);
            assertTrue(site.containsKey(LAYOUT.siteProductIndex(id)), id);
            for (String v : p.product().versions()) {
                for (String page : List.of(HtmlSite.OVERVIEW, HtmlSite.CHANGELOG)) {
                    assertTrue(site.containsKey(LAYOUT.sitePage(id, v, page)), id + " " + v + " " + page);
                }
            }
            String newest = p.product().versions().get(p.product().versions().size() - 1);
            for (String page : List.of(HtmlSite.OVERVIEW, HtmlSite.CHANGELOG)) {
                assertArrayEquals(site.get(LAYOUT.sitePage(id, newest, page)).content(),
                        site.get(LAYOUT.sitePage(id, Layout.LATEST, page)).content(), id + " latest " + page);
            }
        }
        long expected = 1 + HtmlSite.ASSETS.size() + catalogs.stream()
                .mapToLong(p -> 1 + 2L * (p.product().versions().size() + 1)).sum();
        assertEquals(expected, site.keySet().stream().filter(k -> k.startsWith(LAYOUT.siteRoot() + "/")).count());
    }

    @Test
    void theSameCatalogGivesTheSameBytes() throws Exception {
        Map<String, GeneratedFile> again = Sites.fullSite(catalogs);
        assertEquals(site.keySet(), again.keySet());
        site.forEach((path, f) -> assertArrayEquals(f.content(), again.get(path).content(), path));
    }

    @Test
    void everyLinkAndAnchorResolvesWithinTheOutput() {
        Map<String, Set<String>> ids = new java.util.HashMap<>();
        for (GeneratedFile f : pages()) {
            Set<String> seen = new HashSet<>();
            Matcher m = ID_ATTR.matcher(f.text());
            while (m.find()) {
                assertTrue(seen.add(m.group(1)), f.path() + " has id " + m.group(1) + " twice");
            }
            ids.put(f.path(), seen);
        }
        int checked = 0;
        for (GeneratedFile f : pages()) {
            Matcher m = URL_ATTR.matcher(f.text());
            while (m.find()) {
                String url = m.group(1).replace("&amp;", "&");
                if (url.startsWith("http:") || url.startsWith("https:") || url.startsWith("mailto:")
                        || url.equals("data:,")) {
                    continue;
                }
                String file = url.contains("#") ? url.substring(0, url.indexOf('#')) : url;
                String anchor = url.contains("#") ? url.substring(url.indexOf('#') + 1) : null;
                String target = file.isEmpty() ? f.path()
                        : URI.create("x:/" + f.path()).resolve(file).getPath().substring(1);
                assertTrue(site.containsKey(target), f.path() + " links " + url + ", which is not written");
                if (anchor != null) {
                    assertTrue(ids.getOrDefault(target, Set.of()).contains(anchor),
                            f.path() + " links " + url + ", which has no such anchor");
                }
                checked++;
            }
        }
        assertTrue(checked > 1000, "links checked: " + checked);
    }

    /** A '+' in a version's folder is written %2B in links (S3's website endpoints read a plain '+' as a space). */
    @Test
    void aPlusInAVersionIsPercentEncodedInLinks() {
        String index = text(LAYOUT.siteProductIndex("site-versions"));
        assertTrue(index.contains("href=\"2.0-RC.1%2Bexp.7/index.html\""), index);
        String page = text(LAYOUT.sitePage("site-versions", "1.0+build.5", HtmlSite.OVERVIEW));
        assertTrue(page.contains("href=\"../2.0-RC.1%2Bexp.7/index.html\""), page);
        assertTrue(page.contains("href=\"../../../data/site-versions/1.0%2Bbuild.5/catalog.json\""), page);
        Matcher m = URL_ATTR.matcher(page);
        while (m.find()) {
            assertFalse(m.group(1).contains("+"), "a link with a plain '+': " + m.group(1));
        }
    }

    @Test
    void theVersionSwitcherLandsOnTheSamePageAndOlderVersionsLinkTheLatest() {
        String page = text(LAYOUT.sitePage("konvoy", "1.4", HtmlSite.CHANGELOG));
        assertTrue(page.contains("<a class=\"fw-version\" href=\"../1.5/changelog.html\">1.5 (latest)</a>"), page);
        assertTrue(page.contains("<a class=\"fw-version\" href=\"changelog.html\" aria-current=\"true\">1.4</a>"),
                page);
        assertTrue(page.contains("class=\"fw-banner\"") && page.contains("<a href=\"../latest/changelog.html\">"
                + "See this page for 1.5</a>"), page);
        String latest = text(LAYOUT.sitePage("konvoy", Layout.LATEST, HtmlSite.OVERVIEW));
        assertTrue(latest.contains("href=\"../1.4/index.html\">1.4</a>"), latest);
        assertFalse(latest.contains("fw-banner"), "the latest version has no banner");
        assertTrue(latest.contains("<a href=\"changelog.html\">what changed since 1.4</a>"), "changelog linked");
    }

    @Test
    void rulesRolesAndHeadingsHaveStableAnchorsAndTheFilterDataHoldsNoText() {
        String page = text(LAYOUT.sitePage("konvoy", "1.5", HtmlSite.OVERVIEW));
        assertTrue(page.contains("<section class=\"fw-role\" id=\"role-worker\" data-role=\"worker\""), page);
        assertTrue(page.contains("<h2 id=\"ports-by-role\">"), page);
        Matcher rows = Pattern.compile("<tr id=\"rule-([a-z0-9-]+)\" data-in=\"([a-z0-9 -]*)\" data-out=\""
                + "([a-z0-9 -]*)\" data-ports=\"([0-9 -]*)\" data-protocols=\"([a-z0-9 ]*)\">").matcher(page);
        int n = 0;
        while (rows.find()) {
            n++;
        }
        assertEquals(count(page, "<tr id=\"rule-"), n, "every port row carries ids and numbers only");
        assertTrue(n > 10, "konvoy has many rules: " + n);
    }

    private static int count(String s, String what) {
        return s.split(Pattern.quote(what), -1).length - 1;
    }

    @Test
    void pagesLoadOneScriptAndOneStyleSheetUnderACspWithoutInlineCode() {
        for (GeneratedFile f : pages()) {
            String t = f.text();
            assertTrue(t.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), f.path());
            assertTrue(t.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    + "script-src 'self'; style-src 'self';"), f.path());
            assertEquals(1, count(t, "<script"), f.path() + " has one script tag");
            assertTrue(Pattern.compile("<script src=\"(\\.\\./)*assets/fwdocs\\.js\" defer></script>").matcher(t)
                    .find(), f.path());
            assertEquals(0, count(t, "<style"), f.path());
            assertFalse(Pattern.compile("<[a-z][^>]*\\s(style|on[a-z]+)=").matcher(t).find(),
                    f.path() + " has inline code");
        }
    }

    @Test
    void hostileCatalogTextIsEscapedEverywhere() {
        List<GeneratedFile> hostile = pages().stream().filter(f -> f.path().startsWith("site/hostile/")
                || f.path().equals(LAYOUT.siteIndex())).toList();
        assertEquals(1 + 1 + 2 * 3, hostile.size());
        for (GeneratedFile f : hostile) {
            String t = f.text();
            assertFalse(t.contains("<script>"), f.path());
            assertFalse(t.contains("<img") || t.contains("<svg") || t.contains("<iframe") || t.contains("<object")
                    || t.contains("<form") || t.contains("<base") || t.contains("<b>") || t.contains("<b "),
                    f.path());
            assertFalse(Pattern.compile("=\"[^\"]*(javascript|vbscript|data:text)", Pattern.CASE_INSENSITIVE)
                    .matcher(t).find(), f.path() + " has a script URL in an attribute");
            assertFalse(t.contains("src=\"http") || t.contains("href=\"//"), "an external request: " + f.path());
        }
        String overview = text(LAYOUT.sitePage("hostile", "2.0", HtmlSite.OVERVIEW));
        for (int i = 1; i <= 18; i++) {
            assertTrue(overview.contains("FWX" + i + " "), "FWX" + i + " is shown");
        }
        assertTrue(overview.contains("FWX1 &lt;script&gt;window.fwpwn=1&lt;/script&gt;"), overview);
        assertTrue(overview.contains("<a rel=\"nofollow\" href=\"https://tracker.invalid/pixel.png\">tracker</a>"),
                "an image is a link to it");
    }

    @Test
    void catalogMarkdownKeepsOnlyWebAndRelativeLinks() {
        CatalogMarkdown md = new CatalogMarkdown();
        assertEquals("<a rel=\"nofollow\" href=\"https://example.org/a_b\">ok</a> and <a rel=\"nofollow\" "
                + "href=\"mailto:ops@example.org\">mail</a> and <a rel=\"nofollow\" href=\"../x.html#y\">relative</a>",
                md.inline("[ok](https://example.org/a_b) and "
                + "[mail](mailto:ops@example.org) and [relative](../x.html#y)"));
        for (String bad : List.of("javascript:alert(1)", "JaVaScRiPt:alert(1)", "java&#x73;cript:alert(1)",
                "vbscript:x", "data:text/html,x", "//evil.example/x", "file:///etc/passwd")) {
            assertEquals("text", md.inline("[text](" + bad + ")"), bad);
        }
        assertEquals("javascript:alert(1)", md.inline("<javascript:alert(1)>"), "an autolink becomes its text");
        assertEquals("<p>a &lt;script&gt;x&lt;/script&gt; <em>em</em></p>", md.block("a <script>x</script> *em*"));
        assertEquals("<p>&lt;div onclick=&quot;x&quot;&gt;</p>", md.block("<div onclick=\"x\">"));
        assertEquals("<h4>Title</h4>", md.block("# Title"));
        assertEquals("<p>alt</p>", md.block("![alt](javascript:x)"));
        assertTrue(md.block("| a |\n| --- |\n| b |").contains("<th scope=\"col\">a</th>"));
        assertTrue(md.block("| a |\n| ---: |\n| b |").contains("<td class=\"fw-align-right\">b</td>"));
        assertEquals("", md.block(null));
    }

    @Test
    void downloadsAreLinkedOnlyWhenTheirOutputWritesThemWithTheirSha256() throws Exception {
        String page = text(LAYOUT.sitePage("storageos", "1.5", HtmlSite.OVERVIEW));
        assertTrue(page.contains("<a href=\"../../../rules/storageos/1.5/node/iptables.sh\" download><code>"
                + "iptables.sh</code></a> (iptables / ip6tables)"), page);
        Map<String, GeneratedFile> alone = Sites.render(List.of(Catalogs.seed("storageos")),
                Sites.outputs(HtmlOutput.ID), null);
        String bare = alone.get(LAYOUT.sitePage("storageos", "1.5", HtmlSite.OVERVIEW)).text();
        assertFalse(bare.contains("download>"), "no output, no download link");

        Output bundles = new Output() {
            @Override
            public String id() {
                return "bundles";
            }

            @Override
            public String description() {
                return "test bundles";
            }

            @Override
            public List<GeneratedFile> render(OutputContext context) {
                List<GeneratedFile> out = new ArrayList<>();
                context.model().versions().forEach(v -> context.layout().bundleFiles(v.productId(), v.version())
                        .forEach(p -> out.add(GeneratedFile.text(p, "bundle " + p))));
                return out;
            }
        };
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                GeneratedFile.text("x", "abc").sha256(), "the FIPS 180-2 example");
        String path = LAYOUT.bundleFiles("storageos", "1.5").get(0);
        String linked = Sites.render(List.of(Catalogs.seed("storageos")), List.of(bundles, new HtmlOutput()), null)
                .get(LAYOUT.sitePage("storageos", "1.5", HtmlSite.OVERVIEW)).text();
        assertTrue(linked.contains("<li>Script bundle: <a href=\"../../../" + path + "\" download>"
                + path.substring(path.lastIndexOf('/') + 1) + "</a> <span class=\"fw-sha\">SHA-256 <code>"
                + GeneratedFile.text(path, "bundle " + path).sha256() + "</code></span>"), linked);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Sites.render(
                List.of(Catalogs.seed("storageos")), List.of(new HtmlOutput(), bundles), null));
        assertTrue(e.getMessage().contains("did not write " + LAYOUT.bundleFiles("storageos", "1.4").get(0)
                + " before the html output"), e.getMessage());
    }

    @Test
    void theBackendsNotesStandUnderTheirCommandsAsText() throws Exception {
        String note = "Only the script narrows <b>sources</b> & \"ports\".";
        String page = Sites.render(List.of(Catalogs.seed("storageos")), Sites.outputs(HtmlOutput.ID), null,
                dev.fwdocs.plugin.pages.FakeBackend.withNotes(List.of(note))).get(LAYOUT.sitePage("storageos",
                "1.5", HtmlSite.OVERVIEW)).text();
        assertTrue(page.contains("</code></pre><button type=\"button\" class=\"fw-copy\" hidden>Copy</button></div>\n"
                + "<p class=\"fw-note\">Only the script narrows &lt;b&gt;sources&lt;/b&gt; &amp; &quot;ports&quot;."
                + "</p>"), page);
    }

    @Test
    void layoutAssetsAndPageTemplatesCanBeOverridden(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("html"));
        Files.writeString(dir.resolve("html/fwdocs.css"), "body { color: teal; }\n");
        Files.writeString(dir.resolve("html/changelog.peb"), "{% extends \"html/layout.peb\" %}{% block content %}"
                + "<p>Our changes of {{ v.productName }} {{ v.version }}</p>{% endblock %}");
        Map<String, GeneratedFile> files = Sites.render(List.of(Catalogs.seed("storageos"),
                Catalogs.read(Path.of("src/test/resources/catalogs/hostile/hostile.yaml").toAbsolutePath())), Sites.outputs(HtmlOutput.ID), dir);
        assertEquals("body { color: teal; }\n", files.get(LAYOUT.siteAsset("fwdocs.css")).text());
        assertTrue(files.get(LAYOUT.siteAsset("fwdocs.js")).text().contains("fwdocs.distro"), "shipped script");
        assertTrue(files.get(LAYOUT.sitePage("storageos", "1.5", HtmlSite.CHANGELOG)).text()
                .contains("<p>Our changes of StorageOS 1.5</p>"));
        assertTrue(files.get(LAYOUT.sitePage("hostile", "2.0", HtmlSite.CHANGELOG)).text()
                .contains("<p>Our changes of FWX1 &lt;script&gt;"), "an override escapes as the shipped ones do");
        assertTrue(files.get(LAYOUT.sitePage("storageos", "1.5", HtmlSite.OVERVIEW)).text()
                .contains("<h2 id=\"ports\">"), "the overview stays shipped");
    }

    @Test
    void textIsEscapedForContentAndQuotedAttributes() {
        assertEquals("plain text", HtmlSite.escape("plain text"));
        assertEquals("a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;", HtmlSite.escape("a & b <c> \"d\" 'e'"));
        assertEquals("&amp;amp;", HtmlSite.escape("&amp;"));
    }

    @Test
    void relativeLinksBetweenOutputPaths() {
        assertEquals("../1.4/index.html", HtmlSite.relative("site/p/1.5/index.html", "site/p/1.4/index.html"));
        assertEquals("changelog.html", HtmlSite.relative("site/p/1.5/index.html", "site/p/1.5/changelog.html"));
        assertEquals("../../assets/fwdocs.css", HtmlSite.relative("site/p/1.5/index.html", "site/assets/fwdocs.css"));
        assertEquals("p/latest/index.html", HtmlSite.relative("site/index.html", "site/p/latest/index.html"));
        assertEquals("../../../rules/p/1/r/ufw.sh", HtmlSite.relative("site/p/1/index.html", "rules/p/1/r/ufw.sh"));
        // Folders that share a prefix of their names are different folders.
        assertEquals("../../pp/1.5/index.html", HtmlSite.relative("site/p/1.5/index.html", "site/pp/1.5/index.html"));
        assertEquals("../1.50/index.html", HtmlSite.relative("site/p/1.5/index.html", "site/p/1.50/index.html"));
        assertEquals("../../p.html", HtmlSite.relative("site/p/1.5/index.html", "site/p.html"));
        assertEquals("p/x.html", HtmlSite.relative("site/p", "site/p/x.html"));
    }
}
