package dev.fwdocs.plugin.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Golden files for one backend: every generated file, the page commands and the unsupported report, for the seeds
 * {@code storageos} and {@code konvoy} and this branch's feature and injection catalogs. Rewritten only with
 * {@code -Dfwdocs.updateGolden=true}; otherwise compared byte for byte, and stray golden files fail too.
 */
public final class RulesBGolden {

    public static final List<String> PRODUCTS = List.of("storageos", "konvoy", "featurama", "evil");

    private RulesBGolden() {
    }

    /** Everything the backend produces for the golden products, as relative path -> text. */
    public static java.util.SortedMap<String, String> produce(RuleBackend backend) {
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        for (ProductCatalog pc : RulesBFixtures.catalogs()) {
            String product = pc.product().id();
            if (!PRODUCTS.contains(product)) {
                continue;
            }
            List<ResolvedVersion> versions = Resolver.resolveAll(pc);
            TreeSet<Diagnostic> diags = new TreeSet<>();
            versions.forEach(v -> diags.addAll(Plans.unsupported(backend, v)));
            out.put(product + "/unsupported.txt",
                    diags.stream().map(d -> d + "\n").collect(Collectors.joining()));
            for (ResolvedVersion v : versions) {
                for (RoleView r : v.roles()) {
                    String dir = product + "/" + v.version() + "/" + r.role().id() + "/";
                    for (GeneratedFile f : Plans.files(backend, v, r)) {
                        out.put(dir + f.path(), f.text());
                    }
                    out.put(dir + "commands.txt", Plans.commands(backend, v, r));
                }
            }
        }
        return out;
    }

    /** Compares (or with the update flag rewrites) {@code src/test/resources/golden/<backend>/}. */
    public static void check(RuleBackend backend) throws IOException {
        Path root = Paths.get("src/test/resources/golden", backend.id());
        java.util.SortedMap<String, String> now = produce(backend);
        assertTrue(now.keySet().stream().anyMatch(k -> k.startsWith("storageos/"))
                && now.keySet().stream().anyMatch(k -> k.startsWith("konvoy/")), "the seeds storageos and konvoy must be there");
        if (RulesBFixtures.updateGolden()) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.walk(root)) {
                    for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            for (var e : now.entrySet()) {
                Path p = root.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
            }
            return;
        }
        List<String> stored = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(p -> stored.add(root.relativize(p).toString().replace('\\', '/')));
        }
        assertEquals(new TreeSet<>(now.keySet()), new TreeSet<>(stored),
                "the set of generated files differs from " + root + " (run with -Dfwdocs.updateGolden=true after checking)");
        for (var e : now.entrySet()) {
            assertEquals(Files.readString(root.resolve(e.getKey()), StandardCharsets.UTF_8), e.getValue(),
                    "golden file " + root.resolve(e.getKey()) + " differs");
        }
    }
}
