package dev.fwdocs.plugin.generate;

import dev.fwdocs.plugin.generate.FileOps.Kind;
import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the files in the output folders differ from what a run would write ({@code fwdocs:check}): each differing file
 * with its first differing line, each missing file, and each extra file (one the folder's manifest lists that is no
 * longer generated). A file whose only difference is CRLF line endings (git's autocrlf) counts as equal. Reads only.
 */
public record Drift(List<Difference> differing, List<String> missing, List<String> extra, int equal,
        int lineEndingsOnly) {

    public Drift {
        differing = List.copyOf(differing);
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
    }

    /**
     * A file whose content differs: its name relative to the project, and the first line that differs (1-based; 0
     * for a binary file), as it would be generated and as it is.
     */
    public record Difference(String file, int line, String expected, String actual) {
    }

    /** True when the folders hold exactly what a run would write. */
    public boolean clean() {
        return differing.isEmpty() && missing.isEmpty() && extra.isEmpty();
    }

    /**
     * Compares the files of each folder (as {@link Generator} splits them, paths relative to the folder) with the
     * folder's content and manifest; names are shown relative to {@code baseDir}.
     */
    static Drift compare(Map<Path, List<GeneratedFile>> byFolder, Path baseDir) throws IOException,
            OutputConflictException {
        List<Difference> differing = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        int equal = 0;
        int crlf = 0;
        Path base = baseDir.toAbsolutePath().normalize();
        for (Map.Entry<Path, List<GeneratedFile>> e : byFolder.entrySet()) {
            Path folder = e.getKey().toAbsolutePath().normalize();
            Map<String, GeneratedFile> wanted = new TreeMap<>();
            e.getValue().forEach(f -> wanted.put(f.path(), f));
            Map<String, String> sums = new TreeMap<>();
            wanted.forEach((p, f) -> sums.put(p, f.sha256()));
            Map<String, String> recorded = recorded(folder);
            // The manifest is compared like any file: generate rewrites it whenever the set of files changes.
            wanted.put(OutputWriter.MANIFEST, new GeneratedFile(OutputWriter.MANIFEST,
                    Manifest.text(sums).getBytes(StandardCharsets.UTF_8), false));
            for (GeneratedFile f : wanted.values()) {
                String name = display(base, folder, f.path());
                Path file = folder.resolve(f.path());
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    if (f.path().equals(OutputWriter.MANIFEST) && !missing.isEmpty()) {
                        continue;
                    }
                    missing.add(name);
                    continue;
                }
                byte[] actual = Files.readAllBytes(file);
                byte[] expected = f.content();
                if (Arrays.equals(actual, expected)) {
                    equal++;
                } else if (Arrays.equals(LineEndings.lf(actual), LineEndings.lf(expected))) {
                    equal++;
                    crlf++;
                } else {
                    differing.add(difference(name, LineEndings.lf(expected), LineEndings.lf(actual)));
                }
            }
            for (String path : recorded.keySet()) {
                if (!wanted.containsKey(path) && FileOps.kind(folder.resolve(path)) != Kind.MISSING) {
                    extra.add(display(base, folder, path));
                }
            }
        }
        // The manifests last: they differ whenever a file does, and the files say more.
        List<Difference> ordered = new ArrayList<>(differing.stream()
                .filter(d -> !d.file().endsWith(OutputWriter.MANIFEST)).toList());
        differing.stream().filter(d -> d.file().endsWith(OutputWriter.MANIFEST)).forEach(ordered::add);
        return new Drift(ordered, missing, extra, equal, crlf);
    }

    private static Map<String, String> recorded(Path folder) throws IOException, OutputConflictException {
        Path p = folder.resolve(OutputWriter.MANIFEST);
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return Map.of();
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> sums = Manifest.parse(LineEndings.lf(Files.readAllBytes(p)), problems);
        if (!problems.isEmpty()) {
            throw OutputConflictException.unreadable(p, problems, "the manifest is fwdocs' record of the files it "
                    + "wrote: restore it from version control, or run fwdocs:generate after deleting the bad lines");
        }
        return sums;
    }

    private static Difference difference(String name, byte[] expected, byte[] actual) {
        if (binary(expected) || binary(actual)) {
            return new Difference(name, 0, "", "");
        }
        String[] want = new String(expected, StandardCharsets.UTF_8).split("\n", -1);
        String[] have = new String(actual, StandardCharsets.UTF_8).split("\n", -1);
        int i = 0;
        while (i < want.length && i < have.length && want[i].equals(have[i])) {
            i++;
        }
        return new Difference(name, i + 1, i < want.length ? want[i] : "(end of file)",
                i < have.length ? have[i] : "(end of file)");
    }

    private static boolean binary(byte[] b) {
        for (byte x : b) {
            if (x == 0) {
                return true;
            }
        }
        return false;
    }

    /** A file's name relative to the project, with '/' (absolute when the folder is outside the project). */
    static String display(Path base, Path folder, String path) {
        Path f = folder.resolve(path);
        return (f.startsWith(base) ? base.relativize(f) : f).toString().replace('\\', '/');
    }
}
