package dev.fwdocs.plugin.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.read.CatalogReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny run of the benchmark's catalog generator: valid, deterministic, of the asked shape. */
class SyntheticCatalogTest {

    @Test
    void writesValidDeterministicCatalogsOfTheAskedShape(@TempDir Path dir) throws Exception {
        SyntheticCatalog shape = new SyntheticCatalog(3, 5, 3, 40, 7);
        List<Path> files = shape.write(dir.resolve("a"));
        shape.write(dir.resolve("b"));
        assertEquals(3, files.size());
        for (Path f : files) {
            assertEquals(Files.readString(f), Files.readString(dir.resolve("b").resolve(f.getFileName())));
        }
        assertNotEquals(shape.product(0), new SyntheticCatalog(3, 5, 3, 40, 8).product(0), "the seed matters");
        Catalog catalog = new CatalogReader(dir).read(dir.resolve("a"));
        assertEquals(3, catalog.products().size());
        assertEquals(5, catalog.products().get(0).product().versions().size());
        assertEquals(3, catalog.products().get(0).roles().size());
        assertEquals(40, catalog.products().get(0).rules().size());
        assertTrue(catalog.products().stream().allMatch(p -> p.rules().stream().anyMatch(r -> r.since() != null)),
                "rules come and go between versions");
        assertFalse(catalog.warnings().stream().anyMatch(d -> d.isError()));
    }
}
