package dev.fwdocs.plugin.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.bench.SyntheticCatalog;
import dev.fwdocs.plugin.output.Outputs;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every output, written through the generator's streaming path, is the same bytes whether the run has one thread or
 * several: the parallel parts (plans, page model, pages, scripts, bundles) are joined in catalog order.
 */
class ThreadCountTest {

    @TempDir
    Path dir;

    @Test
    void oneThreadAndFourThreadsWriteTheSameBytes() throws Exception {
        // More products than one parallel group of Parts holds, so that groups are handed over in turn.
        Path catalog = dir.resolve("catalog");
        new SyntheticCatalog(33, 1, 1, 3, 7).write(catalog);
        Map<String, String> one = run(1, catalog, dir.resolve("one"));
        Map<String, String> four = run(4, catalog, dir.resolve("four"));
        assertTrue(one.size() > 300, "every output of 33 products: " + one.size() + " files");
        assertEquals(one.keySet(), four.keySet(), "the same files");
        one.forEach((path, sum) -> assertEquals(sum, four.get(path), path + " differs between 1 and 4 threads"));
    }

    private static Map<String, String> run(int threads, Path catalog, Path out) throws Exception {
        List<RuleBackend> backends = BackendRegistry.standard().all();
        GenerateRequest request = new GenerateRequest(catalog.getParent(), catalog, out, backends,
                Outputs.standard().all(), BackendRegistry.defaultDistros(backends), FrontMatterSettings.defaults(),
                null);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> Generator.generate(request)).get();
        } finally {
            pool.shutdownNow();
        }
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                sums.put(out.relativize(f).toString(), FileOps.sha256(Files.readAllBytes(f)));
            }
        }
        return sums;
    }
}
