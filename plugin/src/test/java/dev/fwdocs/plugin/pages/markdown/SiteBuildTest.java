package dev.fwdocs.plugin.pages.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every flavor, from every seed, the escaping catalog and the site edge-case catalog, built into a minimal real site
 * by its generator in its strict mode (Hugo, MkDocs Material, Jekyll, Docusaurus; a GFM renderer for plain), one
 * build per generator. The built HTML is checked as a reader meets it: the navigation titles and their order (newest
 * first, 1.10 before 1.9), the tabs (distros with the same commands in one tab) and the collapsed command sections,
 * every link between pages and every anchor, no command line twice in a code block, autolinks as links to their URL,
 * pipes, braces and tags in catalog text shown as written, and no catalog markup reaching the HTML.
 */
@Tag("sitegen")
class SiteBuildTest {

    private static final Path RESOURCES = Path.of("src/test/resources/pages").toAbsolutePath();

    /** The merged tab of the two firewalld distros. */
    private static final String RHEL_SUSE = "RHEL / Rocky / Alma / CentOS Stream / Fedora / SUSE";

    /**
     * Every test catalog (seeds, features, combined), the site edge cases, versions named with '+' and the hostile
     * Markdown catalog (open comments, CDATA and code fences once crashed pymdownx.superfences).
     */
    private static List<ProductCatalog> catalogs() {
        List<ProductCatalog> all = new ArrayList<>(Catalogs.all());
        all.add(Catalogs.read(RESOURCES.resolve("catalogs/site-edge.yaml")));
        all.add(Catalogs.read(Path.of("src/test/resources/catalogs/hostile/markdown.yaml")));
        all.add(Catalogs.read(RESOURCES.resolve("catalogs/site-versions.yaml")));
        return all;
    }

    private static List<GeneratedFile> pages(Flavor flavor, FrontMatterSettings settings) throws Exception {
        String root = Layout.standard().pagesRoot(flavor) + "/";
        return MarkdownPages.render(PageRequest.of(catalogs(), flavor, BackendRegistry.standard().all()).withFrontMatter(settings))
                .stream().map(f -> new GeneratedFile(f.path().substring(root.length()), f.content(), false)).toList();
    }

    @Test
    void hugo(@TempDir Path dir) throws Exception {
        Path hugo = Environment.requireTool("hugo", "FWDOCS_HUGO", "apt-get install hugo");
        Path out = hugoBuild(hugo, dir.resolve("plain-urls"), FrontMatterSettings.defaults());
        Site site = new Site(out, "", Flavor.HUGO);
        site.check();
        site.navigation("site-edge/index.html", "fwdocs-test-sections", "</nav>");
        String overview = site.page("storageos/latest/index.html");
        assertTrue(overview.contains("<label class=\"fwdocs-tab-label\" for=\"fwdocs-tabs-1-0\">Ubuntu / Debian</label>"),
                overview);
        assertTrue(overview.contains("<details class=\"fwdocs-details\"><summary>Commands that open the incoming ports"
                + "</summary>"), "the role's commands are not collapsed");
        assertFalse(overview.contains("{{&lt;") || overview.contains("{{<"), "a shortcode was left unexpanded");

        // Hugo takes a section's URL from its folder, never from slug in _index.md: fwdocs names the folder.
        FrontMatterSettings slug = new FrontMatterSettings(null, null, null, null, null, "{id}-{version}", Map.of(),
                null);
        Path slugged = hugoBuild(hugo, dir.resolve("slugs"), slug);
        for (String page : List.of("site-edge/site-edge-1.10/index.html", "site-edge/site-edge-1.9/changelog/index.html",
                "site-edge/site-edge-latest/index.html", "storageos/storageos-1.5/index.html")) {
            assertTrue(Files.isRegularFile(slugged.resolve(page)), "no page at the slug's URL /" + page);
        }
        assertFalse(Files.exists(slugged.resolve("site-edge/1.10")), "the version's folder URL is still there");
        new Site(slugged, "", Flavor.HUGO).links();
        assertTrue(Files.readString(slugged.resolve("site-edge/index.html")).contains("href=\"/site-edge/site-edge-1.10/\""),
                "the product index does not link the slug's URL");
    }

