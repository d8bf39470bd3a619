package dev.fwdocs.plugin.proof;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool for proof sessions: sessions use their own namespaces and spend most of their time waiting for
 * probe timeouts, so a few run at once even on two cores ({@code -Dfwdocs.proof.parallel=N}, default 4). While the
 * machine's CPUs stay partly idle with that many (the lab's last class runs alone, its sessions waiting on timers and
 * probe timeouts), one more session at a time is let in, up to {@code -Dfwdocs.proof.parallel.max=M} (default twice
 * N); with the CPUs busy (the other tests running beside the lab) no more than N run.
 */
final class Sessions {

    private static final int PARALLEL = Math.max(1, Integer.getInteger("fwdocs.proof.parallel", 4));
    private static final int MAX = Math.max(PARALLEL, Integer.getInteger("fwdocs.proof.parallel.max", 2 * PARALLEL));
    /** The idle share of the CPUs over one {@link #WINDOW_MS} that lets one more session in. */
    private static final double IDLE = 0.15;
    private static final long WINDOW_MS = 2000;
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(MAX, r -> {
        Thread t = new Thread(r, "proof-session-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private static final Gate GATE = new Gate();

    private Sessions() {
    }

    static Future<ProofSession.Report> submit(ProofSession session) {
        return submit(session::run);
    }

    static Future<ProofSession.Report> submit(OperatorSession session) {
        return submit(session::run);
    }

    /** Any other session of namespaces (a bundle's proof on one variant), in the same pool. */
    static <T> Future<T> submit(Callable<T> session) {
        return POOL.submit(() -> {
            GATE.enter();
            try {
                return session.call();
            } finally {
                GATE.exit();
            }
        });
    }

    /**
     * Lets up to {@link #PARALLEL} sessions run, and one more at a time, up to {@link #MAX}, after a window in which
     * the CPUs were at least {@link #IDLE} idle (from /proc/stat; without it, never more than {@link #PARALLEL}).
     */
    private static final class Gate {
        private int running;
        private long windowStart;
        private long[] windowTicks;

        synchronized void enter() throws InterruptedException {
            while (true) {
                if (running < PARALLEL) {
                    break;
                }
                if (running < MAX && idleSinceWindowStart() >= IDLE) {
                    break;
                }
                wait(500);
            }
            running++;
            if (running > PARALLEL) {
                // measure afresh with the new session in: each extra one must find the CPUs idle again
                startWindow();
            }
        }

        synchronized void exit() {
            running--;
            notifyAll();
        }

        /** The CPUs' idle share since the window started, once it is {@link #WINDOW_MS} old; else 0. */
        private double idleSinceWindowStart() {
            long now = System.nanoTime() / 1_000_000;
            if (windowTicks == null) {
                startWindow();
                return 0;
            }
            if (now - windowStart < WINDOW_MS) {
                return 0;
            }
            if (now - windowStart > 2 * WINDOW_MS) {
                // nobody waited for a while: what the CPUs did then says nothing about now
                startWindow();
                return 0;
            }
            long[] ticks = cpuTicks();
            double idle = 0;
            if (ticks != null) {
                long total = ticks[0] - windowTicks[0];
                idle = total <= 0 ? 0 : (double) (ticks[1] - windowTicks[1]) / total;
            }
            startWindow();
            return idle;
        }

        private void startWindow() {
            windowStart = System.nanoTime() / 1_000_000;
            long[] ticks = cpuTicks();
            windowTicks = ticks == null ? new long[] {0, 0} : ticks;
        }

        /** All CPUs' ticks so far, total and idle (idle + iowait), from the first line of /proc/stat; null if unread. */
        private static long[] cpuTicks() {
            try {
                String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
                String[] f = line.trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length && i <= 8; i++) {
                    total += Long.parseLong(f[i]);
                }
                return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }
}
