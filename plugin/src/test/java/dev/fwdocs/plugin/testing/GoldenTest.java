package dev.fwdocs.plugin.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class GoldenTest {

    private static SortedMap<String, String> files(String... pathsAndTexts) {
        SortedMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            m.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return m;
    }

    @Test
    void equalFilesPassAndEveryKindOfDifferenceIsNamed(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/same.txt"), "x\n");
        Files.writeString(dir.resolve("a/changed.txt"), "one\ntwo\nthree\n");
        Files.writeString(dir.resolve("gone.txt"), "old\n");
        Golden.check(dir, files("a/same.txt", "x\n", "a/changed.txt", "one\ntwo\nthree\n", "gone.txt", "old\n"), false);

        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> Golden.check(dir,
                files("a/same.txt", "x\n", "a/changed.txt", "one\n2\nthree\n", "new.txt", "n\n"), false));
        String m = e.getMessage();
        assertTrue(m.startsWith("3 of 4 files differ"), m);
        assertTrue(m.contains("differs: a/changed.txt, first at line 2:\n      golden: two\n      now:    2"), m);
        assertTrue(m.contains("new, no golden file: new.txt"), m);
        assertTrue(m.contains("no longer generated: gone.txt"), m);
        assertTrue(m.contains("-Dfwdocs.updateGolden=true"), m);
    }

    @Test
    void aDifferenceAtTheEndSaysWhichSideEnded() {
        assertEquals(", first at line 2:\n      golden: <end of file>\n      now:    more",
                Golden.firstDifference("line", "line\nmore"));
    }

    @Test
    void updateModeRewritesTheWholeFolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("stale.txt"), "stale\n");
        Golden.check(dir, files("b/new.txt", "fresh\n"), true);
        assertEquals("fresh\n", Files.readString(dir.resolve("b/new.txt")));
        assertTrue(Files.notExists(dir.resolve("stale.txt")));
        Golden.check(dir, files("b/new.txt", "fresh\n"), false);
    }
}
