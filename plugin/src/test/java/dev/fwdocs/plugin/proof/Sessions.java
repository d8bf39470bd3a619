package dev.fwdocs.plugin.proof;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool for proof sessions: sessions use their own namespaces and spend most of their time waiting for
 * probe timeouts, so a few run at once even on two cores ({@code -Dfwdocs.proof.parallel=N}, default 4).
 */
final class Sessions {

    private static final int PARALLEL = Math.max(1, Integer.getInteger("fwdocs.proof.parallel", 4));
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(PARALLEL, r -> {
        Thread t = new Thread(r, "proof-session-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private Sessions() {
    }

    static Future<ProofSession.Report> submit(ProofSession session) {
        java.util.concurrent.Callable<ProofSession.Report> task = session::run;
        return POOL.submit(task);
    }

    static Future<ProofSession.Report> submit(OperatorSession session) {
        java.util.concurrent.Callable<ProofSession.Report> task = session::run;
        return POOL.submit(task);
    }

    /** Any other session of namespaces (a bundle's proof on one variant), in the same pool. */
    static <T> Future<T> submit(java.util.concurrent.Callable<T> session) {
        return POOL.submit(session);
    }
}
