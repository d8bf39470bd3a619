package dev.fwdocs.plugin.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One external command run by a test (a generated script, a firewall tool, a linter): its arguments, folder,
 * environment, standard input and a hard time limit. {@link #run()} captures the exit code and the output.
 */
public final class Command {

    /** The outcome of a command; {@code exit} is -1 when it was killed at its time limit, 127 when it did not start. */
    public record Result(List<String> argv, int exit, String out, String err) {

        public boolean ok() {
            return exit == 0;
        }

        /** Standard output then standard error (with {@link Command#mergeErrors()}, all of it in the order written). */
        public String output() {
            return out + err;
        }

        /** The command, its exit code and the ends of its output, for failure messages. */
        public String describe() {
            return String.join(" ", argv) + "\n  exit " + (exit == -1 ? "-1 (killed at its time limit)" : exit)
                    + "\n  stdout: " + tail(out) + "\n  stderr: " + tail(err);
        }

        private static String tail(String s) {
            String t = s.strip();
            return t.length() > 4000 ? "..." + t.substring(t.length() - 4000) : t;
        }
    }

    private final List<String> argv;
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path dir;
    private String input;
    private Duration timeout = Duration.ofMinutes(2);
    private boolean merge;

    private Command(List<String> argv) {
        this.argv = List.copyOf(argv);
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv));
    }

    public static Command of(List<String> argv) {
        return new Command(argv);
    }

    /** Runs the command in this folder (default: the test's working directory, the module folder). */
    public Command in(Path folder) {
        this.dir = folder;
        return this;
    }

    /** Adds a variable to the inherited environment. */
    public Command env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Command env(Map<String, String> variables) {
        env.putAll(variables);
        return this;
    }

    /** Text for standard input (default: none, standard input is closed at once). */
    public Command input(String text) {
        this.input = text;
        return this;
    }

    /** How long the command may take before it and its children are killed (default two minutes). */
    public Command timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    /** Sends standard error into standard output, so that the output keeps the order in which it was written. */
    public Command mergeErrors() {
        this.merge = true;
        return this;
    }

    /** Runs the command and throws with its output when it does not exit 0. */
    public Result check() {
        Result r = run();
        if (!r.ok()) {
            throw new IllegalStateException("command failed: " + r.describe());
        }
        return r;
    }

    public Result run() {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(merge);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(argv, 127, "", e.toString());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // both streams are drained while the command runs: a full pipe would block it past any time limit
        Thread to = pump(p.getInputStream(), out);
        Thread te = pump(p.getErrorStream(), err);
        try (OutputStream in = p.getOutputStream()) {
            if (input != null) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
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
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv, e);
        }
        return new Result(argv, exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(sink);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "command-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