    private static Path hugoBuild(Path hugo, Path dir, FrontMatterSettings settings) throws Exception {
        Path source = dir.resolve("site");
        copyTree(RESOURCES.resolve("hugo-site"), source);
        GeneratedFiles.write(source, pages(Flavor.HUGO, settings));
        Path out = dir.resolve("public");
        Command.Result r = timed("hugo", () -> run(source, List.of(hugo.toString(), "--source", source.toString(),
                "--destination", out.toString(), "--cacheDir", dir.resolve("cache").toString(),
                "--printPathWarnings")));
        assertEquals(0, r.exit(), "hugo failed:\n" + r.output());
        assertFalse(Pattern.compile("(?m)^(WARN|ERROR)").matcher(r.output()).find(), "hugo warned:\n" + r.output());
        return out;
    }

    @Test
    void mkdocs(@TempDir Path dir) throws Exception {
        Path mkdocs = Environment.requireTool("mkdocs", "FWDOCS_MKDOCS",
                "apt-get install mkdocs mkdocs-material mkdocs-literate-nav");
        Path source = dir.resolve("site");
        copyTree(RESOURCES.resolve("mkdocs-site"), source);
        GeneratedFiles.write(source.resolve("docs/firewall"), pages(Flavor.MKDOCS, FrontMatterSettings.defaults()));
        Path out = dir.resolve("public");
        Command.Result r = timed("mkdocs", () -> run(source, List.of(mkdocs.toString(), "build", "--strict",
                "--site-dir", out.toString())));
        assertEquals(0, r.exit(), "mkdocs build --strict failed:\n" + r.output());
        assertFalse(Pattern.compile("(?m)^(WARNING|ERROR)").matcher(r.output()).find(), "mkdocs warned:\n"
                + r.output());
        Site site = new Site(out, "firewall/", Flavor.MKDOCS);
        site.check();
        List<String> nav = site.navigation("firewall/site-edge/1.10/index.html", "md-nav--primary", "md-sidebar--secondary");
        for (String folderTitle : List.of("Storageos", "Ibm cloud kubernetes", "2017 11 28", "Chef automate ha",
                "Summary")) {
            assertFalse(nav.contains(folderTitle), "MkDocs titled a section by its folder: " + folderTitle);
        }
        String overview = site.page("firewall/storageos/latest/index.html");
        assertTrue(overview.contains("<label for=\"__tabbed_1_2\">" + RHEL_SUSE + "</label>"), "tabs did not render");
        assertTrue(overview.contains("<details class=\"note\">\n<summary>Commands that open the incoming ports"
                + "</summary>"), "the role's commands are not collapsed");
        // open comments, CDATA and code fences in notes and settings: built, shown as written, nothing swallowed
        String hostile = org.jsoup.Jsoup.parse(site.page("firewall/hostile-md/1.0/index.html")).text();
        for (int i = 1; i <= 18; i++) {
            assertTrue(hostile.contains("FWM" + i + " "), "FWM" + i + " is not shown: " + hostile);
        }
        for (String text : List.of("FWM15 <!-- --> ]]> <![CDATA[ ``` ~~~ <!--",
                "FWM11 <!-- {{< gist fwpwn 13 >}} { onclick=\"window.fwpwn=1\" } <![CDATA[ ``` ~~~",
                "FWM12 /etc/<!--x-->/{{% youtube fwpwn %}}.conf ]]> --> ```", "an unclosed tilde fence --> ]]>")) {
            assertTrue(hostile.contains(text), "not shown as written: " + text + "\n" + hostile);
        }
    }

