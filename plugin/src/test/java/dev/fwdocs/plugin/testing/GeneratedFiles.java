package dev.fwdocs.plugin.testing;

import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes generated files to disk for the tests that hand them to a real tool (a shell, a firewall, a linter), and
 * deletes the folders they were written to.
 */
public final class GeneratedFiles {

    private GeneratedFiles() {
    }

    /** Writes the files under {@code dir}, creating folders, scripts executable; returns the paths written. */
    public static List<Path> write(Path dir, List<GeneratedFile> files) {
        List<Path> out = new ArrayList<>();
        try {
            for (GeneratedFile f : files) {
                Path p = dir.resolve(f.path());
                Files.createDirectories(p.getParent());
                Files.write(p, f.content());
                if (f.executable() && !p.toFile().setExecutable(true)) {
                    throw new IOException("cannot make " + p + " executable");
                }
                out.add(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Deletes {@code dir} and everything under it; nothing when it is null or does not exist. */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
