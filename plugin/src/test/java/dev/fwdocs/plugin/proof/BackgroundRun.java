package dev.fwdocs.plugin.proof;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A script started in the background, as a run that waits for its confirmation: its output goes to a log file, and
 * when it was started on a terminal of its own (util-linux {@code script} gives it a pseudo-terminal as
 * {@code /dev/tty}, as an operator's SSH session does) lines can be typed on it. Every wait is bounded.
 */
final class BackgroundRun {

    private final Process process;
    private final Path log;

    private BackgroundRun(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code argv}, with {@code env} added to its environment, with no terminal and nothing on its input. */
    static BackgroundRun start(List<String> argv, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        return new BackgroundRun(pb.start(), log);
    }

    /** Starts {@code argv} on a pseudo-terminal of its own; {@link #type} writes to that terminal. */
    static BackgroundRun startOnTerminal(List<String> argv, Map<String, String> env, Path log) throws IOException {
        StringBuilder command = new StringBuilder();
        for (String a : argv) {
            command.append(command.length() == 0 ? "" : " ").append('\'').append(a.replace("'", "'\\''"))
                    .append('\'');
        }
        // -e: the script's exit status; -f: output as it comes; the typescript itself is not kept.
        ProcessBuilder pb = new ProcessBuilder("script", "-qefc", command.toString(), "/dev/null")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().putAll(env);
        return new BackgroundRun(pb.start(), log);
    }

    /** Everything the run has printed so far. */
    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Types a line on the terminal of a run started with {@link #startOnTerminal}. */
    void type(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** Waits until the run has printed {@code text}; false when it ended first or took longer than {@code limit}. */
    boolean await(String text, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (output().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return output().contains(text);
            }
            sleep(200);
        }
        return false;
    }

    /** Waits for the run to end: its exit status, or -1 when it did not end within {@code limit} (it is killed). */
    int finish(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return -1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** "exit N" once it has ended, "still running" before. */
    String state() {
        return process.isAlive() ? "still running" : "exit " + process.exitValue();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