    @Test
    void jekyll(@TempDir Path dir) throws Exception {
        Path jekyll = Environment.requireTool("jekyll", "FWDOCS_JEKYLL", "apt-get install jekyll ruby-kramdown-parser-gfm "
                + "ruby-jekyll-relative-links");
        Path source = dir.resolve("site");
        copyTree(RESOURCES.resolve("jekyll-site"), source);
        GeneratedFiles.write(source.resolve("firewall"), pages(Flavor.JEKYLL, FrontMatterSettings.defaults()));
        Path out = dir.resolve("public");
        Command.Result r = timed("jekyll", () -> run(source, List.of(jekyll.toString(), "build", "--strict_front_matter",
                "--source", source.toString(), "--destination", out.toString(), "--disable-disk-cache")));
        assertEquals(0, r.exit(), "jekyll failed:\n" + r.output());
        assertFalse(Pattern.compile("(?im)^\\s*(warning|error|deprecation|liquid)").matcher(r.output()).find(),
                "jekyll warned:\n" + r.output());
        Site site = new Site(out, "firewall/", Flavor.JEKYLL);
        site.check();
        String overview = site.page("firewall/storageos/latest/index.html");
        assertTrue(overview.contains("<h4 id=\"rhel--rocky--alma--centos-stream--fedora--suse\">" + RHEL_SUSE), overview);
        assertTrue(overview.contains("<details>\n  <summary>Commands that open the incoming ports</summary>"),
                "the role's commands are not collapsed");
    }

    @Test
    void docusaurus(@TempDir Path dir) throws Exception {
        Path modules = docusaurusModules();
        Path source = dir.resolve("site");
        copyTree(RESOURCES.resolve("docusaurus-site"), source);
        Files.createSymbolicLink(source.resolve("node_modules"), modules);
        GeneratedFiles.write(source.resolve("docs/firewall"), pages(Flavor.DOCUSAURUS, FrontMatterSettings.defaults()));
        Path out = dir.resolve("public");
        Command.Result r = timed("docusaurus", () -> run(source, List.of(modules.resolve(".bin/docusaurus")
                .toString(), "build", "--no-minify", "--out-dir", out.toString())));
        assertEquals(0, r.exit(), "docusaurus build failed:\n" + r.output());
        assertFalse(r.output().contains("[WARNING]") || r.output().contains("[ERROR]"), "docusaurus warned:\n"
                + r.output());
        Site site = new Site(out, "firewall/", Flavor.DOCUSAURUS);
        site.check();
        site.navigation("firewall/site-edge/1.10/index.html", "theme-doc-sidebar-menu", "</nav>");
        String overview = site.page("firewall/storageos/latest/index.html");
        assertTrue(Pattern.compile("role=\"?tab\"?[^>]*>" + Pattern.quote(RHEL_SUSE) + "<").matcher(overview).find(),
                "tabs did not render");
        assertTrue(overview.contains("<summary>Commands that open the incoming ports</summary>"),
                "the role's commands are not collapsed");
    }

    @Test
    void plainWithAGfmRenderer(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("public");
        Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();
        HtmlRenderer html = HtmlRenderer.builder().extensions(List.of(TablesExtension.create())).build();
        long start = System.nanoTime();
        for (GeneratedFile f : pages(Flavor.PLAIN, FrontMatterSettings.defaults())) {
            Path md = out.resolve(f.path());
            Files.createDirectories(md.getParent());
            Files.write(md, f.content());
            // Next to the Markdown, as GitHub shows a .md link: the link check resolves .md links to the file.
            Files.writeString(out.resolve(f.path().replaceAll("\\.md$", ".html")), html.render(parser.parse(f.text())));
        }
        System.out.printf("SiteBuildTest: plain (commonmark-java, GFM tables) rendered in %.1f s%n",
                (System.nanoTime() - start) / 1e9);
        Site site = new Site(out, "", Flavor.PLAIN);
        site.check();
        String overview = site.page("storageos/latest/index.html");
        assertTrue(overview.contains("<h4>" + RHEL_SUSE + "</h4>"), overview);
        assertTrue(overview.contains("<details>\n<summary>Commands that open the incoming ports</summary>"),
                "the role's commands are not collapsed");
    }

    /** One built site: its HTML pages, with the fwdocs pages under {@code base}. */
    private record Site(Path root, String base, Flavor flavor) {

        String page(String path) throws IOException {
            return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
        }

