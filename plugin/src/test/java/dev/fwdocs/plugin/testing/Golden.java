package dev.fwdocs.plugin.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Golden files: generated text compared byte for byte with a folder under {@code src/test/resources/golden/}, every
 * file of it (a file that is no longer generated fails too). With {@code -Dfwdocs.updateGolden=true} the folder is
 * rewritten from the current output instead; review {@code git diff} before committing it.
 */
public final class Golden {

    /** The system property that rewrites the golden folders. */
    public static final String UPDATE = "fwdocs.updateGolden";

    /** The root of every golden folder: {@code rules/<backend>/<catalog>/...} and {@code pages/<flavor>/...}. */
    public static final Path ROOT = Path.of("src/test/resources/golden");

    private static final int SHOWN = 10;

    private Golden() {
    }

    /** The golden folder of one rule backend. */
    public static Path rules(String backend) {
        return ROOT.resolve("rules").resolve(backend);
    }

    /** The golden folder of one page flavor. */
    public static Path pages(String flavor) {
        return ROOT.resolve("pages").resolve(flavor);
    }

    /** Compares {@code files} (relative path to text) with the folder, or rewrites the folder in update mode. */
    public static void check(Path folder, SortedMap<String, String> files) {
        check(folder, files, Boolean.getBoolean(UPDATE));
    }

    // the mode is a parameter so that Golden's own tests never flip the system property other suites read
    static void check(Path folder, SortedMap<String, String> files, boolean update) {
        assertFalse(files.isEmpty(), "nothing was generated to compare with " + folder);
        try {
            if (update) {
                rewrite(folder, files);
                return;
            }
            compare(folder, files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rewrite(Path folder, SortedMap<String, String> files) throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> s = Files.walk(folder)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        for (var e : files.entrySet()) {
            Path p = folder.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        }
        System.err.println("fwdocs: rewrote " + files.size() + " golden files in " + folder);
    }

    private static void compare(Path folder, SortedMap<String, String> files) throws IOException {
        SortedMap<String, String> stored = new TreeMap<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> s = Files.walk(folder)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    stored.put(folder.relativize(p).toString().replace('\\', '/'),
                            Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(files.keySet());
        names.addAll(stored.keySet());
        for (String name : names) {
            String want = stored.get(name);
            String now = files.get(name);
            if (want == null) {
                problems.add("new, no golden file: " + name);
            } else if (now == null) {
                problems.add("no longer generated: " + name);
            } else if (!want.equals(now)) {
                problems.add("differs: " + name + firstDifference(want, now));
            }
        }
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder();
        b.append(problems.size()).append(" of ").append(names.size()).append(" files differ from the golden files in ")
                .append(folder).append(".\nIf the change is intended, rerun with -D").append(UPDATE)
                .append("=true and review git diff.\n");
        problems.stream().limit(SHOWN).forEach(p -> b.append("  ").append(p).append('\n'));
        if (problems.size() > SHOWN) {
            b.append("  ... and ").append(problems.size() - SHOWN).append(" more\n");
        }
        fail(b.toString());
    }

    /** The first line where the two texts differ, both ways, with its number. */
    static String firstDifference(String want, String now) {
        String[] a = want.split("\n", -1);
        String[] b = now.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "<end of file>";
            String y = i < b.length ? b[i] : "<end of file>";
            if (!x.equals(y)) {
                return ", first at line " + (i + 1) + ":\n      golden: " + x + "\n      now:    " + y;
            }
        }
        return "";
    }
}
