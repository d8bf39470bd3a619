package dev.fwdocs.plugin.pages.markdown;

import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.testing.Catalogs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.read.CatalogReader;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.render.GeneratedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The pages as a new reader meets them: titles name the version (also on the {@code latest} copy, where "latest" is
 * only the navigation label), no table has a column that is empty on every row, the Name and Purpose columns do not
 * say the same thing, and no page points into the build output.
 */
class PageReadabilityTest {

    /** Every seed, the escaping catalog, and the data export's small catalog (roles without inbound rules, ...). */
    private static List<ProductCatalog> catalogs() throws Exception {
        List<ProductCatalog> all = new ArrayList<>(Catalogs.all());
        Path plugin = Path.of("").toAbsolutePath();
        all.addAll(new CatalogReader(plugin).read(plugin.resolve("src/test/resources/data/catalogs/export.yaml"))
                .products());
        return all;
    }

    /** The pages of each flavor, rendered once for every test of the class. */
    private static final Map<Flavor, List<GeneratedFile>> PAGES = new java.util.EnumMap<>(Flavor.class);

    private static synchronized List<GeneratedFile> pages(Flavor flavor) throws Exception {
        if (!PAGES.containsKey(flavor)) {
            PAGES.put(flavor, MarkdownPages.render(PageRequest.of(catalogs(), flavor, BackendRegistry.standard().all())).stream()
                    .filter(f -> !f.path().endsWith(".html")).toList());
        }
        return PAGES.get(flavor);
    }

