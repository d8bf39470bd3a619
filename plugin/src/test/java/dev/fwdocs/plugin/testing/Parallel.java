package dev.fwdocs.plugin.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs independent slow jobs of one test (firewall sandboxes, linter batches) a few at a time. */
public final class Parallel {

    private Parallel() {
    }

    /** Runs the jobs on {@code threads} threads and returns every result in job order; the first failure is thrown. */
    public static <T> List<T> run(List<Callable<T>> jobs, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<T> out = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(jobs)) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception x ? x : e;
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
