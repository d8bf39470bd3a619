package dev.fwdocs.plugin.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command for a test and captures its exit code and combined output. */
final class Proc {

    record Result(int code, String output) {
    }

    private Proc() {
    }

    static Result run(List<String> command, Map<String, String> env, Path dir, long timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(127, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static boolean available(String tool) {
        return run(List.of("sh", "-c", "command -v " + tool), Map.of(), null, 10).code() == 0;
    }

    static boolean ci() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isEmpty();
    }
}