        List<Path> html() throws IOException {
            try (Stream<Path> s = Files.walk(root)) {
                return s.filter(p -> p.toString().endsWith(".html")).sorted().toList();
            }
        }

        /** Everything every flavor must show; see the class comment. */
        void check() throws Exception {
            links();
            codeBlocks();
            catalogText();
            versionOrder();
        }

        /** Every link to a page of the site reaches one, and every anchor an element of that page. */
        void links() throws IOException {
            Map<Path, Set<String>> ids = new TreeMap<>();
            int checked = 0;
            List<String> broken = new ArrayList<>();
            for (Path p : html()) {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                Matcher m = Pattern.compile("<a\\s[^>]*?href=(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))").matcher(text);
                while (m.find()) {
                    String href = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                    href = unescape(href);
                    if (href.isEmpty() || href.matches("(?i)(https?|mailto|javascript|data):.*") || href.startsWith("//")) {
                        continue;
                    }
                    String fragment = href.contains("#") ? href.substring(href.indexOf('#') + 1) : "";
                    String path = href.replaceAll("[#?].*$", "");
                    Path target = path.isEmpty() ? p : resolve(p, percentDecoded(path));
                    if (target == null) {
                        broken.add(root.relativize(p) + ": " + href);
                        continue;
                    }
                    if (!fragment.isEmpty() && target.toString().endsWith(".html")) {
                        Set<String> known = ids.computeIfAbsent(target, t -> ids(t, flavor == Flavor.PLAIN));
                        if (!known.contains(percentDecoded(fragment))) {
                            broken.add(root.relativize(p) + ": " + href + " (no such anchor)");
                        }
                    }
                    checked++;
                }
            }
            assertEquals(List.of(), broken, flavor + ": broken links");
            assertTrue(checked > 50, flavor + ": links checked: " + checked);
        }

        /** The file a link from {@code from} reaches, or null: a page, a folder's index or a Markdown file (plain). */
        private Path resolve(Path from, String path) {
            Path t = path.startsWith("/") ? root.resolve(path.substring(1)) : from.getParent().resolve(path);
            t = t.normalize();
            for (Path c : List.of(t, t.resolve("index.html"), Path.of(t + ".html"))) {
                if (c.startsWith(root) && Files.isRegularFile(c)) {
                    return c;
                }
            }
            // Generator assets (scripts, styles) are not pages; only links to pages must resolve.
            return path.matches(".*\\.(css|js|png|svg|ico|xml|json|woff2?)$") ? from : null;
        }

        /** No command line twice in one code block. */
        void codeBlocks() throws IOException {
            List<String> repeats = new ArrayList<>();
            int blocks = 0;
            for (Path p : html()) {
                String rel = root.relativize(p).toString();
                Matcher m = Pattern.compile("(?s)<pre[^>]*>(.*?)</pre>").matcher(Files.readString(p));
                while (m.find()) {
                    blocks++;
                    String code = unescape(m.group(1).replaceAll("<br\\s*/?>|</div>", "\n").replaceAll("<[^>]+>", ""));
                    Set<String> seen = new HashSet<>();
                    for (String line : code.split("\n")) {
                        if (!line.isBlank() && !seen.add(line.strip())) {
                            repeats.add(rel + ": " + line.strip());
                        }
                    }
                }
            }
            assertEquals(List.of(), repeats, flavor + ": a command line appears twice in one code block");
            assertTrue(blocks > 100, flavor + ": code blocks checked: " + blocks);
        }

