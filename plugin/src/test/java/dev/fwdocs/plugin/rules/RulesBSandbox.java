package dev.fwdocs.plugin.rules;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Whether this machine lets the tests use private mount and network namespaces, and parallel runs of scenarios. */
public final class RulesBSandbox {

    public static final Path RESOURCES = Paths.get("src/test/resources/rules-b").toAbsolutePath();

    private RulesBSandbox() {
    }

    /**
     * Skips the calling test, loudly, when namespaces (or the tool) are not available; never skips when {@code CI} is
     * set, so that CI fails instead of passing without proof.
     */
    public static void requireNamespacesAnd(String tool) throws Exception {
        boolean ok = RulesBFixtures.run(List.of("unshare", "-m", "-n", "--propagation", "private", "true"), 20).code() == 0
                && RulesBFixtures.run(List.of("sh", "-c", "command -v " + tool), 10).code() == 0;
        if (!ok) {
            String msg = "!!! SKIPPED: this machine cannot create private namespaces as root or lacks " + tool
                    + "; the " + tool + " load tests did not run !!!";
            System.err.println(msg);
            if (System.getenv("CI") != null) {
                throw new AssertionError(msg + " (CI is set: failing instead of skipping)");
            }
            assumeTrue(false, msg);
        }
    }

    /** Runs the jobs on a few threads and returns every result, in job order. */
    public static <T> List<T> parallel(List<Callable<T>> jobs, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> fs = pool.invokeAll(jobs);
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
