package dev.fwdocs.plugin.generate;

import dev.fwdocs.plugin.testing.Environment;
import dev.fwdocs.plugin.testing.Command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The writer on a real file system against what a committed output folder plus a pull request, or a careless hand,
 * can put in its way: symbolic links (inside the output and in the manifest), a file where a folder must go, a
 * read-only or immutable folder or file, a damaged manifest or journal, and edits to half-applied files.
 */
class OutputWriterSafetyTest {

    private static final String SUM_OF_SECRET = FileOps.sha256("secret\n".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path tmp;

    private Path out() {
        return tmp.resolve("out");
    }

    /** A folder outside the output holding a file fwdocs must never touch. */
    private Path outside() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(dir.resolve("secret"), "secret\n");
        return dir;
    }

    private static List<GeneratedFile> pages(String product) {
        return List.of(GeneratedFile.text("pages/plain/" + product + "/index.md", product + "\n"),
                GeneratedFile.text("pages/plain/" + product + "/1.0/index.md", product + " 1.0\n"));
    }

    private static OutputConflictException refused(Path out, List<GeneratedFile> files) throws IOException {
        Map<String, String> before = Snapshot.of(out);
        OutputConflictException e = assertThrows(OutputConflictException.class, () -> new OutputWriter(out)
                .write(files));
        assertEquals(before, Snapshot.of(out), "a refused run changes nothing");
        assertTrue(e.getMessage().endsWith("nothing was written"), e.getMessage());
        return e;
    }

    private void writeManifest(String text) throws IOException {
        Files.createDirectories(out());
        Files.writeString(out().resolve(OutputWriter.MANIFEST), text);
    }

    @Test
    void aLinkedFolderInsideTheOutputGetsNoPages() throws Exception {
        Path outside = outside();
        Files.createDirectories(out());
        Files.createSymbolicLink(out().resolve("pages"), outside);
        OutputConflictException e = refused(out(), pages("shop"));
        assertTrue(e.getMessage().contains("pages: is a symbolic link, and fwdocs never writes through one "
                + "(pages/plain/shop/1.0/index.md is below it)"), e.getMessage());
        assertEquals(List.of(outside.resolve("secret")), FileOps.list(outside));
    }

