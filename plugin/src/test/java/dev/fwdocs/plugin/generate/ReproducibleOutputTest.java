package dev.fwdocs.plugin.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.output.Outputs;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.pages.Templates;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.RuleBackend;
import dev.fwdocs.plugin.testing.Catalogs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Every output (scripts, data, bundles, the pages of every flavor, the HTML site) of a few catalogs is the same bytes
 * whatever the JVM's default time zone and locale, the clock, where the project and its output folder are, and the
 * line endings of the catalog files and template overrides; LF only (the CSV files' CRLF aside), '/' in every path,
 * and the bundles' entries dated {@code project.build.outputTimestamp}.
 */
@Isolated // sets the JVM's default time zone and locale, which the tests running beside it read
class ReproducibleOutputTest {

    /** As {@code project.build.outputTimestamp} sets it; the only time that may appear in the output. */
    private static final Instant OUTPUT_TIMESTAMP = Instant.parse("2026-11-22T03:04:06Z");

    private static final List<Path> CATALOG_FILES = List.of(
            Catalogs.FEATURES.resolve("escaping.yaml"), Catalogs.FEATURES.resolve("optional.yaml"),
            Catalogs.FEATURES.resolve("versions.yaml"), Catalogs.FEATURES.resolve("host-names.yaml"),
            Catalogs.FEATURES.resolve("icmp.yaml"), Catalogs.COMBINED.resolve("featurama.yaml"),
            Catalogs.SEEDS.resolve("storageos.yaml"), Catalogs.SEEDS.resolve("oakestra.yaml"));

    /** Overrides of templates, a raw asset and a Hugo shortcode, each with a marker that shows it was used. */
    private static final Map<String, String> OVERRIDES = Map.of(
            "html/layout.peb", "<!-- override: layout -->\n",
            "html/fwdocs.css", "/* override: css */\n",
            "markdown/overview.peb", "Override: overview\n\n",
            "markdown/hugo/fwdocs-tabs.html", "{{/* override: tabs */}}\n");

    /** How a project's text files are saved: as in the repository, or by an editor on another system. */
    private enum Eol {
        LF("\n"), CRLF("\r\n"), CR("\r");

        final String text;

        Eol(String text) {
            this.text = text;
        }
    }

    private record Conditions(String zone, Locale locale, Eol catalogs, Eol templates, String projectFolder,
            String outputFolder) {
    }

    @Test
    void everyOutputIsTheSameBytesWhateverTheZoneLocaleClockFoldersAndLineEndings(@TempDir Path temp)
            throws Exception {
        Map<String, byte[]> reference = generate(temp, new Conditions("UTC", Locale.ROOT, Eol.LF, Eol.LF,
                "a/project", "target/fwdocs"));
        assertTrue(reference.size() > 300, "every output of every catalog: " + reference.size());
        List<Conditions> others = List.of(
                new Conditions("Pacific/Chatham", Locale.forLanguageTag("tr-TR"), Eol.CRLF, Eol.CRLF,
                        "b/other place/ünïcode project", "build/docs out"),
                new Conditions("America/St_Johns", Locale.GERMANY, Eol.CR, Eol.CRLF, "c/p", "target/x/y/fwdocs"));
        for (Conditions c : others) {
            assertSameFiles(reference, generate(temp, c), c.toString());
        }
        checkOutput(reference);
    }

    /** Generates every output under the conditions and returns every file of the output folder by path. */
    private static Map<String, byte[]> generate(Path temp, Conditions c) throws Exception {
        Path project = temp.resolve(c.projectFolder());
        Path catalog = project.resolve("src/fwdocs/catalog");
        Files.createDirectories(catalog);
        for (Path f : CATALOG_FILES) {
            Files.writeString(catalog.resolve(f.getFileName()), eol(Files.readString(f), c.catalogs()));
        }
        Path templates = project.resolve("src/fwdocs/templates");
        for (Map.Entry<String, String> o : OVERRIDES.entrySet()) {
            Path p = templates.resolve(o.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, eol(o.getValue() + Templates.raw(null, o.getKey()), c.templates()));
        }
        Path out = project.resolve(c.outputFolder());
        List<RuleBackend> backends = BackendRegistry.standard().all();
        Outputs outputs = Outputs.standard(OUTPUT_TIMESTAMP);
        GenerateRequest request = new GenerateRequest(project, Path.of("src/fwdocs/catalog"), out, backends,
                outputs.all(), BackendRegistry.defaultDistros(backends), FrontMatterSettings.defaults(), templates);
        TimeZone zone = TimeZone.getDefault();
        Locale locale = Locale.getDefault();
        Locale format = Locale.getDefault(Locale.Category.FORMAT);
        Locale display = Locale.getDefault(Locale.Category.DISPLAY);
        try {
            TimeZone.setDefault(TimeZone.getTimeZone(c.zone()));
            Locale.setDefault(c.locale());
            Generator.generate(request);
        } finally {
            TimeZone.setDefault(zone);
            Locale.setDefault(locale);
            Locale.setDefault(Locale.Category.FORMAT, format);
            Locale.setDefault(Locale.Category.DISPLAY, display);
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(out.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static String eol(String text, Eol eol) {
        assertFalse(text.contains("\r"), "the sources are LF");
        return text.replace("\n", eol.text);
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        // The manifest last: a file that differs is named, not only the manifest that lists it.
        expected.forEach((path, bytes) -> {
            if (!path.equals(OutputWriter.MANIFEST)) {
                assertArrayEquals(bytes, actual.get(path), what + ": " + path + " differs, first as text:\n"
                        + new String(actual.get(path), StandardCharsets.UTF_8));
            }
        });
        assertArrayEquals(expected.get(OutputWriter.MANIFEST), actual.get(OutputWriter.MANIFEST), what);
    }

    /** LF only outside the CSV files, '/' in every path and manifest line, the overrides used, no clock time. */
    private static void checkOutput(Map<String, byte[]> files) throws IOException {
        Map<String, byte[]> texts = new TreeMap<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            assertFalse(f.getKey().contains("\\"), f.getKey());
            if (f.getKey().endsWith(".zip")) {
                texts.putAll(zipEntries(f.getKey(), f.getValue()));
            } else if (f.getKey().endsWith(".tar.gz")) {
                texts.putAll(tarEntries(f.getKey(), f.getValue()));
            } else {
                texts.put(f.getKey(), f.getValue());
            }
        }
        Layout layout = Layout.standard();
        int csv = 0;
        for (Map.Entry<String, byte[]> t : texts.entrySet()) {
            String text = new String(t.getValue(), StandardCharsets.UTF_8);
            // The data export's flows.csv, in the output folder and in the bundles.
            if (t.getKey().endsWith(".csv")) {
                csv++;
                assertTrue(text.endsWith("\r\n") && !text.replace("\r\n", "").contains("\r")
                        && !text.replace("\r\n", "").contains("\n"), "RFC 4180 rows end in CRLF: " + t.getKey());
            } else {
                assertFalse(text.contains("\r"), "a CR in " + t.getKey());
            }
        }
        assertTrue(csv > 10, "CSV files checked: " + csv);
        String manifest = new String(files.get(OutputWriter.MANIFEST), StandardCharsets.UTF_8);
        assertFalse(manifest.contains("\\"), "a backslash in the manifest");
        List<String> listed = manifest.lines().filter(l -> !l.startsWith("#"))
                .map(l -> l.substring(l.indexOf("  ") + 2)).sorted().toList();
        assertEquals(files.keySet().stream().filter(p -> !p.equals(OutputWriter.MANIFEST)).sorted().toList(), listed,
                "the manifest lists every other file by its '/' path");

        // Overrides with CRLF were read (their markers are there) and left no CR (above).
        assertTrue(new String(files.get("site/index.html"), StandardCharsets.UTF_8)
                .contains("<!-- override: layout -->"));
        assertTrue(new String(files.get(layout.siteAsset("fwdocs.css")), StandardCharsets.UTF_8)
                .contains("/* override: css */"));
        assertTrue(new String(files.get("pages/plain/storageos/latest/index.md"), StandardCharsets.UTF_8)
                .contains("Override: overview"));
        assertTrue(texts.keySet().stream().anyMatch(p -> p.endsWith("fwdocs-tabs.html")
                && new String(texts.get(p), StandardCharsets.UTF_8).contains("override: tabs")));

        // No trace of the clock: today's date in no form a run could take from it.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (String date : List.of(today.toString(), LocalDate.now().toString(), today.minusDays(1).toString(),
                today.plusDays(1).toString())) {
            for (Map.Entry<String, byte[]> t : texts.entrySet()) {
                assertFalse(new String(t.getValue(), StandardCharsets.UTF_8).contains(date), date + " in " + t.getKey());
            }
        }
    }

    /** The zip's entries by bundle and entry name; each dated the output timestamp (zip keeps it as local time). */
    private static Map<String, byte[]> zipEntries(String bundle, byte[] bytes) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        LocalDateTime expected = LocalDateTime.ofInstant(OUTPUT_TIMESTAMP, ZoneOffset.UTC);
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get()) {
            List<ZipArchiveEntry> entries = new ArrayList<>();
            zip.getEntries().asIterator().forEachRemaining(entries::add);
            assertFalse(entries.isEmpty(), bundle);
            for (ZipArchiveEntry e : entries) {
                assertFalse(e.getName().contains("\\"), bundle + ": " + e.getName());
                assertEquals(expected, LocalDateTime.ofInstant(Instant.ofEpochMilli(e.getTime()),
                        ZoneId.systemDefault()), bundle + ": " + e.getName());
                if (!e.isDirectory()) {
                    try (InputStream in = zip.getInputStream(e)) {
                        out.put(bundle + "!" + e.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return out;
    }

    /** The tar.gz's entries by bundle and entry name; each dated the output timestamp (seconds since 1970). */
    private static Map<String, byte[]> tarEntries(String bundle, byte[] bytes) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        int n = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
                new ByteArrayInputStream(bytes)))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                n++;
                assertFalse(e.getName().contains("\\"), bundle + ": " + e.getName());
                assertEquals(OUTPUT_TIMESTAMP, e.getModTime().toInstant(), bundle + ": " + e.getName());
                if (!e.isDirectory()) {
                    out.put(bundle + "!" + e.getName(), tar.readAllBytes());
                }
            }
        }
        assertTrue(n > 0, bundle);
        return out;
    }
}
