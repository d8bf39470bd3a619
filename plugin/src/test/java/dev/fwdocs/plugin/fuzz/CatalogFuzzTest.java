package dev.fwdocs.plugin.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.CatalogException;
import dev.fwdocs.catalog.read.CatalogReader;
import dev.fwdocs.plugin.generate.GenerateRequest;
import dev.fwdocs.plugin.generate.Generator;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.output.Outputs;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.pages.markdown.Flavor;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/**
 * Coverage-guided fuzzing (Jazzer) of the whole run: the fuzzer's bytes are one catalog file, read and validated as
 * a goal reads it, and, when valid, rendered by every output with every backend. Reading may only fail with
 * {@link CatalogException}; rendering too; the HTML site holds no script but its own asset, no event handler and no
 * {@code javascript:} URL; every Markdown page of every flavor is inert as {@link Inertness#markdownPage} checks; no
 * generated script holds a control character outside single-quoted data, and each has the structure of the script
 * rendered from the same catalog with plain texts ({@link Benign}). Without
 * {@code JAZZER_FUZZ} the seeds of {@code CatalogFuzzTestInputs/catalogBytes/} run as a regression test; with
 * {@code JAZZER_FUZZ=1} Jazzer mutates them for {@code maxDuration}.
 */
class CatalogFuzzTest {

    /** Every output with every backend: scripts, data, bundles, the five Markdown flavors and the HTML site. */
    private static final List<RuleBackend> BACKENDS = BackendRegistry.standard().all();
    private static final GenerateRequest REQUEST = new GenerateRequest(Path.of("."), Path.of("."), Path.of("out"),
            BACKENDS, Outputs.standard().all(), BackendRegistry.defaultDistros(BACKENDS),
            FrontMatterSettings.defaults(), null);
    /** The scripts alone, for the catalog with plain texts. */
    private static final GenerateRequest SCRIPTS = new GenerateRequest(Path.of("."), Path.of("."), Path.of("out"),
            BACKENDS, Outputs.standard().select(List.of("scripts")), BackendRegistry.defaultDistros(BACKENDS),
            FrontMatterSettings.defaults(), null);

    /** The site's own script tags: an asset file of the site, loaded by {@code src}, nothing inline. */
    private static final Pattern OWN_SCRIPT = Pattern.compile("(\\.\\./)*assets/[A-Za-z0-9._-]+\\.js");
    private static final Pattern HANDLER = Pattern.compile("on[a-z]+");

    /** One folder for the whole run (test instances are reused while fuzzing), the file overwritten per input. */
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("fwdocs-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void catalogBytes(byte[] input) throws IOException {
        Path file = DIR.resolve("catalog.yaml");
        Files.write(file, input);
        Catalog catalog;
        try {
            catalog = new CatalogReader(DIR).read(file);
        } catch (CatalogException e) {
            assertTrue(!e.diagnostics().isEmpty(), "a CatalogException without diagnostics");
            return;
        }
        List<GeneratedFile> files;
        try {
            files = Generator.render(catalog, REQUEST).files();
        } catch (CatalogException e) {
            // A catalog some backend or output cannot express: refused with located diagnostics, nothing rendered.
            assertTrue(!e.diagnostics().isEmpty(), "a CatalogException without diagnostics");
            return;
        }
        String site = Layout.standard().siteRoot() + "/";
        List<String> found = new ArrayList<>();
        Map<String, String> scripts = new TreeMap<>();
        for (GeneratedFile f : files) {
            Optional<Flavor> flavor = pageFlavor(f.path());
            if (f.path().startsWith(site) && f.path().endsWith(".html")) {
                inertHtml(f, found);
            } else if (f.path().endsWith(".sh")) {
                noControlOutsideQuotes(f, found);
                scripts.put(f.path(), f.text());
            } else if (flavor.isPresent()) {
                found.addAll(Inertness.markdownPage(flavor.get(), f.path(), f.text()));
            }
        }
        sameStructure(catalog, scripts, found);
        assertEquals(List.of(), found, "generated files that are not inert");
    }