    @Test
    void filesBehindALinkAreNotDeletedWhenAProductLeaves() throws Exception {
        new OutputWriter(out()).write(concat(pages("shop"), pages("blog")));
        // Someone swaps the generated folder for a link to a folder holding the very same files.
        Path target = Files.createDirectories(tmp.resolve("elsewhere/shop"));
        Path shop = out().resolve("pages/plain/shop");
        Files.move(shop, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.createSymbolicLink(shop, target);
        OutputConflictException e = refused(out(), pages("blog"));
        assertTrue(e.getMessage().contains("pages/plain/shop: is a symbolic link, and fwdocs never deletes through "
                + "one"), e.getMessage());
        assertEquals("shop 1.0\n", Files.readString(target.resolve("1.0/index.md")));
        assertEquals("shop\n", Files.readString(target.resolve("index.md")));
    }

    @Test
    void aManifestEntryThroughALinkDeletesNothing() throws Exception {
        Path outside = outside();
        Files.createDirectories(out());
        Files.createSymbolicLink(out().resolve("link"), outside);
        writeManifest(SUM_OF_SECRET + "  link/secret\n");
        OutputConflictException e = refused(out(), List.of(GeneratedFile.text("page.md", "p\n")));
        assertTrue(e.getMessage().contains("link: is a symbolic link, and fwdocs never deletes through one "
                + "(link/secret is below it)"), e.getMessage());
        assertEquals("secret\n", Files.readString(outside.resolve("secret")));
    }

    @Test
    void aManifestEntryThatIsALinkIsNeitherDeletedNorFollowed() throws Exception {
        Path outside = outside();
        Files.createDirectories(out());
        Files.createSymbolicLink(out().resolve("victim"), outside.resolve("secret"));
        writeManifest(SUM_OF_SECRET + "  victim\n");
        OutputConflictException stale = refused(out(), List.of());
        assertTrue(stale.getMessage().contains("victim: is a symbolic link, and fwdocs never deletes through one"),
                stale.getMessage());
        OutputConflictException wanted = refused(out(), List.of(GeneratedFile.text("victim", "overwritten\n")));
        assertTrue(wanted.getMessage().contains("victim: is a symbolic link; fwdocs never writes through one"),
                wanted.getMessage());
        assertEquals("secret\n", Files.readString(outside.resolve("secret")));
    }

    @Test
    void aLinkAppearingDuringTheRunIsNotFollowed() throws Exception {
        new OutputWriter(out()).write(pages("shop"));
        Path outside = outside();
        Map<String, String> before = Snapshot.of(out());
        FileOps.Fault swap = (change, path) -> {
            if (change.equals("create folder") && path.getFileName().toString().equals("old")) {
                // Once every obstacle is checked, as the run starts its changes, the folder a file goes to becomes
                // a link.
                Path dir = out().resolve("pages/plain/shop/1.0");
                Files.move(dir, tmp.resolve("moved-away"));
                Files.createSymbolicLink(dir, outside);
            }
        };
        IOException e = assertThrows(IOException.class, () -> new OutputWriter(out(), swap)
                .write(List.of(GeneratedFile.text("pages/plain/shop/1.0/index.md", "changed\n"))));
        assertTrue(e.getMessage().contains("is a symbolic link, and fwdocs never writes or deletes through one"),
                e.getMessage());
        assertEquals(List.of(outside.resolve("secret")), FileOps.list(outside));
        assertEquals("secret\n", Files.readString(outside.resolve("secret")));
        Files.delete(out().resolve("pages/plain/shop/1.0"));
        Files.move(tmp.resolve("moved-away"), out().resolve("pages/plain/shop/1.0"));
        assertEquals(before, Snapshot.of(out()));
    }

    @Test
    void anOutputFolderReachedThroughALinkIsWrittenInItsTarget() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real-out"));
        Path link = Files.createSymbolicLink(tmp.resolve("out-link"), real);
        new OutputWriter(link).write(pages("shop"));
        assertEquals("shop\n", Files.readString(real.resolve("pages/plain/shop/index.md")));
    }

    @Test
    void aFileWhereAFolderMustGoStopsTheRunBeforeAnyChange() throws Exception {
        new OutputWriter(out()).write(pages("shop"));
        Files.writeString(out().resolve("pages/plain/blog"), "the user's file\n");
        List<GeneratedFile> next = concat(List.of(GeneratedFile.text("pages/plain/shop/index.md", "shop v2\n")),
                pages("blog"));
        OutputConflictException e = refused(out(), next);
        assertEquals(List.of("pages/plain/blog: a file is in the way where fwdocs must create a folder; move it "
                + "elsewhere"), e.conflicts());
        Files.delete(out().resolve("pages/plain/blog"));
        new OutputWriter(out()).write(next);
        assertEquals(clean(next), Snapshot.of(out()));
    }

    @Test
    void aReadOnlyFolderStopsTheRunBeforeAnyChange() throws Exception {
        new OutputWriter(out()).write(pages("shop"));
        Path folder = out().resolve("pages/plain/shop/1.0");
        List<GeneratedFile> next = List.of(GeneratedFile.text("pages/plain/shop/index.md", "shop v2\n"),
                GeneratedFile.text("pages/plain/shop/1.0/index.md", "shop 1.0 v2\n"));
        readOnly(folder, true);
        try {
            OutputConflictException e = refused(out(), next);
            assertEquals(List.of("pages/plain/shop/1.0: is read-only (or immutable), and fwdocs must change files "
                    + "in it; make it writable (chmod u+w, or chattr -i)"), e.conflicts());
        } finally {
            readOnly(folder, false);
        }
        new OutputWriter(out()).write(next);
        assertEquals(clean(next), Snapshot.of(out()));
    }