        /** The edge-case and escaping catalogs' text, as written. */
        void catalogText() throws IOException {
            for (Path p : html()) {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                // Outside attribute values, where a quoted < is only text.
                String markup = text.replaceAll("=\"[^\"]*\"", "=\"\"").replaceAll("='[^']*'", "=''");
                assertFalse(markup.contains("<script>alert") || markup.contains("<img src=x"), flavor + ": catalog "
                        + "markup reached the HTML of " + root.relativize(p));
                assertFalse(text.contains("&lt;https://") || text.contains("&amp;lt;https://") || text.contains("%3E"),
                        flavor + ": an autolink was written out as text in " + root.relativize(p));
            }
            String html = page(base + "site-edge/1.10/index.html");
            for (String url : List.of("https://example.com/a_b", "https://example.com/server_docs",
                    "https://example.com/api_v2", "mailto:ops@example.com")) {
                assertTrue(Pattern.compile("href=\"?" + Pattern.quote(url) + "[\"\\s>]").matcher(html).find(),
                        flavor + ": no link to " + url);
            }
            assertTrue(Pattern.compile("href=\"?https://example.com/q\\?x=1&(amp;)?y=2[\"\\s>]").matcher(html).find(),
                    flavor + ": no link to the URL with a query");
            // Typographers (kramdown, Goldmark) may curl the quotes.
            String shown = unescape(html.replaceAll("<[^>]+>", "")).replace('\u201d', '"').replace('\u201c', '"');
            for (String literal : List.of("A summary with a | pipe in prose, {{ double braces }}, {% raw %}, {1+1} and "
                    + "<TabItem value=\"x\"> as text.", "Serves | things, see https://example.com/server_docs.",
                    "The API (docs at https://example.com/api_v2) | with a pipe.", "{{ .Title }} and {% if x %} stay text;")) {
                assertTrue(shown.contains(literal), flavor + ": the page does not show '" + literal + "'");
            }
            assertFalse(Pattern.compile("(?s)<td[^>]*>\\s*A summary with a").matcher(html).find(),
                    flavor + ": a pipe in prose made a table");
            assertTrue(html.matches("(?s).*<th[^>]*>Key(</th>)?\\s*<th[^>]*>Value.*"), flavor + ": a table in the "
                    + "catalog's notes is not a table");
            String escaping = unescape(page(base + "escaping/2.0/index.html").replaceAll("<[^>]+>", ""))
                    .replace('\u201d', '"').replace('\u201c', '"');
            assertTrue(escaping.contains("configurable (web.port|\"x\"), see notes"), flavor + ": a pipe in a code span "
                    + "in a table cell is not shown as written");
            assertFalse(Pattern.compile(">\\s*SUSE\\s*<").matcher(page(base + "storageos/1.5/index.html")).find(),
                    flavor + ": SUSE has a tab of its own, though its commands are RHEL's");
        }

        /** The product index lists the versions newest first, in the catalog's order (1.10 before 1.9). */
        void versionOrder() throws IOException {
            String index = page(base + "site-edge/index.html");
            int v110 = index.indexOf("1.10/");
            int v19 = index.indexOf("1.9/");
            assertTrue(v110 > 0 && v19 > v110, flavor + ": the product index does not list 1.10 before 1.9");
        }

        /**
         * The link labels of the navigation block of a page (from {@code marker} to {@code end}):
         * the edge product's entries are its index title, then latest, 1.10 and 1.9, in that order.
         */
        List<String> navigation(String path, String marker, String end) throws IOException {
            String text = page(path);
            int at = text.indexOf(marker);
            assertTrue(at >= 0, flavor + ": no navigation (" + marker + ") in " + path);
            String nav = text.substring(at, text.indexOf(end, at));
            List<String> labels = new ArrayList<>();
            Matcher m = Pattern.compile("(?s)<a\\s[^>]*>(.*?)</a>").matcher(nav);
            while (m.find()) {
                labels.add(unescape(m.group(1).replaceAll("<[^>]+>", "")).strip().replaceAll("\\s+", " "));
            }
            List<String> edge = labels.stream().filter(l -> l.equals("Site Edge Cases firewall ports")
                    || l.equals(Layout.LATEST) || l.equals("1.10") || l.equals("1.9")).toList();
            if (flavor == Flavor.HUGO) {
                // The product index's own list of its sections, by weight and linkTitle.
                assertEquals(List.of(Layout.LATEST, "1.10", "1.9"), edge, flavor + ": navigation " + labels);
            } else {
                int start = edge.indexOf("Site Edge Cases firewall ports");
                assertTrue(start >= 0, flavor + ": the product's index title is not in the navigation " + labels);
                assertEquals(List.of("Site Edge Cases firewall ports", Layout.LATEST, "1.10", "1.9"),
                        edge.subList(start, Math.min(edge.size(), start + 4)), flavor + ": navigation " + labels);
                assertTrue(labels.contains("Site Edge Cases 1.10 port changes"), flavor + ": navigation " + labels);
            }
            return labels;
        }
    }

