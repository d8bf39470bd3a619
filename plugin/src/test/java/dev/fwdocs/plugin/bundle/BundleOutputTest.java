package dev.fwdocs.plugin.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.plugin.model.Model;
import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.model.FlowSet;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.RuleBackend;
import dev.fwdocs.plugin.testing.Catalogs;
import dev.fwdocs.plugin.testing.Golden;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated // sets the JVM's default time zone, which the tests running beside it read
class BundleOutputTest {

    private static final Instant TIME = Instant.parse("2024-05-06T07:08:10Z");

    @Test
    void twoBuildsOnOtherThreadsClocksAndTimeZonesAreTheSameBytes() throws Exception {
        List<GeneratedFile> first = Bundles.archives(Bundles.model(Catalogs.seeds()), TIME);
        TimeZone zone = TimeZone.getDefault();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
            List<Future<List<GeneratedFile>>> again = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                again.add(pool.submit(() -> Bundles.archives(Bundles.model(Catalogs.seeds()), TIME)));
            }
            for (Future<List<GeneratedFile>> f : again) {
                List<GeneratedFile> second = f.get();
                assertEquals(first.size(), second.size());
                for (int i = 0; i < first.size(); i++) {
                    assertEquals(first.get(i).path(), second.get(i).path());
                    assertArrayEquals(first.get(i).content(), second.get(i).content(), first.get(i).path());
                }
            }
        } finally {
            TimeZone.setDefault(zone);
            pool.shutdownNow();
        }
        List<GeneratedFile> later = Bundles.archives(Bundles.model(Catalogs.seeds()), TIME.plusSeconds(3600));
        assertFalse(java.util.Arrays.equals(first.get(0).content(), later.get(0).content()),
                "the entry time is in the archive");
    }

    @Test
    void everySeedVersionHasAZipAndATarGzWithTheSameEntriesOwnersModesAndTime() throws IOException {
        Model model = Bundles.model(Catalogs.seeds());
        List<GeneratedFile> archives = Bundles.archives(model, TIME);
        int versions = model.versions().size();
        assertEquals(2 * versions, archives.size());
        for (VersionModel v : model.versions()) {
            List<String> paths = Layout.standard().bundleFiles(v.productId(), v.version());
            GeneratedFile zip = find(archives, paths.get(0));
            GeneratedFile tgz = find(archives, paths.get(1));
            List<GeneratedFile> members = Bundles.members(model, v.productId(), v.version());
            Map<String, byte[]> fromZip = new TreeMap<>();
            List<String> zipOrder = new ArrayList<>();
            try (ZipFile zf = ZipFile.builder().setSeekableByteChannel(
                    new SeekableInMemoryByteChannel(zip.content())).get()) {
                for (ZipArchiveEntry e : java.util.Collections.list(zf.getEntriesInPhysicalOrder())) {
                    zipOrder.add(e.getName());
                    assertEquals(TIME.toEpochMilli(), e.getTime() + TimeZone.getDefault().getOffset(e.getTime()),
                            e.getName() + " time (zip stores the UTC time as local)");
                    if (!e.isDirectory()) {
                        try (java.io.InputStream in = zf.getInputStream(e)) {
                            fromZip.put(e.getName(), in.readAllBytes());
                        }
                        assertEquals(e.getName().endsWith(".sh") ? 0100755 : 0100644, e.getUnixMode(), e.getName());
                    } else {
                        assertEquals(040755, e.getUnixMode(), e.getName());
                    }
                }
            }
            Map<String, byte[]> fromTar = new TreeMap<>();
            List<String> tarOrder = new ArrayList<>();
            try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(
                    new ByteArrayInputStream(tgz.content())))) {
                for (TarArchiveEntry e; (e = in.getNextEntry()) != null;) {
                    tarOrder.add(e.getName());
                    assertEquals(TIME, e.getModTime().toInstant(), e.getName());
                    assertEquals(0, e.getLongUserId());
                    assertEquals(0, e.getLongGroupId());
                    assertEquals("root", e.getUserName());
                    assertEquals("root", e.getGroupName());
                    if (!e.isDirectory()) {
                        fromTar.put(e.getName(), in.readAllBytes());
                        assertEquals(e.getName().endsWith(".sh") ? 0100755 : 0100644, e.getMode(), e.getName());
                    } else {
                        assertEquals(040755, e.getMode(), e.getName());
                    }
                }
            }
            assertEquals(zipOrder, tarOrder);
            assertEquals(Archives.names(members), zipOrder, "sorted, each folder before its files");
            assertEquals(fromZip.keySet(), fromTar.keySet());
            for (GeneratedFile m : members) {
                assertArrayEquals(m.content(), fromZip.get(m.path()), m.path());
                assertArrayEquals(m.content(), fromTar.get(m.path()), m.path());
            }
        }
    }

    @Test
    void theRoleScriptsAreTheScriptsOutputsBytesAndTheSumsCoverEveryOtherFile() {
        Model model = Bundles.model(Catalogs.seeds());
        for (VersionModel v : model.versions()) {
            String base = BundleOutput.baseName(v.productId(), v.version()) + "/";
            List<GeneratedFile> members = Bundles.members(model, v.productId(), v.version());
            for (RoleModel role : v.roles()) {
                for (RuleBackend b : model.backends()) {
                    for (GeneratedFile f : v.plan(role.id(), b.id()).files()) {
                        assertArrayEquals(f.content(), find(members, base + "roles/" + role.id() + "/" + f.path())
                                .content());
                    }
                }
            }
            String sums = find(members, base + "SHA256SUMS").text();
            List<String> expected = members.stream().filter(f -> !f.path().endsWith("/SHA256SUMS"))
                    .map(f -> f.sha256() + "  " + f.path().substring(base.length())).sorted(
                            java.util.Comparator.comparing(l -> l.substring(66))).toList();
            assertEquals(String.join("\n", expected) + "\n", sums);
            for (String name : List.of("README.md", "apply.sh", "check.sh", "data/catalog.json", "data/flows.csv")) {
                find(members, base + name);
            }
        }
    }

    /** "role" before a set's synthetic name, which starts with "role"/"roles" itself. */
    private static final Pattern ROLE_OF_A_ROLE = Pattern.compile("\\brole roles? ");

    @Test
    void aSetsScriptsAndFilesNameItAsAFlowSetAndARolesScriptsAsARole() {
        Model model = Bundles.model(Catalogs.all());
        for (VersionModel v : model.versions()) {
            String base = BundleOutput.baseName(v.productId(), v.version()) + "/";
            for (GeneratedFile f : Bundles.members(model, v.productId(), v.version())) {
                String text = f.text();
                assertFalse(ROLE_OF_A_ROLE.matcher(text).find(),
                        f.path() + " names a set as a role of a role");
                String rest = f.path().substring(base.length());
                if (rest.matches("sets/set-[0-9a-f]+/[a-z]+\\.sh")) {
                    String id = rest.split("/")[1];
                    assertTrue(text.contains(", flow set " + id + " (role"), f.path() + ": header and help");
                    assertTrue(text.contains(", flow set " + id + ", "), f.path() + ": what its messages name");
                } else if (rest.matches("roles/[^/]+/[a-z]+\\.sh")) {
                    String role = rest.split("/")[1];
                    assertTrue(text.contains(", role " + role + ", "), f.path() + ": what its messages name");
                }
            }
        }
    }

    @Test
    void flowSetsHoldEachFlowOfARoleExactlyOnceAndOnlyTheRolesFlows() {
        for (ProductCatalog pc : Catalogs.all()) {
            for (VersionModel v : Bundles.model(List.of(pc)).versions()) {
                List<FlowSet> sets = FlowSet.of(v);
                Set<String> ids = new HashSet<>();
                for (FlowSet s : sets) {
                    assertTrue(ids.add(s.id()), "set ids are unique");
                    assertTrue(v.role(s.id()).isEmpty(), "a set id is never a role id");
                    s.role().inbound().forEach(r -> assertEquals(s.optional(), r.rule().optional()));
                    s.role().outbound().forEach(r -> assertEquals(s.optional(), r.rule().optional()));
                }
                for (RoleModel role : v.roles()) {
                    List<String> in = new ArrayList<>();
                    List<String> out = new ArrayList<>();
                    for (FlowSet s : sets) {
                        if (s.neededBy(List.of(role.id()))) {
                            s.role().inbound().forEach(r -> in.add(r.id()));
                            s.role().outbound().forEach(r -> out.add(r.id()));
                        }
                    }
                    assertEquals(role.inbound().stream().map(r -> r.id()).sorted().toList(),
                            in.stream().sorted().toList(), v.productId() + " " + v.version() + " " + role.id());
                    assertEquals(role.outbound().stream().map(r -> r.id()).sorted().toList(),
                            out.stream().sorted().toList(), v.productId() + " " + v.version() + " " + role.id());
                }
                for (RoleModel a : v.roles()) {
                    for (RoleModel b : v.roles()) {
                        List<String> machine = List.of(a.id(), b.id());
                        List<String> in = new ArrayList<>();
                        sets.stream().filter(s -> s.neededBy(machine))
                                .forEach(s -> s.role().inbound().forEach(r -> in.add(r.id())));
                        assertEquals(in.size(), new HashSet<>(in).size(), "each inbound flow once for " + machine);
                        Set<String> union = new HashSet<>();
                        a.inbound().forEach(r -> union.add(r.id()));
                        b.inbound().forEach(r -> union.add(r.id()));
                        assertEquals(union, new HashSet<>(in), "the union for " + machine);
                    }
                }
            }
        }
    }

    @Test
    void theTextMembersOfTheFeatureCatalogsMatchTheGoldenFiles() {
        TreeMap<String, String> golden = new TreeMap<>();
        for (ProductCatalog pc : Catalogs.features()) {
            Model model = Bundles.model(List.of(pc));
            for (VersionModel v : model.versions()) {
                String base = BundleOutput.baseName(v.productId(), v.version()) + "/";
                for (GeneratedFile f : Bundles.members(model, v.productId(), v.version())) {
                    String name = f.path().substring(base.length());
                    if (List.of("README.md", "SHA256SUMS", "apply.sh", "check.sh").contains(name)) {
                        golden.put(Catalogs.name(pc) + "/" + v.version() + "/" + name, f.text());
                    }
                }
            }
        }
        Golden.check(Golden.ROOT.resolve("bundle"), golden);
    }

    @Test
    void theMarkdownPagesOfEveryFlavorAndTheHtmlSiteShowEachBundleWithItsSha256() {
        Model model = Bundles.model(List.of(Catalogs.seed("konvoy")));
        dev.fwdocs.plugin.output.Outputs outputs = dev.fwdocs.plugin.output.Outputs.standard(TIME);
        List<String> ids = new ArrayList<>(List.of("bundles", "html"));
        for (dev.fwdocs.plugin.pages.markdown.Flavor f : dev.fwdocs.plugin.pages.markdown.Flavor.values()) {
            ids.add(dev.fwdocs.plugin.pages.markdown.MarkdownOutput.id(f));
        }
        dev.fwdocs.plugin.output.OutputContext context = new dev.fwdocs.plugin.output.OutputContext(model,
                Layout.standard(), dev.fwdocs.plugin.rules.BackendRegistry.defaultDistros(model.backends()),
                dev.fwdocs.plugin.pages.FrontMatterSettings.defaults(), null, ids);
        List<GeneratedFile> all = new ArrayList<>();
        for (dev.fwdocs.plugin.output.Output o : outputs.select(ids)) {
            List<GeneratedFile> files = o.render(context);
            context.rendered(files);
            all.addAll(files);
        }
        for (VersionModel v : model.versions()) {
            for (String path : Layout.standard().bundleFiles(v.productId(), v.version())) {
                String sha = find(all, path).sha256();
                String name = path.substring(path.lastIndexOf('/') + 1);
                String html = find(all, Layout.standard().sitePage(v.productId(), v.version(), "index")).text();
                assertTrue(html.contains(sha) && html.contains(name + "</a>"), "the site links " + name);
                for (dev.fwdocs.plugin.pages.markdown.Flavor f : dev.fwdocs.plugin.pages.markdown.Flavor.values()) {
                    String dir = Layout.standard().productPages(f, v.productId()) + "/" + v.version() + "/";
                    String page = find(all, dir + f.indexFile()).text();
                    assertTrue(page.contains("`" + sha + "`") && page.contains("`" + name + "`"),
                            f + " names " + name + " with its SHA-256");
                }
            }
        }
    }

    @Test
    void withADownloadBaseUrlTheMarkdownPagesOfEveryFlavorLinkEachBundle() {
        Model model = Bundles.model(List.of(Catalogs.seed("konvoy"),
                Catalogs.read(java.nio.file.Path.of("src/test/resources/pages/catalogs/site-versions.yaml"))));
        String base = "https://downloads.example.com/fw";
        dev.fwdocs.plugin.output.Outputs outputs = dev.fwdocs.plugin.output.Outputs.standard(TIME, base + "/");
        List<String> ids = new ArrayList<>(List.of("bundles"));
        for (dev.fwdocs.plugin.pages.markdown.Flavor f : dev.fwdocs.plugin.pages.markdown.Flavor.values()) {
            ids.add(dev.fwdocs.plugin.pages.markdown.MarkdownOutput.id(f));
        }
        dev.fwdocs.plugin.output.OutputContext context = new dev.fwdocs.plugin.output.OutputContext(model,
                Layout.standard(), dev.fwdocs.plugin.rules.BackendRegistry.defaultDistros(model.backends()),
                dev.fwdocs.plugin.pages.FrontMatterSettings.defaults(), null, ids);
        List<GeneratedFile> all = new ArrayList<>();
        for (dev.fwdocs.plugin.output.Output o : outputs.select(ids)) {
            List<GeneratedFile> files = o.render(context);
            context.rendered(files);
            all.addAll(files);
        }
        for (VersionModel v : model.versions()) {
            for (String path : Layout.standard().bundleFiles(v.productId(), v.version())) {
                String name = path.substring(path.lastIndexOf('/') + 1);
                String link = "[`" + name + "`](" + base + "/" + v.productId() + "/" + name.replace("+", "%2B") + ")";
                for (dev.fwdocs.plugin.pages.markdown.Flavor f : dev.fwdocs.plugin.pages.markdown.Flavor.values()) {
                    String dir = Layout.standard().productPages(f, v.productId()) + "/" + v.version() + "/";
                    String page = find(all, dir + f.indexFile()).text();
                    assertTrue(page.contains("| " + link + " | `" + find(all, path).sha256() + "` |"),
                            f + " links " + name + " under the base URL, with its SHA-256:\n" + page);
                }
            }
        }
    }

    @Test
    void aDownloadBaseUrlThatCannotBeALinkTargetAsItIsIsRefused() {
        for (String bad : List.of("javascript:alert(1)", "https://x.example/a b", "https://x.example/a)b", "docs/x",
                "https://x.example/{{<gist>}}", "ftp://x.example/")) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> dev.fwdocs.plugin.output.Outputs.standard(TIME, bad), bad);
            assertTrue(e.getMessage().contains("downloadBaseUrl '" + bad + "'"), e.getMessage());
        }
        for (String good : List.of("https://x.example/fw", "/fw/bundles", "../bundles", "./b")) {
            dev.fwdocs.plugin.output.Outputs.standard(TIME, good);
        }
    }

    private static GeneratedFile find(List<GeneratedFile> files, String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + path));
    }
}