    @Test
    void changedFilesWaitInAStagingFolderOfTheOutputFolderUntilTheCommit() throws Exception {
        new OutputWriter(out()).write(pages("shop"));
        Map<String, String> before = Snapshot.of(out());
        try (OutputWriter.Batch batch = new OutputWriter(out()).begin()) {
            batch.add(List.of(GeneratedFile.text("pages/plain/shop/index.md", "shop v2\n"),
                    GeneratedFile.text("pages/plain/shop/1.0/index.md", "shop 1.0\n"),
                    GeneratedFile.script("rules/shop.sh", "#!/bin/sh\n")));
            assertEquals(before, Snapshot.withoutLeftovers(out()), "nothing but the staging folder before the commit");
            List<Path> staging;
            try (var s = Files.list(out())) {
                staging = s.filter(p -> p.getFileName().toString().startsWith(OutputWriter.STAGING_PREFIX)).toList();
            }
            assertEquals(1, staging.size(), staging.toString());
            // The changed page and the new script are spooled; the unchanged page is not.
            List<Path> spooled = FileOps.list(staging.get(0).resolve("new"));
            assertEquals(List.of("#!/bin/sh\n", "shop v2\n"),
                    spooled.stream().map(p -> readString(p)).sorted().toList());
        }
        assertEquals(before, Snapshot.of(out()), "closing without a commit removes the staging folder");
    }

