package dev.fwdocs.plugin.rules;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.read.CatalogReader;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test inputs for the ufw and firewalld backends: the seed catalogs plus this branch's feature and injection catalogs. */
public final class RulesBFixtures {

    public static final Path SEEDS = Paths.get("../site-example/src/fwdocs/catalog");
    public static final Path OWN = Paths.get("src/test/resources/rules-b");

    private RulesBFixtures() {
    }

    /** One role of one version of one product. */
    public record Case(ResolvedVersion version, RoleView role) {
        public String product() {
            return version.catalog().product().id();
        }

        /** {@code product/version/role}, the folder the generator uses. */
        public String dir() {
            return product() + "/" + version.version() + "/" + role.role().id();
        }

        @Override
        public String toString() {
            return dir();
        }
    }

    /** Every catalog file: the seeds (whatever has landed) then ours. */
    public static List<Path> catalogFiles() {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(SEEDS, OWN)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    public static ProductCatalog load(Path file) {
        try {
            Catalog c = new CatalogReader(file.getParent()).read(file.getFileName());
            return c.products().get(0);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<ProductCatalog> catalogs() {
        return catalogFiles().stream().map(RulesBFixtures::load).toList();
    }

    public static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (ProductCatalog pc : catalogs()) {
            for (ResolvedVersion v : Resolver.resolveAll(pc)) {
                for (RoleView r : v.roles()) {
                    out.add(new Case(v, r));
                }
            }
        }
        return out;
    }

    public static Case find(String product, String version, String role) {
        return cases().stream().filter(c -> c.product().equals(product) && c.version().version().equals(version)
                && c.role().role().id().equals(role)).findFirst().orElseThrow();
    }

    /** Writes the files under {@code dir}, scripts executable. */
    public static void write(Path dir, List<GeneratedFile> files) throws IOException {
        for (GeneratedFile f : files) {
            Path p = dir.resolve(f.path());
            Files.createDirectories(p.getParent());
            Files.write(p, f.content());
            if (f.executable()) {
                p.toFile().setExecutable(true);
            }
        }
    }

    /** The result of a command: exit code and the merged output. */
    public record Run(int code, String out) {
    }

    /** Runs a command with a time limit, standard error merged into the output (see {@link Proc}). */
    public static Run run(List<String> command, int seconds) {
        Proc.Result r = Proc.run(command, java.util.Map.of(), null, seconds);
        return new Run(r.code(), r.output());
    }

    /** True when the golden files are to be rewritten ({@code -Dfwdocs.updateGolden=true}). */
    public static boolean updateGolden() {
        return Boolean.getBoolean("fwdocs.updateGolden");
    }
}
