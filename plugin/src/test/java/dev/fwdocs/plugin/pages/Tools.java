package dev.fwdocs.plugin.pages;

import static org.junit.jupiter.api.Assertions.fail;

import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Finds and runs the external tools the page tests use (markdownlint-cli2, hugo). */
public final class Tools {

    private Tools() {
    }

    /**
     * The tool named by the environment variable or found on PATH. When it is missing the test fails if {@code CI} is
     * set, and otherwise is skipped with a loud message.
     */
    public static Path require(String envVar, String name, String howToInstall) {
        String configured = System.getenv(envVar);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (Files.isExecutable(p)) {
                return p;
            }
            fail(envVar + "=" + configured + " is not an executable file");
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        String message = name + " is not installed (set " + envVar + " or put it on PATH; " + howToInstall + ")";
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank()) {
            fail(message + " and CI is set: this test must run in CI");
        }
        System.err.println("*** SKIPPED: " + message + " ***");
        Assumptions.abort(message);
        return null;
    }

    /** Result of a process: exit code and the combined output. */
    public record Result(int exit, String output) {
    }

    public static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("fwdocs-tool", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(command + " did not finish in 5 minutes");
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Writes files under a folder, creating parents. */
    public static List<Path> write(Path dir, List<GeneratedFile> files) throws IOException {
        List<Path> out = new ArrayList<>();
        for (GeneratedFile f : files) {
            Path p = dir.resolve(f.path());
            Files.createDirectories(p.getParent());
            Files.write(p, f.content());
            out.add(p);
        }
        return out;
    }
}