    @Test
    void aReadOnlyOutputFolderIsReportedAndKeepsNoStagingFolder() throws Exception {
        new OutputWriter(out()).write(pages("shop"));
        List<GeneratedFile> next = List.of(GeneratedFile.text("pages/plain/shop/index.md", "shop v2\n"),
                GeneratedFile.text("top.md", "new at the top\n"));
        readOnly(out(), true);
        try {
            OutputConflictException e = refused(out(), next);
            assertEquals(List.of("the output folder: is read-only (or immutable), and fwdocs must change files in "
                    + "it; make it writable (chmod u+w, or chattr -i)"), e.conflicts());
        } finally {
            readOnly(out(), false);
        }
        new OutputWriter(out()).write(next);
        assertEquals(clean(next), Snapshot.of(out()));
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anImmutableFileFoundAtItsMoveIsRolledBack() throws Exception {
        Assumptions.assumeTrue(root(), "chattr +i needs root; no other file-level obstacle stops a rename");
        List<GeneratedFile> first = List.of(GeneratedFile.text("a.md", "a1\n"), GeneratedFile.text("b.md", "b1\n"),
                GeneratedFile.text("c.md", "c1\n"), GeneratedFile.text("gone.md", "gone\n"));
        List<GeneratedFile> next = List.of(GeneratedFile.text("a.md", "a2\n"), GeneratedFile.text("b.md", "b2\n"),
                GeneratedFile.text("c.md", "c2\n"), GeneratedFile.text("d/new.md", "d\n"));
        new OutputWriter(out()).write(first);
        Map<String, String> before = Snapshot.of(out());
        Path c = out().resolve("c.md");
        chattr("+i", c);
        try {
            IOException e = assertThrows(IOException.class, () -> new OutputWriter(out()).write(next));
            assertTrue(e.getMessage().contains("the previous output was restored"), e.getMessage());
            assertEquals(before, Snapshot.of(out()));
        } finally {
            chattr("-i", c);
        }
        new OutputWriter(out()).write(next);
        assertEquals(clean(next), Snapshot.of(out()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            garbage           | garbage               | 2 | 'garbage' is not '<sha256, 64 lowercase hex digits>  <path>'
            absolute path     | SUM  /etc/passwd      | 2 | '/etc/passwd' is an absolute path
            dot-dot           | SUM  ../escape.md     | 2 | '../escape.md' has an empty, '.' or '..' segment
            dot-dot inside    | SUM  a/../../b.md     | 2 | 'a/../../b.md' has an empty, '.' or '..' segment
            empty segment     | SUM  a//b.md          | 2 | 'a//b.md' has an empty, '.' or '..' segment
            short hash        | 0123456789abcdef  a.md | 2 | '0123456789abcdef  a.md' is not '<sha256
            uppercase hash    | UPPER  a.md           | 2 | 'AAAAAAAAAA
            one space         | SUM a.md              | 2 | 0 a.md' is not '<sha256
            binary marker     | SUM *a.md             | 2 | 0 *a.md' is not '<sha256
            reserved name     | SUM  .fwdocs-journal  | 2 | '.fwdocs-journal' is one of fwdocs' own names
            control character | SUM  a.md\\r          | 2 | 'a.md?' contains a control character
            duplicate         | SUM  a.md\\nSUM  a.md | 3 | 'a.md' is listed twice (also line 2)
            file and folder   | SUM  a\\nSUM  a/b.md  | 3 | 'a/b.md' is inside 'a', which line 2 lists as a file
            """)
    void aBadManifestIsAnErrorNamingTheLine(String name, String lines, int line, String reason) throws Exception {
        writeManifest("# header\n" + lines.replace("\\n", "\n").replace("\\r", "\r")
                .replace("UPPER", "A".repeat(64)).replace("SUM", "0".repeat(64)) + "\n");
        OutputConflictException e = refused(out(), List.of(GeneratedFile.text("a.md", "a\n")));
        String prefix = OutputWriter.MANIFEST + " line " + line + ": ";
        assertTrue(e.conflicts().stream().anyMatch(c -> c.startsWith(prefix) && c.contains(reason)),
                name + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("restore it (from version control, say) or delete the bad lines"),
                e.getMessage());
    }

    @Test
    void aManifestThatIsNotUtf8OrNotAFileIsAnError() throws Exception {
        Files.createDirectories(out());
        Files.write(out().resolve(OutputWriter.MANIFEST), new byte[] {'#', '\n', (byte) 0xff, 'x', '\n'});
        OutputConflictException e = refused(out(), List.of());
        assertEquals(List.of(OutputWriter.MANIFEST + " line 2: is not UTF-8 text"), e.conflicts());
        Files.delete(out().resolve(OutputWriter.MANIFEST));
        Path outside = outside();
        Files.createSymbolicLink(out().resolve(OutputWriter.MANIFEST), outside.resolve("secret"));
        OutputConflictException link = refused(out(), List.of());
        assertTrue(link.getMessage().contains(".fwdocs-manifest: is a link, not the manifest fwdocs writes"),
                link.getMessage());
    }

    @Test
    void aDamagedJournalIsAnErrorNamingTheLine() throws Exception {
        new OutputWriter(out()).write(pages("shop"));
        Files.writeString(out().resolve(Journal.NAME), "# journal\nstaging .fwdocs-staging-x\nmanifest - "
                + "0".repeat(64) + "\nfile - - a.md\nrmdir /etc\n");
        OutputConflictException e = refused(out(), pages("shop"));
        assertEquals(List.of(".fwdocs-journal line 4: 'file - - a.md' is not a line fwdocs writes in its journal",
                ".fwdocs-journal line 5: '/etc' is an absolute path; paths are relative to the output folder"),
                e.conflicts());
        assertTrue(e.getMessage().contains("move it and the .fwdocs-staging-* folders away"), e.getMessage());
    }

    @Test
    void aHalfAppliedFileEditedAfterACrashIsNotOverwritten() throws Exception {
        new OutputWriter(out()).write(pages("shop"));
        List<GeneratedFile> next = List.of(GeneratedFile.text("pages/plain/shop/index.md", "shop v2\n"),
                GeneratedFile.text("pages/plain/shop/1.0/index.md", "shop 1.0 v2\n"));
        Path page = out().resolve("pages/plain/shop/index.md");
        Path realPage = page.toRealPath();
        // Crash right after the new index.md (the second file, by path) is in place.
        FileOps.Fault crash = new FileOps.Fault() {
            boolean placed;

            @Override
            public void before(String change, Path path) throws IOException {
                if (placed) {
                    throw new IOException("crash");
                }
                placed = change.startsWith("move ") && path.equals(realPage);
            }
        };
        assertThrows(IOException.class, () -> new OutputWriter(out(), crash).write(next));
        assertEquals("shop v2\n", Files.readString(page), "the crash left the new file in place");
        assertTrue(Files.exists(out().resolve(Journal.NAME)));
        Files.writeString(page, "shop v2, edited after the crash\n");
        OutputConflictException e = assertThrows(OutputConflictException.class,
                () -> new OutputWriter(out()).write(next));
        assertTrue(e.getMessage().contains("pages/plain/shop/index.md: changed while an interrupted fwdocs run was "
                + "replacing it"), e.getMessage());
        assertEquals("shop v2, edited after the crash\n", Files.readString(page));
        Files.move(page, tmp.resolve("my-edit.md"));
        new OutputWriter(out()).write(next);
        assertEquals(clean(next), Snapshot.of(out()));
    }

    @Test
    void aLostStagingFolderStillLeavesAConsistentManifest() throws Exception {
        new OutputWriter(out()).write(pages("shop"));
        List<GeneratedFile> next = List.of(GeneratedFile.text("pages/plain/shop/index.md", "shop v2\n"),
                GeneratedFile.text("pages/plain/shop/1.0/index.md", "shop 1.0 v2\n"));
        FileOps.Fault crashAtCommit = (change, path) -> {
            if (path.getFileName().toString().equals(OutputWriter.MANIFEST) || change.startsWith("delete")) {
                throw new IOException("crash");
            }
        };
        assertThrows(IOException.class, () -> new OutputWriter(out(), crashAtCommit).write(next));
        // Every new file is in place, the old manifest too, and the user removes the staging folder (the backups).
        try (var s = Files.list(out())) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(OutputWriter.STAGING_PREFIX))
                    .toList()) {
                try (var w = Files.walk(p)) {
                    for (Path f : w.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
        new OutputWriter(out()).write(next);
        assertEquals(clean(next), Snapshot.of(out()));
    }

    @Test
    void leftoverStagingFoldersAreRemovedWithoutFollowingLinks() throws Exception {
        new OutputWriter(out()).write(pages("shop"));
        Path outside = outside();
        Path leftover = Files.createDirectories(out().resolve(OutputWriter.STAGING_PREFIX + "old/new"));
        Files.writeString(leftover.resolve("0"), "staged\n");
        Files.createSymbolicLink(leftover.resolve("link"), outside);
        Files.createSymbolicLink(out().resolve(OutputWriter.STAGING_PREFIX + "a-link"), outside);
        new OutputWriter(out()).write(pages("shop"));
        assertFalse(Files.exists(out().resolve(OutputWriter.STAGING_PREFIX + "old")));
        assertTrue(Files.isSymbolicLink(out().resolve(OutputWriter.STAGING_PREFIX + "a-link")),
                "a link is not a staging folder fwdocs made, so it stays");
        assertEquals("secret\n", Files.readString(outside.resolve("secret")));
    }

    @Test
    void aFolderOfStaleFilesMakesWayForAFileAndAUserFileKeepsItsFolder() throws Exception {
        new OutputWriter(out()).write(List.of(GeneratedFile.text("x/a/1.md", "1\n"),
                GeneratedFile.text("y/b.md", "b\n")));
        Files.writeString(out().resolve("y/mine.txt"), "mine\n");
        List<GeneratedFile> next = List.of(GeneratedFile.text("x", "x is a file now\n"));
        assertEquals(new OutputWriter.Result(1, 0, 2), new OutputWriter(out()).write(next));
        assertEquals("x is a file now\n", Files.readString(out().resolve("x")));
        assertEquals(List.of(out().resolve("y/mine.txt")), FileOps.list(out().resolve("y")));
    }

    /** The output of a run of {@code files} into an empty folder. */
    private Map<String, String> clean(List<GeneratedFile> files) throws Exception {
        Path dir = tmp.resolve("clean-" + System.nanoTime());
        new OutputWriter(dir).write(files);
        return Snapshot.of(dir);
    }

    private static List<GeneratedFile> concat(List<GeneratedFile> a, List<GeneratedFile> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Root ignores permission bits, so as root a folder is made immutable instead (chattr +i). */
    private static void readOnly(Path dir, boolean on) throws Exception {
        if (root()) {
            chattr(on ? "+i" : "-i", dir);
        } else {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(on ? "r-xr-xr-x" : "rwxr-xr-x"));
        }
    }

    private static void chattr(String flag, Path p) throws Exception {
        Path chattr = Environment.requireTool("chattr", "CHATTR", "apt-get install e2fsprogs");
        Command.Result r = Command.of(chattr.toString(), flag, p.toString()).in(p.getParent()).mergeErrors().run();
        assertEquals(0, r.exit(), "chattr " + flag + " " + p + ": " + r.output());
    }
}