    private static String page(Flavor flavor, String product, String folder, String file) throws Exception {
        String path = Layout.standard().productPages(flavor, product) + "/" + folder + "/" + file;
        return pages(flavor).stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow().text();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> frontMatter(String text) {
        Matcher m = Pattern.compile("(?s)^---\n(.*?)\n---\n").matcher(text);
        assertTrue(m.find(), "no front matter:\n" + text);
        return (Map<String, Object>) new Yaml().load(m.group(1));
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void titlesNameTheRealVersionAndLatestIsOnlyALabel(Flavor flavor) throws Exception {
        for (String folder : List.of(Layout.LATEST, "1.5", "1.4")) {
            String version = folder.equals("1.4") ? "1.4" : "1.5";
            String overview = page(flavor, "storageos", folder, flavor.indexFile());
            String changelog = page(flavor, "storageos", folder, "changelog." + flavor.extension());
            if (flavor.hasFrontMatter()) {
                Map<String, Object> fm = frontMatter(overview);
                assertEquals("StorageOS " + version + " firewall ports", fm.get("title"), folder);
                assertEquals("StorageOS " + version + " port changes", frontMatter(changelog).get("title"), folder);
                String navKey = switch (flavor) {
                    case HUGO -> "linkTitle";
                    case DOCUSAURUS -> "sidebar_label";
                    default -> null;
                };
                if (navKey != null) {
                    assertEquals(folder, fm.get(navKey), folder + ": the navigation label is the folder");
                }
            } else {
                assertTrue(overview.contains("\n# StorageOS " + version + " firewall ports\n"), overview);
                assertTrue(changelog.contains("\n# StorageOS " + version + " port changes\n"), changelog);
            }
        }
        for (GeneratedFile f : pages(flavor)) {
            if (f.path().endsWith("/" + Layout.MKDOCS_NAV)) {
                continue; // the MkDocs navigation is no page of a version
            }
            String head = flavor.hasFrontMatter() ? String.valueOf(frontMatter(f.text()).get("title"))
                    : f.text().lines().filter(l -> l.startsWith("# ")).findFirst().orElseThrow();
            assertFalse(head.toLowerCase(Locale.ROOT).contains("latest"), f.path() + ": title " + head);
        }
    }

    /** The tables of a page: runs of lines that start with {@code |}, outside code blocks; each row as its cells. */
    static List<List<List<String>>> tables(String page) {
        List<List<List<String>>> tables = new ArrayList<>();
        List<List<String>> table = null;
        boolean code = false;
        for (String line : page.split("\n")) {
            if (line.strip().startsWith("```")) {
                code = !code;
            }
            if (code || !line.startsWith("|")) {
                table = null;
                continue;
            }
            if (table == null) {
                table = new ArrayList<>();
                tables.add(table);
            }
            List<String> cells = new ArrayList<>();
            String inner = line.strip().substring(1, line.strip().length() - 1);
            for (String c : inner.split("(?<!\\\\)\\|", -1)) {
                cells.add(c.strip());
            }
            table.add(cells);
        }
        return tables;
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void noColumnIsEmptyOnEveryRow(Flavor flavor) throws Exception {
        int checked = 0;
        for (GeneratedFile f : pages(flavor)) {
            for (List<List<String>> table : tables(f.text())) {
                List<String> header = table.get(0);
                assertTrue(table.size() > 2, f.path() + ": a table without rows: " + header);
                for (int col = 0; col < header.size(); col++) {
                    int c = col;
                    assertTrue(table.subList(2, table.size()).stream().anyMatch(r -> !r.get(c).isEmpty()),
                            f.path() + ": column " + header.get(col) + " of " + header + " is empty on every row");
                }
                checked++;
            }
        }
        assertTrue(checked > 100, "tables checked: " + checked);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void thePurposeDoesNotRepeatTheName(Flavor flavor) throws Exception {
        int rows = 0;
        for (GeneratedFile f : pages(flavor)) {
            for (List<List<String>> table : tables(f.text())) {
                int name = table.get(0).indexOf("Name");
                int purpose = table.get(0).indexOf("Purpose");
                assertTrue(purpose < 0 || name >= 0, f.path() + ": a Purpose column needs a Name column");
                if (purpose < 0) {
                    continue;
                }
                for (List<String> row : table.subList(2, table.size())) {
                    String n = row.get(name).toLowerCase(Locale.ROOT);
                    String p = row.get(purpose).toLowerCase(Locale.ROOT).replaceAll("[.]$", "");
                    assertFalse(p.equals(n) || p.startsWith(n + ":"), f.path() + ": " + row);
                    rows++;
                }
            }
        }
        assertTrue(rows > 50, "rows checked: " + rows);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void noPagePointsIntoTheBuildOutput(Flavor flavor) throws Exception {
        List<String> outputPaths = new ArrayList<>(List.of("target/fwdocs"));
        for (ProductCatalog pc : catalogs()) {
            String role = Layout.standard().roleDir(pc.product().id(), "x", "y");
            outputPaths.add(role.substring(0, role.indexOf("/x/") + 1));
        }
        for (GeneratedFile f : pages(flavor)) {
            for (String path : outputPaths) {
                assertFalse(f.text().contains(path), f.path() + " names " + path + " in the build output");
            }
        }
    }

    @Test
    void theScriptsOfARoleAreNamedByFileBackendAndRole() throws Exception {
        String page = page(Flavor.PLAIN, "storageos", "1.5", "index.md");
        assertTrue(page.contains("For role StorageOS node, fwdocs generates\nthe scripts `ufw.sh` (ufw), "
                + "`firewalld.sh` (firewalld), `nftables.sh` (nftables) and `iptables.sh` (iptables / ip6tables):\n"),
                page);
        String one = MarkdownPages.render(PageRequest.of(List.of(Catalogs.seed("storageos")), Flavor.PLAIN,
                BackendRegistry.standard().all()).withDistros(List.of(new dev.fwdocs.plugin.pages.Distro("debian", "Debian",
                List.of("ufw"))))).stream().filter(f -> f.path().endsWith("storageos/1.5/index.md")).findFirst()
                .orElseThrow().text();
        assertTrue(one.contains("For role StorageOS node, fwdocs generates\nthe script `ufw.sh` (ufw): it limits "),
                one);
    }
}
