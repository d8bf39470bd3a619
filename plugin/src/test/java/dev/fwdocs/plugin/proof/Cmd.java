package dev.fwdocs.plugin.proof;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one external command with a hard time limit and captures its exit code and output (test support). */
final class Cmd {

    /** The outcome of one command; {@code exit} is -1 when it was killed at its time limit. */
    record Result(List<String> argv, int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }

        /** A compact account for failure messages. */
        String describe() {
            return String.join(" ", argv) + "\n  exit " + (exit == -1 ? "-1 (killed at its time limit)" : exit)
                    + "\n  stdout: " + tail(out) + "\n  stderr: "
                    + tail(err);
        }

        private static String tail(String s) {
            String t = s.strip();
            return t.length() > 2000 ? "..." + t.substring(t.length() - 2000) : t;
        }
    }

    private Cmd() {
    }

    static Result run(List<String> argv, Duration timeout) {
        return run(argv, timeout, null, Map.of());
    }

    static Result run(List<String> argv, Duration timeout, String stdin, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(argv, 127, "", e.toString());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread to = pump(p.getInputStream(), out);
        Thread te = pump(p.getErrorStream(), err);
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the command may exit without reading its input; its exit code tells the story
        }
        int exit;
        try {
            if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                exit = p.exitValue();
            } else {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                exit = -1;
            }
            to.join(5000);
            te.join(5000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv, e);
        }
        return new Result(argv, exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs the command and throws with its output when it fails. */
    static Result check(List<String> argv, Duration timeout) {
        Result r = run(argv, timeout);
        if (!r.ok()) {
            throw new IllegalStateException("command failed: " + r.describe());
        }
        return r;
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(sink);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "cmd-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
