package dev.fwdocs.plugin.testing;

import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes generated files to disk for the tests that hand them to a real tool (a shell, a firewall, a linter). */
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
}
