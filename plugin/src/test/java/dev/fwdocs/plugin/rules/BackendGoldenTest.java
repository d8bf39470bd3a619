package dev.fwdocs.plugin.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.testing.Catalogs.RoleVersion;
import dev.fwdocs.plugin.testing.Catalogs;
import dev.fwdocs.plugin.testing.Golden;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files of every backend, from every feature catalog and every seed: {@code golden/rules/<backend>/<catalog>/}
 * holds {@code unsupported.txt} (what the backend reports it cannot express) and, per version and role, every file
 * the backend writes plus {@code commands.txt} (the commands the pages show).
 */
class BackendGoldenTest {

    static Stream<RuleBackend> backends() {
        return BackendRegistry.standard().all().stream();
    }

    /** Everything the backend produces for the golden catalogs, as relative path -> text. */
    static SortedMap<String, String> produce(RuleBackend backend) {
        SortedMap<String, String> out = new TreeMap<>();
        for (ProductCatalog pc : Catalogs.golden()) {
            String name = Catalogs.name(pc);
            List<ResolvedVersion> versions = Resolver.resolveAll(pc);
            TreeSet<Diagnostic> diagnostics = new TreeSet<>();
            versions.forEach(v -> diagnostics.addAll(Plans.unsupported(backend, v)));
            out.put(name + "/unsupported.txt", diagnostics.stream().map(d -> d + "\n").collect(Collectors.joining()));
            for (RoleVersion r : Catalogs.roles(List.of(pc))) {
                String dir = name + "/" + r.version().version() + "/" + r.role().role().id() + "/";
                for (GeneratedFile f : Plans.files(backend, r.version(), r.role())) {
                    out.put(dir + f.path(), f.text());
                    assertTrue(!f.path().endsWith(".sh") || f.executable(), dir + f.path() + " is not executable");
                }
                out.put(dir + "commands.txt", Plans.commands(backend, r.version(), r.role()));
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void outputMatchesTheGoldenFiles(RuleBackend backend) {
        Golden.check(Golden.rules(backend.id()), produce(backend));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void sameCatalogSameBytes(RuleBackend backend) {
        assertEquals(produce(backend), produce(backend));
    }
}
