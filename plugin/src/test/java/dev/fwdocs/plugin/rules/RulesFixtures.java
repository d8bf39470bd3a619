package dev.fwdocs.plugin.rules;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.CatalogException;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.read.CatalogReader;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Test catalogs for the rule backends: the test copies under test resources plus every seed of site-example. */
public final class RulesFixtures {

    /** Test catalogs kept with the tests (stable goldens). */
    public static final Path TEST_CATALOGS = Path.of("src/test/resources/rules/catalogs");
    /** The seed catalogs of the example site, when present. */
    public static final Path SEED_CATALOGS = Path.of("../site-example/src/fwdocs/catalog");

    private RulesFixtures() {
    }

    /** One catalog file read on its own (as the generator reads a directory, but one product). */
    public static ProductCatalog load(Path file) {
        try {
            Map<String, String> texts = new LinkedHashMap<>();
            texts.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            Catalog c = CatalogReader.read(file.getFileName().toString(), texts);
            return c.products().get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CatalogException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test catalogs except the injection one, then the seeds. */
    public static List<Path> allCatalogs() {
        List<Path> out = new ArrayList<>();
        files(TEST_CATALOGS).stream().filter(p -> !p.getFileName().toString().equals("evil.yaml")).forEach(out::add);
        files(SEED_CATALOGS).forEach(out::add);
        return out;
    }

    /** A rendered script with a name that says where it came from. */
    public record Rendered(String name, ResolvedVersion version, RoleView role, GeneratedFile file) {
    }

    /** Every script of the backend for every version and role of the catalog. */
    public static List<Rendered> render(RuleBackend backend, Path catalogFile) {
        ProductCatalog pc = load(catalogFile);
        List<Rendered> out = new ArrayList<>();
        for (ResolvedVersion v : Resolver.resolveAll(pc)) {
            for (RoleView r : v.roles()) {
                for (GeneratedFile f : Plans.files(backend, v, r)) {
                    out.add(new Rendered(pc.product().id() + "/" + v.version() + "/" + r.role().id() + "/" + f.path(),
                            v, r, f));
                }
            }
        }
        return out;
    }
}
