package dev.fwdocs.plugin.pages.html;

import dev.fwdocs.plugin.testing.Environment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.render.GeneratedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The site in headless Chromium (Debian's, driven by playwright-core; no browser download), opened from disk and from
 * a local HTTP server on 127.0.0.1, all checks in one browser: a distro tab chosen on one page is kept on the next,
 * tabs answer the arrow keys, the version switcher lands on the same page (keeping the anchor) and the banner on the
 * latest, two picked roles show exactly the union of their flows, the filter finds a port inside a range, a copy
 * button puts its command on the clipboard, every link and anchor resolves, axe-core finds no serious or critical
 * violation in light and dark, the pages fit a phone's width and print every tab, no request leaves the site, and a
 * hostile catalog leaves no element, attribute, URL or script of its own in the DOM. Screenshots of an overview
 * (light, dark, phone) and a print PDF land in {@code target/html-screenshots/}.
 */
@Tag("browser")
class HtmlBrowserTest {

    static final String INSTALL = "npm install -g playwright-core@1.65.1 axe-core@4.14.1 vnu-jar@26.9.27 "
            + "--ignore-scripts, and apt-get install chromium";
    private static final Path OUT = Path.of("target/browser-site").toAbsolutePath();
    private static final Path SHOTS = Path.of("target/html-screenshots").toAbsolutePath();
    private static final Layout LAYOUT = Layout.standard();
    /** What the templates may emit: anything else in a hostile page came from the catalog. */
    private static final List<String> TAGS = List.of("html", "head", "meta", "title", "link", "script", "body", "a",
            "header", "nav", "ol", "ul", "li", "span", "details", "summary", "p", "main", "h1", "h2", "h3", "h4", "h5",
            "h6", "div", "table", "caption", "thead", "tbody", "tr", "th", "td", "code", "pre", "button", "section",
            "fieldset", "legend", "label", "input", "em", "strong", "footer", "br", "hr", "blockquote");
    private static final List<String> ATTRIBUTES = List.of("lang", "charset", "name", "content", "http-equiv", "rel",
            "href", "src", "defer", "class", "id", "hidden", "tabindex", "role", "type", "value", "checked", "for",
            "placeholder", "autocomplete", "spellcheck", "download", "scope", "open", "start");

    private static List<ProductCatalog> catalogs;
    private static Map<String, GeneratedFile> site;
    private static JsonNode result;

    @BeforeAll
    static void runTheBrowser() throws Exception {
        Path node = Environment.requireTool("node", "FWDOCS_NODE", "apt-get install nodejs");
        Path chromium = Environment.requireTool("chromium", "FWDOCS_CHROMIUM", INSTALL);
        Path modules = nodeModules();
        Path axe = modules.resolve("axe-core/axe.min.js");
        assertTrue(Files.isRegularFile(axe), "axe-core is not next to playwright-core in " + modules + ": " + INSTALL);

        catalogs = Sites.catalogs();
        site = Sites.fullSite(catalogs);
        Sites.write(OUT, site);

        ObjectMapper json = new ObjectMapper();
        ObjectNode plan = json.createObjectNode();
        plan.put("root", OUT.toString());
        plan.put("chromium", chromium.toString());
        plan.put("axe", axe.toString());
        ObjectNode tabs = plan.putObject("tabs");
        tabs.put("from", LAYOUT.sitePage("konvoy", "1.5", HtmlSite.OVERVIEW));
        tabs.put("to", LAYOUT.sitePage("konvoy", "1.4", HtmlSite.OVERVIEW));
        tabs.put("group", "role-control-plane");
        tabs.put("distro", "rhel-suse");
        ObjectNode sw = plan.putObject("switch");
        sw.put("from", LAYOUT.sitePage("konvoy", "1.4", HtmlSite.CHANGELOG));
        sw.put("fromWithAnchor", LAYOUT.sitePage("konvoy", "1.4", HtmlSite.OVERVIEW) + "#rule-kubelet");
        sw.put("label", "1.5 (latest)");
        ObjectNode roles = plan.putObject("roles");
        roles.put("page", LAYOUT.sitePage("chef-automate-ha", Layout.LATEST, HtmlSite.OVERVIEW));
        roles.putArray("pick").add("postgresql").add("opensearch");
        ObjectNode filter = plan.putObject("filter");
        filter.put("page", LAYOUT.sitePage("ibm-cloud-kubernetes", Layout.LATEST, HtmlSite.OVERVIEW));
        filter.putArray("queries").add("30080").add("443").add("2049-2050");
        plan.putObject("copy").put("page", LAYOUT.sitePage("konvoy", Layout.LATEST, HtmlSite.OVERVIEW));
        plan.putObject("crawl").put("start", LAYOUT.siteIndex());
        // Each template once (an older overview has the banner; the hostile one has every section); in dark only
        // the contrast changes, and the colours are the same on every page.
        var axePages = plan.putArray("axePages");
        List.of(LAYOUT.sitePage("konvoy", "1.4", HtmlSite.OVERVIEW), LAYOUT.siteIndex(),
                LAYOUT.siteProductIndex("konvoy"), LAYOUT.sitePage("konvoy", "1.5", HtmlSite.CHANGELOG),
                LAYOUT.sitePage("hostile", "2.0", HtmlSite.OVERVIEW)).forEach(axePages::add);
        plan.put("axeDarkPages", 2);
        ObjectNode hostile = plan.putObject("hostile");
        var hostilePages = hostile.putArray("pages");
        hostilePages.add(LAYOUT.siteIndex());
        site.keySet().stream().filter(p -> p.startsWith("site/hostile/")).forEach(hostilePages::add);
        TAGS.forEach(hostile.putArray("tags")::add);
        ATTRIBUTES.forEach(hostile.putArray("attributes")::add);
        hostile.put("marker", "FWX");
        ObjectNode shots = plan.putObject("screenshots");
        shots.put("dir", SHOTS.toString());
        shots.put("page", LAYOUT.sitePage("konvoy", Layout.LATEST, HtmlSite.OVERVIEW));

        Path planFile = OUT.resolve("browser-plan.json");
        Path resultFile = OUT.resolve("browser-result.json");
        json.writerWithDefaultPrettyPrinter().writeValue(planFile.toFile(), plan);
        Path script = Path.of("src/test/resources/html/site-check.cjs").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(node.toString(), script.toString(), planFile.toString(),
                resultFile.toString()).directory(OUT.toFile()).redirectErrorStream(true);
        pb.environment().put("NODE_PATH", modules.toString());
        pb.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), "the browser run failed:\n" + output);
        result = json.readTree(resultFile.toFile());
    }

    /** The global node_modules folder that holds playwright-core (and, installed with it, axe-core and vnu-jar). */
    static Path nodeModules() throws Exception {
        Path cli = Environment.requireTool("playwright-core", "FWDOCS_PLAYWRIGHT", INSTALL).toRealPath();
        return cli.getParent().getParent();
    }

    private static List<JsonNode> runs() {
        return List.of(result.get("disk"), result.get("http"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isNull() ? null : n.asText()));
        return out;
    }

    private static ResolvedVersion latest(String product) {
        ProductCatalog pc = catalogs.stream().filter(c -> c.product().id().equals(product)).findFirst().orElseThrow();
        List<ResolvedVersion> all = Resolver.resolveAll(pc);
        return all.get(all.size() - 1);
    }

    @Test
    void aChosenDistroTabIsKeptOnTheNextPageAndTabsAnswerTheArrowKeys() {
        for (JsonNode run : runs()) {
            JsonNode t = run.get("tabs");
            String where = run.get("base").asText();
            assertEquals("ubuntu-debian", t.get("initial").asText(), where + ": a new reader sees the first tab");
            assertEquals(3, t.get("ariaTabs").asInt(), where + ": one ARIA tab per distro (RHEL and SUSE in one)");
            assertEquals("rhel-suse", t.get("chosen").asText(), where);
            assertEquals("true", t.get("chosenSelected").asText(), where);
            assertTrue(t.get("panelVisible").asBoolean(), where);
            assertEquals("linux", t.get("afterArrow").asText(), where + ": ArrowRight selects the next tab");
            assertEquals("role-control-plane-linux-tab", t.get("focusAfterArrow").asText(), where);
            List<String> kept = strings(t.get("kept"));
            assertTrue(kept.size() >= 3, where + ": tab groups on the next page: " + kept);
            kept.forEach(k -> assertEquals("rhel-suse", k, where + ": every group on the next page shows " + kept));
        }
    }

    @Test
    void theVersionSwitcherLandsOnTheSamePageAndTheBannerOnTheLatest() {
        for (JsonNode run : runs()) {
            JsonNode s = run.get("switch");
            assertEquals(LAYOUT.sitePage("konvoy", "1.5", HtmlSite.CHANGELOG), s.get("landed").asText());
            assertEquals(LAYOUT.sitePage("konvoy", "1.5", HtmlSite.OVERVIEW) + "#rule-kubelet",
                    s.get("landedWithAnchor").asText(), "the anchor is kept");
            assertEquals(0, s.get("banner").asInt(), "no banner on the latest version");
            assertEquals(LAYOUT.sitePage("konvoy", Layout.LATEST, HtmlSite.CHANGELOG), s.get("bannerLanded").asText());
        }
    }

    @Test
    void twoPickedRolesShowTheUnionOfTheirFlows() {
        ResolvedVersion v = latest("chef-automate-ha");
        Set<String> union = new LinkedHashSet<>();
        List<String> all = new ArrayList<>();
        for (ResolvedRule r : v.rules()) {
            all.add("rule-" + r.id());
            for (String role : List.of("postgresql", "opensearch")) {
                if (r.isFrom(role) || r.isTo(role)) {
                    union.add("rule-" + r.id());
                }
            }
        }
        assertTrue(union.size() < all.size() && !union.isEmpty(), "the pick must narrow the table: " + union);
        for (JsonNode run : runs()) {
            JsonNode r = run.get("roles");
            assertEquals(all, strings(r.get("before")), "nothing picked: every flow");
            assertEquals(List.copyOf(union), strings(r.get("rows")), run.get("base").asText());
            assertEquals(List.of("role-postgresql", "role-opensearch"), strings(r.get("sections")),
                    "only the picked roles' sections (and commands) stay");
            assertTrue(r.get("count").asText().startsWith("Showing " + union.size() + " of " + all.size()),
                    r.get("count").asText());
        }
    }

    @Test
    void theFilterFindsAPortInsideARange() {
        ResolvedVersion v = latest("ibm-cloud-kubernetes");
        for (String q : List.of("30080", "443", "2049-2050")) {
            String[] bounds = q.split("-");
            PortRange wanted = PortRange.of(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[bounds.length - 1]));
            List<String> expected = v.rules().stream().filter(r -> !r.rule().portProtocols().isEmpty()
                    && r.rule().ports().stream().anyMatch(p -> p.overlaps(wanted))).map(r -> "rule-" + r.id()).toList();
            assertTrue(!expected.isEmpty() && expected.size() < v.rules().size(), q + ": " + expected);
            for (JsonNode run : runs()) {
                assertEquals(expected, strings(run.get("filter").get(q)), run.get("base").asText() + " " + q);
            }
        }
        assertTrue(v.rules().stream().anyMatch(r -> r.rule().ports().stream().anyMatch(p -> p.contains(30080)
                && !p.isSingle())), "30080 lies inside a range");
    }

    @Test
    void aCopyButtonPutsItsCommandsOnTheClipboard() {
        Set<String> commands = new LinkedHashSet<>();
        Matcher m = Pattern.compile("<code>([^<]*)</code></pre>").matcher(site.get(LAYOUT.sitePage("konvoy",
                Layout.LATEST, HtmlSite.OVERVIEW)).text());
        while (m.find()) {
            commands.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&#39;", "'").replace("&amp;", "&"));
        }
        for (JsonNode run : runs()) {
            JsonNode c = run.get("copy");
            assertTrue(commands.contains(c.get("code").asText()), "a command block of the page");
            assertTrue(c.get("code").asText().contains("firewall-cmd"), "the chosen distro's block: " + c);
            assertEquals(c.get("code").asText(), c.get("clipboard").asText(), run.get("base").asText());
            assertEquals("Copied", c.get("label").asText());
        }
    }

    @Test
    void everyLinkResolvesAndNoRequestLeavesTheSite() {
        JsonNode crawl = result.get("http").get("crawl");
        assertEquals(List.of(), strings(crawl.get("broken")));
        long pages = site.keySet().stream().filter(p -> p.startsWith("site/") && p.endsWith(".html")).count();
        assertEquals(pages, crawl.get("pages").asLong(), "every page is reachable from the start page");
        assertTrue(crawl.get("files").asInt() > 50, "downloads followed: " + crawl.get("files"));
        for (JsonNode run : runs()) {
            assertEquals(List.of(), strings(run.get("requests")), run.get("base").asText());
            assertEquals(List.of(), strings(run.get("errors")), run.get("base").asText());
        }
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationInLightOrDark() {
        List<String> serious = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (JsonNode v : result.get("http").get("axe")) {
            String line = v.get("scheme").asText() + " " + v.get("page").asText() + ": " + v.get("id").asText() + " ("
                    + v.get("impact").asText() + ") " + v.get("help").asText() + " at " + v.get("nodes");
            (List.of("serious", "critical").contains(v.get("impact").asText()) ? serious : other).add(line);
        }
        other.forEach(o -> System.out.println("axe (not failing): " + o));
        assertEquals(List.of(), serious);
    }

    @Test
    void aHostileCatalogLeavesNothingButTextInTheDom() {
        for (JsonNode run : runs()) {
            JsonNode h = run.get("hostile");
            assertEquals(List.of(), strings(h.get("findings")), run.get("base").asText());
            assertEquals("true", h.get("cspBlocksInline").asText(), "the CSP refuses an inline script");
            for (JsonNode shown : h.get("shown")) {
                if (shown.get("page").asText().equals(LAYOUT.sitePage("hostile", "2.0", HtmlSite.OVERVIEW))) {
                    List<Integer> markers = new ArrayList<>();
                    shown.get("markers").forEach(n -> markers.add(n.asInt()));
                    assertEquals(Stream.iterate(1, i -> i + 1).limit(18).toList(), markers,
                            "every hostile field is shown as text");
                    assertTrue(shown.get("scriptShownAsText").asBoolean());
                }
            }
        }
    }

    @Test
    void screenshotsFitThePhoneAndPrintShowsEveryTab() {
        for (JsonNode s : result.get("http").get("screenshots")) {
            assertTrue(Files.isRegularFile(Path.of(s.get("file").asText())), s.toString());
            assertTrue(s.get("overflow").asInt() <= 0, "the page scrolls sideways: " + s);
        }
        JsonNode print = result.get("http").get("print");
        assertEquals(print.get("panels").asInt(), print.get("panelsShown").asInt(), "print shows every tab");
        assertEquals(0, print.get("toolsShown").asInt(), "print hides the switcher, picker and buttons");
    }
}