    /** The flavor of a Markdown page ({@code pages/<flavor>/....md} or {@code .mdx}), none for other files. */
    static Optional<Flavor> pageFlavor(String path) {
        String pages = "pages/";
        if (!path.startsWith(pages) || !(path.endsWith(".md") || path.endsWith(".mdx"))) {
            return Optional.empty();
        }
        int slash = path.indexOf('/', pages.length());
        return slash < 0 ? Optional.empty() : Flavor.fromId(path.substring(pages.length(), slash));
    }

    /**
     * Every script of the catalog has the structure ({@link Inertness#scriptStructure}: its code outside comments,
     * quoted data and quoted here-documents) of the script rendered from the same catalog with every text replaced
     * by a plain word: catalog text is data wherever it lands, never code.
     */
    static void sameStructure(Catalog catalog, Map<String, String> scripts, List<String> found) {
        Map<String, String> plain = new TreeMap<>();
        try {
            for (GeneratedFile f : Generator.render(Benign.of(catalog), SCRIPTS).files()) {
                if (f.path().endsWith(".sh")) {
                    plain.put(f.path(), f.text());
                }
            }
        } catch (CatalogException e) {
            found.add("the catalog with plain texts is refused, the catalog itself was not: " + e.getMessage());
            return;
        }
        if (!plain.keySet().equals(scripts.keySet())) {
            found.add("the scripts of the catalog with plain texts are " + plain.keySet() + ", not "
                    + scripts.keySet());
            return;
        }
        for (var e : scripts.entrySet()) {
            String[] a = Inertness.scriptStructure(e.getValue()).split("\n", -1);
            String[] b = Inertness.scriptStructure(plain.get(e.getKey())).split("\n", -1);
            for (int i = 0; i < Math.max(a.length, b.length); i++) {
                String x = i < a.length ? a[i] : "(end)";
                String y = i < b.length ? b[i] : "(end)";
                if (!x.equals(y)) {
                    found.add(e.getKey() + ": structure line " + (i + 1) + " is '" + x + "', with plain texts '"
                            + y + "'");
                    break;
                }
            }
        }
    }

    /** No script but the site's assets, no event handler attribute, no {@code javascript:} URL in any attribute. */
    private static void inertHtml(GeneratedFile f, List<String> found) {
        for (Element e : Jsoup.parse(f.text()).getAllElements()) {
            if (e.normalName().equals("script")
                    && (!OWN_SCRIPT.matcher(e.attr("src")).matches() || !e.data().isEmpty())) {
                found.add(f.path() + ": " + e.outerHtml());
            }
            for (Attribute a : e.attributes()) {
                // As a browser reads a URL: ASCII whitespace and controls inside the scheme are dropped.
                String value = a.getValue().replaceAll("[\\x00-\\x20]", "").toLowerCase(Locale.ROOT);
                if (HANDLER.matcher(a.getKey().toLowerCase(Locale.ROOT)).matches()
                        || value.startsWith("javascript:")) {
                    found.add(f.path() + ": <" + e.tagName() + " " + a.getKey() + "=" + a.getValue() + ">");
                }
            }
        }
    }

    /**
     * No control character (but tab and newline) in the shell text itself: only inside single quotes, where the
     * shell takes it as data. Double quotes, backslash escapes and {@code #} comments are followed so that an
     * apostrophe in them does not open a quote.
     */
    private static void noControlOutsideQuotes(GeneratedFile f, List<String> found) {
        String text = f.text();
        boolean single = false;
        boolean dbl = false;
        boolean comment = false;
        boolean escaped = false;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                comment = false;
                escaped = false;
                continue;
            }
            if (single) {
                single = c != '\'';
                continue;
            }
            if (c != '\t' && (Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT)) {
                found.add(f.path() + ":" + line + ": U+" + String.format(Locale.ROOT, "%04X", (int) c)
                        + " outside single quotes");
            }
            if (comment) {
                continue;
            }
            if (escaped) {
                escaped = false; // checked above, but whatever it is, it is not a quote
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                dbl = !dbl;
            } else if (c == '\'' && !dbl) {
                single = true;
            } else if (c == '#' && !dbl && (i == 0 || " \t\n;".indexOf(text.charAt(i - 1)) >= 0)) {
                comment = true;
            }
        }
    }
}