    /** The ids of a page's elements; with {@code headings}, also the ids GitHub gives its headings. */
    private static Set<String> ids(Path page, boolean headings) {
        Set<String> out = new HashSet<>();
        try {
            String text = Files.readString(page);
            Matcher m = Pattern.compile("\\sid=(?:\"([^\"]*)\"|([^\\s>]+))").matcher(text);
            while (m.find()) {
                out.add(unescape(m.group(1) != null ? m.group(1) : m.group(2)));
            }
            Matcher h = Pattern.compile("(?s)<h[1-6]>(.*?)</h[1-6]>").matcher(text);
            while (headings && h.find()) {
                out.add(unescape(h.group(1).replaceAll("<[^>]+>", "")).toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** A URL's path or fragment as the browser reads it: %XX decoded, '+' kept (it means a space only in forms). */
    private static String percentDecoded(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String unescape(String html) {
        Matcher m = Pattern.compile("&(#x?[0-9a-fA-F]+|amp|lt|gt|quot|apos|para|nbsp|ldquo|rdquo|lsquo|rsquo);").matcher(html);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String c = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "para" -> "\u00b6";
                case "nbsp" -> " ";
                case "ldquo" -> "\u201c";
                case "rdquo" -> "\u201d";
                case "lsquo" -> "\u2018";
                case "rsquo" -> "\u2019";
                default -> Character.toString(e.startsWith("#x") || e.startsWith("#X")
                        ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1)));
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(c));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * Docusaurus and its dependencies from npm, installed once per committed {@code package-lock.json} into
     * {@code FWDOCS_DOCUSAURUS_CACHE} (CI keeps it outside the clone) or {@code target/sitegen/docusaurus}.
     */
    static Path docusaurusModules() throws Exception {
        Path npm = Environment.requireTool("npm", "FWDOCS_NPM", "apt-get install npm, or Node.js 20 with npm");
        Path site = RESOURCES.resolve("docusaurus-site");
        String lock = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(site.resolve("package-lock.json")))).substring(0, 16);
        String configured = System.getenv("FWDOCS_DOCUSAURUS_CACHE");
        Path dir = (configured == null || configured.isBlank() ? Path.of("target/sitegen/docusaurus")
                : Path.of(configured)).toAbsolutePath().resolve(lock);
        Path stamp = dir.resolve("node_modules/.fwdocs-installed");
        if (!Files.isRegularFile(stamp)) {
            Files.createDirectories(dir);
            for (String f : List.of("package.json", "package-lock.json")) {
                Files.copy(site.resolve(f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            // npm install, not npm ci: the lock lacks the other platforms' optional SWC packages, which ci refuses.
            Command.Result r = timed("npm install (Docusaurus)", () -> run(dir, List.of(npm.toString(), "install",
                    "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error")));
            assertEquals(0, r.exit(), "npm install failed:\n" + r.output());
            Files.writeString(stamp, lock + "\n");
        }
        return dir.resolve("node_modules");
    }

    /** A step whose time the CI log shows (the site builds must stay within a few minutes together). */
    interface Step {
        Command.Result run() throws Exception;
    }

    /** A generator's run in its site folder, with its output in the order written; ten minutes at most. */
    static Command.Result run(Path dir, List<String> argv) {
        return Command.of(argv).in(dir).timeout(Duration.ofMinutes(10)).mergeErrors().run();
    }

    static Command.Result timed(String what, Step step) throws Exception {
        long start = System.nanoTime();
        Command.Result r = step.run();
        System.out.printf("SiteBuildTest: %s took %.1f s%n", what, (System.nanoTime() - start) / 1e9);
        return r;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("package-lock.json")) {
                    Files.copy(p, target);
                }
            }
        }
    }
}
