package dev.fwdocs.plugin.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Compares generated files with a golden folder, exactly; run with {@code -Dfwdocs.updateGolden=true} to rewrite the
 * folder from the current output (then review the diff before committing).
 */
public final class Golden {

    private Golden() {
    }

    public static void check(Path goldenDir, List<GeneratedFile> files) throws IOException {
        if (Boolean.getBoolean("fwdocs.updateGolden")) {
            if (Files.exists(goldenDir)) {
                try (Stream<Path> s = Files.walk(goldenDir)) {
                    for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            for (GeneratedFile f : files) {
                Path p = goldenDir.resolve(f.path());
                Files.createDirectories(p.getParent());
                Files.write(p, f.content());
            }
            return;
        }
        if (!Files.isDirectory(goldenDir)) {
            fail("no golden files in " + goldenDir + "; run the test with -Dfwdocs.updateGolden=true to create them");
        }
        Set<String> expected = new TreeSet<>();
        try (Stream<Path> s = Files.walk(goldenDir)) {
            s.filter(Files::isRegularFile).forEach(p -> expected.add(goldenDir.relativize(p).toString()
                    .replace('\\', '/')));
        }
        Set<String> actual = new TreeSet<>();
        files.forEach(f -> actual.add(f.path()));
        assertEquals(expected, actual, "the set of generated files differs from " + goldenDir);
        for (GeneratedFile f : files) {
            String want = Files.readString(goldenDir.resolve(f.path()), StandardCharsets.UTF_8);
            assertEquals(want, f.text(), f.path() + " differs from its golden file in " + goldenDir
                    + " (rerun with -Dfwdocs.updateGolden=true if the change is intended)");
        }
    }
}
