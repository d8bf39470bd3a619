package dev.fwdocs.plugin.mojo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.testing.Catalogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The seeds' schema modeline names a copy of the catalog schema inside site-example, so that it keeps working when
 * the example is copied out of this repository; the copy is the catalog module's schema, byte for byte.
 */
class SeedSchemaTest {

    private static final Path SCHEMA = Path.of("../catalog/src/main/resources/dev/fwdocs/catalog/"
            + "fwdocs-catalog.schema.json");

    @Test
    void everySeedNamesTheSchemaCopyBesideTheCatalogAndTheCopyIsCurrent() throws Exception {
        List<Path> seeds;
        try (Stream<Path> s = Files.list(Catalogs.SEEDS)) {
            seeds = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(seeds.isEmpty());
        for (Path seed : seeds) {
            String first = Files.readAllLines(seed).get(0);
            assertTrue(first.startsWith("# yaml-language-server: $schema="), seed + ": " + first);
            String target = first.substring(first.indexOf('=') + 1);
            assertFalse(target.contains("../../"), seed + " reaches out of site-example: " + target);
            Path copy = seed.getParent().resolve(target).normalize();
            assertTrue(copy.startsWith(Catalogs.SEEDS.getParent().getParent()), copy.toString());
            assertArrayEquals(Files.readAllBytes(SCHEMA), Files.readAllBytes(copy),
                    copy + " is older than " + SCHEMA + ": copy it again");
        }
    }
}
