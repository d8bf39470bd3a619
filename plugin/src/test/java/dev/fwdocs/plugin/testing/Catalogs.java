package dev.fwdocs.plugin.testing;

import dev.fwdocs.catalog.CatalogException;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.read.CatalogReader;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.catalog.resolve.RoleView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The catalogs the tests read, in three sets: the <b>seeds</b> (the five real products of site-example), the
 * <b>feature</b> catalogs (small, each showing one feature; they and the seeds make the golden files) and the
 * <b>combined</b> catalogs (several features in one product, for tests of a script's options).
 */
public final class Catalogs {

    /** The seed catalogs of the example documentation repository. */
    public static final Path SEEDS = Path.of("../site-example/src/fwdocs/catalog").toAbsolutePath().normalize();

    /** One catalog per feature: {@code src/test/resources/catalogs/features/<feature>.yaml}. */
    public static final Path FEATURES = Path.of("src/test/resources/catalogs/features").toAbsolutePath();

    /** Catalogs that combine features: {@code src/test/resources/catalogs/combined/<name>.yaml}. */
    public static final Path COMBINED = Path.of("src/test/resources/catalogs/combined").toAbsolutePath();

    /** How every catalog file is named in diagnostics and page headers: as the goal names it in a doc repository. */
    private static final String FOLDER = "src/fwdocs/catalog/";

    private Catalogs() {
    }

    /** A role of one product version: what one script or one role section of a page is generated for. */
    public record RoleVersion(ResolvedVersion version, RoleView role) {

        public String product() {
            return version.catalog().product().id();
        }

        /** {@code product/version/role}, the folder the generator writes the role's scripts to. */
        public String dir() {
            return product() + "/" + version.version() + "/" + role.role().id();
        }

        @Override
        public String toString() {
            return dir();
        }
    }

    /** One catalog file, named {@code src/fwdocs/catalog/<file>}. */
    public static ProductCatalog read(Path file) {
        try {
            String name = FOLDER + file.getFileName();
            return CatalogReader.read(name, Map.of(name, Files.readString(file, StandardCharsets.UTF_8))).products()
                    .get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CatalogException e) {
            throw new IllegalStateException("test catalog " + file + " is invalid: " + e.getMessage(), e);
        }
    }

    public static List<ProductCatalog> seeds() {
        return readAll(SEEDS);
    }

    public static List<ProductCatalog> features() {
        return readAll(FEATURES);
    }

    public static List<ProductCatalog> combined() {
        return readAll(COMBINED);
    }

    /** What the golden files are made from: every feature catalog, then every seed. */
    public static List<ProductCatalog> golden() {
        List<ProductCatalog> out = new ArrayList<>(features());
        out.addAll(seeds());
        return out;
    }

    /** Every catalog: features, combined, seeds. */
    public static List<ProductCatalog> all() {
        List<ProductCatalog> out = new ArrayList<>(features());
        out.addAll(combined());
        out.addAll(seeds());
        return out;
    }

    public static ProductCatalog seed(String id) {
        return read(SEEDS.resolve(id + ".yaml"));
    }

    public static ProductCatalog feature(String name) {
        return read(FEATURES.resolve(name + ".yaml"));
    }

    public static ProductCatalog combined(String name) {
        return read(COMBINED.resolve(name + ".yaml"));
    }

    /** The catalog's file name without {@code .yaml}: the folder of its golden files. */
    public static String name(ProductCatalog catalog) {
        String file = Path.of(catalog.source()).getFileName().toString();
        return file.substring(0, file.lastIndexOf('.'));
    }

    /** Every role of every version of the catalogs, in catalog, version and role order. */
    public static List<RoleVersion> roles(List<ProductCatalog> catalogs) {
        List<RoleVersion> out = new ArrayList<>();
        for (ProductCatalog pc : catalogs) {
            for (ResolvedVersion v : Resolver.resolveAll(pc)) {
                for (RoleView r : v.roles()) {
                    out.add(new RoleVersion(v, r));
                }
            }
        }
        return out;
    }

    /** Every role of the latest version of each catalog. */
    public static List<RoleVersion> latestRoles(List<ProductCatalog> catalogs) {
        return roles(catalogs).stream().filter(r -> r.version().isLatest()).toList();
    }

    /** One role of one version. */
    public static RoleVersion role(ProductCatalog catalog, String version, String role) {
        ResolvedVersion v = Resolver.resolve(catalog, version);
        return new RoleVersion(v, v.role(role).orElseThrow(() -> new IllegalArgumentException(
                catalog.product().id() + " " + version + " has no role " + role)));
    }

    private static List<ProductCatalog> readAll(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<ProductCatalog> out = s.filter(p -> p.toString().endsWith(".yaml")).sorted().map(Catalogs::read)
                    .toList();
            if (out.isEmpty()) {
                throw new IllegalStateException("no catalogs in " + dir);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
