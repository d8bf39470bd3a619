package dev.fwdocs.catalog.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.CatalogException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading from the file system: folders, file names in locations, empty and missing catalogs. */
class CatalogReaderFilesTest {

    @TempDir
    Path dir;

    @Test
    void emptyFolder() throws Exception {
        Files.createDirectories(dir.resolve("catalog"));
        CatalogException e = assertThrows(CatalogException.class, () -> new CatalogReader(dir).read(Path.of("catalog")));
        assertEquals("catalog: the catalog is empty: it holds no .yaml or .yml file; add one file per product, "
                + "starting with 'fwdocs: 1'", e.diagnostics().get(0).toString());
        assertEquals(1, e.errors().size());
    }

    @Test
    void missingCatalog() {
        CatalogException e = assertThrows(CatalogException.class, () -> new CatalogReader(dir).read(Path.of("nope")));
        assertEquals("nope: the catalog does not exist; create it or point fwdocs.catalog at an existing file or "
                + "folder", e.diagnostics().get(0).toString());
    }

    @Test
    void folderOfProductsInPathOrderWithRelativeNames() throws Exception {
        Path cat = Files.createDirectories(dir.resolve("src/catalog/sub"));
        Files.writeString(cat.resolve("b.yaml"), Yaml.HEAD.replace("id: demo", "id: bbb"));
        Files.writeString(dir.resolve("src/catalog/a.yml"), Yaml.HEAD.replace("id: demo", "id: aaa"));
        Files.writeString(dir.resolve("src/catalog/notes.txt"), "not a catalog");
        Catalog c = new CatalogReader(dir).read(Path.of("src/catalog"));
        assertEquals(List.of("aaa", "bbb"), c.products().stream().map(p -> p.product().id()).toList());
        assertEquals("src/catalog/sub/b.yaml", c.products().get(1).source());
        assertEquals("src/catalog/sub/b.yaml:18:5", c.products().get(1).rules().get(1).location().toString());
    }

    @Test
    void emptyFileInAFolderIsAnError() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), Yaml.HEAD);
        Files.writeString(dir.resolve("b.yaml"), "");
        CatalogException e = assertThrows(CatalogException.class, () -> new CatalogReader(dir).read(dir));
        assertEquals("b.yaml:1:1: the file is empty; a catalog file starts with 'fwdocs: 1' followed by the "
                + "'product', its 'roles' and its 'rules'", e.errors().get(0).toString());
        assertEquals(1, e.errors().size());
    }

    @Test
    void exceptionMessageListsEveryProblemThenTheCount() {
        CatalogException e = assertThrows(CatalogException.class, () -> CatalogReader.read("c",
                java.util.Map.of("p.yaml", Yaml.HEAD.replace("ports: 443", "ports: 0").replace("ports: 8080",
                        "ports: 99999"))));
        assertEquals("""
                p.yaml:15:12: port 0 cannot be opened; use a port from 1 to 65535
                p.yaml:20:12: port 99999 is above 65535, the highest port; use a port from 1 to 65535
                2 errors in the catalog""", e.getMessage());
    }
}
