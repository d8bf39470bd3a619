package dev.fwdocs.plugin.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fails every file system change of a run in turn, through the writer's fault seam, and checks that the output is
 * the previous one (or, once the new manifest is in place, the new one) and that the next run ends where a run
 * without failures ends. "Crashes" make every later change fail too, so that the undo fails and the next run must
 * recover from the journal, and those recoveries are crashed at each of their steps as well.
 */
class OutputWriterFaultTest {

    /** The run before: kept, changed, made executable, stale (whole folders), a file and a folder swapping places. */
    static final List<GeneratedFile> OLD = List.of(
            GeneratedFile.text("keep.md", "k\n"),
            GeneratedFile.text("change.md", "v1\n"),
            GeneratedFile.text("perm.sh", "#!/bin/sh\n"),
            GeneratedFile.text("gone/deep/page.md", "gone\n"),
            GeneratedFile.text("shared/a.md", "a\n"),
            GeneratedFile.text("shared/b.md", "b\n"),
            GeneratedFile.text("swap", "a file that becomes a folder\n"),
            GeneratedFile.text("folder/x.md", "a folder that becomes a file\n"));

    static final List<GeneratedFile> NEW = List.of(
            GeneratedFile.text("keep.md", "k\n"),
            GeneratedFile.text("change.md", "v2\n"),
            GeneratedFile.script("perm.sh", "#!/bin/sh\n"),
            GeneratedFile.text("shared/b.md", "b\n"),
            GeneratedFile.text("swap/inside.md", "now inside\n"),
            GeneratedFile.text("folder", "now a file\n"),
            GeneratedFile.text("fresh/new/page.md", "fresh\n"),
            GeneratedFile.script("rules/x.sh", "#!/bin/sh\necho x\n"));

    @TempDir
    Path tmp;

    private Map<String, String> before;
    private Map<String, String> after;
    private int changes;

    /** Fails change number {@code at} (counting from 1), and every later one when {@code crash}. */
    static final class Faults implements FileOps.Fault {
        final int at;
        final boolean crash;
        int count;
        int journalDeleted;

        Faults(int at, boolean crash) {
            this.at = at;
            this.crash = crash;
        }

        @Override
        public void before(String change, Path path) throws IOException {
            count++;
            if (journalDeleted == 0 && change.equals("delete") && path.getFileName().toString().equals(Journal.NAME)) {
                journalDeleted = count;
            }
            if (at > 0 && (count == at || crash && count > at)) {
                throw new IOException("injected failure of change " + count + ": " + change + " " + path);
            }
        }
    }

    @BeforeEach
    void references() throws Exception {
        Path clean = prepared("clean");
        before = Snapshot.of(clean);
        Faults counter = new Faults(0, false);
        assertEquals(new OutputWriter.Result(6, 2, 4), new OutputWriter(clean, counter).write(NEW));
        after = Snapshot.of(clean);
        changes = counter.count;
        assertTrue(changes > 20, "the scenario should take many changes, took " + changes);
        assertEquals("user file\n", Files.readString(clean.resolve("notes.txt")));
        assertFalse(Files.exists(clean.resolve("gone")), "a folder of stale files goes with them");
    }

    /** A folder holding the old run's output and a file of the user's. */
    private Path prepared(String name) throws Exception {
        Path out = tmp.resolve(name);
        new OutputWriter(out).write(OLD);
        Files.writeString(out.resolve("notes.txt"), "user file\n");
        return out;
    }

    @Test
    void aFailedChangeLeavesThePreviousOutputOrTheCompleteNewOne() throws Exception {
        for (int n = 1; n <= changes; n++) {
            Path out = prepared("single-" + n);
            int at = n;
            IOException e = assertThrows(IOException.class, () -> new OutputWriter(out, new Faults(at, false))
                    .write(NEW), "change " + n);
            Map<String, String> now = Snapshot.withoutLeftovers(out);
            if (now.equals(before)) {
                assertTrue(e.getMessage().contains("the previous output was restored")
                        || e.getMessage().contains("nothing was changed"), n + ": " + e.getMessage());
                assertEquals(before, Snapshot.of(out), "change " + n + ": leftovers after a restore");
            } else {
                assertEquals(after, now, "change " + n + " left a mixed output");
                assertTrue(e.getMessage().contains("is complete"), n + ": " + e.getMessage());
            }
            assertEquals(now.equals(before) ? new OutputWriter.Result(6, 2, 4) : new OutputWriter.Result(0, 8, 0),
                    new OutputWriter(out).write(NEW), "the run after change " + n);
            assertEquals(after, Snapshot.of(out), "the run after change " + n);
        }
    }

    @Test
    void theRunAfterACrashRestoresThePreviousOutputFromTheJournal() throws Exception {
        boolean journalSeen = false;
        for (int n = 1; n <= changes; n++) {
            Path out = prepared("crash-" + n);
            int at = n;
            assertThrows(IOException.class, () -> new OutputWriter(out, new Faults(at, true)).write(NEW));
            journalSeen |= Files.exists(out.resolve(Journal.NAME));
            // With the old files wanted again, the run must take fwdocs' half-applied files for its own.
            new OutputWriter(out).write(OLD);
            assertEquals(before, Snapshot.of(out), "the run after a crash at change " + n);
        }
        assertTrue(journalSeen, "some crash must leave a journal");
    }

    @Test
    void theRunAfterACrashEndsWhereACleanRunEnds() throws Exception {
        for (int n = 1; n <= changes; n++) {
            Path out = prepared("crash-new-" + n);
            int at = n;
            assertThrows(IOException.class, () -> new OutputWriter(out, new Faults(at, true)).write(NEW));
            new OutputWriter(out).write(NEW);
            assertEquals(after, Snapshot.of(out), "the run after a crash at change " + n);
        }
    }

    @Test
    void aRecoveryCrashedAtEveryStepIsRecoveredByTheRunAfter() throws Exception {
        List<String> recoveries = new ArrayList<>();
        for (int n = 1; n <= changes; n++) {
            int first = n;
            // Wanting the files it restores (old or new), the run after the crash has nothing to do but recover.
            // Its steps up to removing the journal are crashed; removing the staging folder after that is like the
            // first run's, whose crashes the other tests cover.
            int recovery = Integer.MAX_VALUE;
            for (List<GeneratedFile> files : List.of(OLD, NEW)) {
                Path probe = prepared("probe-" + n + "-" + (files == OLD ? "old" : "new"));
                assertThrows(IOException.class, () -> new OutputWriter(probe, new Faults(first, true)).write(NEW));
                Faults counter = new Faults(0, false);
                new OutputWriter(probe, counter).write(files);
                recovery = Math.min(recovery, counter.journalDeleted > 0 ? counter.journalDeleted : counter.count);
            }
            for (int m = 1; m <= recovery; m++) {
                Path out = prepared("twice-" + n + "-" + m);
                assertThrows(IOException.class, () -> new OutputWriter(out, new Faults(first, true)).write(NEW));
                int second = m;
                assertThrows(IOException.class, () -> new OutputWriter(out, new Faults(second, true)).write(NEW));
                new OutputWriter(out).write(NEW);
                assertEquals(after, Snapshot.of(out), "crash at change " + n + ", then at change " + m);
                recoveries.add(n + "/" + m);
            }
        }
        assertTrue(recoveries.size() > changes, "recoveries crashed: " + recoveries.size());
        System.out.println(changes + " changes, " + recoveries.size() + " recoveries crashed");
    }
}
