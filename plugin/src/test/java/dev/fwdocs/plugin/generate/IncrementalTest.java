package dev.fwdocs.plugin.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.output.Output;
import dev.fwdocs.plugin.output.Outputs;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.RuleBackend;
import dev.fwdocs.plugin.testing.Catalogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The up-to-date state of {@code generate} and the comparison of {@code check}: a second run with the same inputs
 * renders and writes nothing; one product changed renders only that product, and the output is byte for byte what a
 * full run writes; a damaged output or another product header renders everything; check lists differing, missing and
 * extra files and takes CRLF line endings for equal, and so does generate.
 */
class IncrementalTest {

    private static final List<String> PRODUCTS = List.of("minimal.yaml", "tcp-and-udp.yaml", "versions.yaml");

    private static GenerateRequest request(Path project) throws IOException {
        Path catalog = project.resolve("src/fwdocs/catalog");
        if (!Files.isDirectory(catalog)) {
            Files.createDirectories(catalog);
            for (String p : PRODUCTS) {
                Files.copy(Catalogs.FEATURES.resolve(p), catalog.resolve(p));
            }
        }
        List<RuleBackend> backends = BackendRegistry.standard().all();
        List<Output> outputs = Outputs.standard().select(List.of("scripts", "data", "html", "markdown-plain",
                "markdown-mkdocs"));
        return new GenerateRequest(project, Path.of("src/fwdocs/catalog"), project.resolve("target/fwdocs"),
                backends, outputs, BackendRegistry.defaultDistros(backends), FrontMatterSettings.defaults(), null,
                Map.of("markdown-mkdocs", project.resolve("docs/firewall")), true);
    }

    private static Path state(Path project) {
        return project.resolve("target/fwdocs-state/default.state");
    }

    private static void edit(Path project, String file, String from, String to) throws IOException {
        Path p = project.resolve("src/fwdocs/catalog").resolve(file);
        String text = Files.readString(p);
        assertTrue(text.contains(from), from);
        Files.writeString(p, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
    }

    /** Every file under the output folders, by path, with its bytes. */
    private static Map<String, byte[]> tree(Path project) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        for (String dir : List.of("target/fwdocs", "docs/firewall")) {
            Path root = project.resolve(dir);
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    out.put(dir + "/" + root.relativize(p), Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    private static void assertSameTree(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        java.util.Set<String> only = new java.util.TreeSet<>(expected.keySet());
        only.removeAll(actual.keySet());
        java.util.Set<String> extra = new java.util.TreeSet<>(actual.keySet());
        extra.removeAll(expected.keySet());
        assertEquals("", only.isEmpty() && extra.isEmpty() ? "" : "missing " + only + ", extra " + extra);
        // The manifests last: a file that differs is named, not only the manifest that lists it.
        expected.forEach((k, v) -> {
            if (!k.endsWith(OutputWriter.MANIFEST)) {
                assertArrayEquals(v, actual.get(k), k);
            }
        });
        expected.forEach((k, v) -> assertEquals(new String(v, StandardCharsets.UTF_8),
                new String(actual.get(k), StandardCharsets.UTF_8), k));
    }

    @Test
    void aSecondRunRendersNothingAndOneChangedProductRendersAlone(@TempDir Path project, @TempDir Path fresh)
            throws Exception {
        Generator.Outcome first = Generator.generate(request(project), state(project));
        assertFalse(first.upToDate());
        assertEquals(List.of("minimal", "tcp-and-udp", "versions"), first.renderedProducts());
        assertTrue(first.written().written() > 20);
        byte[] stateBytes = Files.readAllBytes(state(project));

        Generator.Outcome second = Generator.generate(request(project), state(project));
        assertTrue(second.upToDate());
        assertEquals(0, second.written().written());
        assertTrue(second.files().isEmpty(), "nothing rendered");
        assertEquals(List.of("minimal", "tcp-and-udp", "versions"), second.keptProducts());
        // The same state; only file signatures may have been added for files too fresh to trust after the first run.
        assertEquals(withoutSignatures(stateBytes), withoutSignatures(Files.readAllBytes(state(project))));

        // One product's rule changes: only it renders, and the output is what a full run writes.
        edit(project, "minimal.yaml", "ports: 443", "ports: 8443");
        Generator.Outcome third = Generator.generate(request(project), state(project));
        assertEquals(List.of("minimal"), third.renderedProducts());
        assertEquals(List.of("tcp-and-udp", "versions"), third.keptProducts());
        assertTrue(third.files().stream().allMatch(f -> f.contains("minimal/")), "only minimal's files");
        assertTrue(third.written().written() > 0);
        Files.createDirectories(fresh.resolve("src/fwdocs/catalog"));
        for (String p : PRODUCTS) {
            Files.copy(project.resolve("src/fwdocs/catalog").resolve(p), fresh.resolve("src/fwdocs/catalog/" + p));
        }
        Generator.generate(request(fresh));
        assertSameTree(tree(fresh), tree(project));
        assertTrue(Generator.check(request(project)).drift().clean());

        // A product's name shows in shared files (the site's index): everything renders.
        edit(project, "versions.yaml", "name: ", "name: Renamed ");
        Generator.Outcome fourth = Generator.generate(request(project), state(project));
        assertEquals(3, fourth.renderedProducts().size());
        assertTrue(Files.readString(project.resolve("target/fwdocs/site/index.html")).contains("Renamed"));

        // A generated file deleted by hand: the output is not intact, so the run renders and restores it.
        Path page = project.resolve("docs/firewall/minimal/1.0/index.md");
        Files.delete(page);
        Generator.Outcome fifth = Generator.generate(request(project), state(project));
        assertFalse(fifth.upToDate());
        assertTrue(Files.isRegularFile(page));
        assertTrue(Generator.generate(request(project), state(project)).upToDate());

        // Another execution (or a run without the state) wrote the folder since: its manifest tells, so this
        // execution renders again instead of trusting its state.
        GenerateRequest r = request(project);
        GenerateRequest other = new GenerateRequest(r.baseDir(), r.catalog(), r.outputDir(), r.backends(),
                Outputs.standard().select(List.of("scripts")), r.distros(), r.frontMatter(), null,
                Map.of(), true);
        Generator.generate(other);
        assertFalse(Files.exists(project.resolve("target/fwdocs/site/index.html")));
        Generator.Outcome after = Generator.generate(request(project), state(project));
        assertFalse(after.upToDate());
        assertTrue(Files.isRegularFile(project.resolve("target/fwdocs/site/index.html")));
    }

    private static List<String> withoutSignatures(byte[] state) {
        return new String(state, StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("stat ")).toList();
    }

    @Test
    void aFileEditedInPlaceIsSeenThoughItsSizeAndModificationTimeAreKept(@TempDir Path project) throws Exception {
        Generator.generate(request(project), state(project));
        // Let every file settle, then a no-op run records the signatures of all of them.
        Thread.sleep(UpToDate.SETTLED_MILLIS + 100);
        assertTrue(Generator.generate(request(project), state(project)).upToDate());
        Path page = project.resolve("docs/firewall/minimal/1.0/index.md");
        String key = "docs/firewall/minimal/1.0/index.md";
        assertTrue(Files.readString(state(project)).contains(" " + key + "\n"), "the page's signature is recorded");
        assertTrue(Generator.generate(request(project), state(project)).upToDate(), "signatures alone: up to date");

        // Same length, same modification time (as `touch -r` or an editor that keeps it would leave it).
        byte[] before = Files.readAllBytes(page);
        java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(page);
        byte[] edited = before.clone();
        edited[edited.length - 2] = (byte) (edited[edited.length - 2] == 'x' ? 'y' : 'x');
        Files.write(page, edited);
        Files.setLastModifiedTime(page, mtime);
        // The change time gives the edit away: the run is not up to date, and the writer refuses the edited page.
        OutputConflictException e = org.junit.jupiter.api.Assertions.assertThrows(OutputConflictException.class,
                () -> Generator.generate(request(project), state(project)));
        assertTrue(e.getMessage().contains("minimal/1.0/index.md"), e.getMessage());
    }

    @Test
    void checkListsDifferingMissingAndExtraFilesAndTakesCrlfForEqual(@TempDir Path project) throws Exception {
        Generator.Outcome out = Generator.generate(request(project));
        Drift clean = Generator.check(request(project)).drift();
        assertTrue(clean.clean(), clean.toString());
        assertEquals(out.files().size() + 2, clean.equal(), "every file and both manifests");

        // CRLF (git's autocrlf) is no difference, neither for check nor for generate.
        Path crlf = project.resolve("target/fwdocs/pages/plain/minimal/1.0/index.md");
        Files.writeString(crlf, Files.readString(crlf).replace("\n", "\r\n"));
        Drift d = Generator.check(request(project)).drift();
        assertTrue(d.clean());
        assertEquals(1, d.lineEndingsOnly());
        OutputWriter.Result r = Generator.generate(request(project)).written();
        assertEquals(0, r.written(), "the CRLF checkout is not refused, and not rewritten");

        Path edited = project.resolve("docs/firewall/versions/3.0/index.md");
        List<String> lines = Files.readAllLines(edited);
        lines.set(3, "hand edit");
        Files.write(edited, lines);
        Files.delete(project.resolve("target/fwdocs/rules/minimal/1.0/server/ufw.sh"));
        edit(project, "versions.yaml", "versions: [\"1.0\", \"2.0\", \"3.0\"]", "versions: [\"2.0\", \"3.0\"]");
        Drift drift = Generator.check(request(project)).drift();
        assertFalse(drift.clean());
        Drift.Difference diff = drift.differing().stream().filter(f -> f.file().equals("docs/firewall/versions/3.0/"
                + "index.md")).findFirst().orElseThrow(() -> new AssertionError(drift.toString()));
        assertEquals(4, diff.line());
        assertEquals("hand edit", diff.actual());
        assertTrue(drift.missing().contains("target/fwdocs/rules/minimal/1.0/server/ufw.sh"), drift.missing().toString());
        assertTrue(drift.extra().contains("target/fwdocs/rules/versions/1.0/server/iptables.sh"), drift.extra().toString());
        assertTrue(drift.extra().contains("docs/firewall/versions/1.0/index.md"), drift.extra().toString());
        assertTrue(drift.differing().stream().anyMatch(f -> f.file().equals("target/fwdocs/.fwdocs-manifest")));
        assertEquals("hand edit\n", Files.readAllLines(edited, StandardCharsets.UTF_8).get(3) + "\n",
                "check writes nothing");
    }
}
