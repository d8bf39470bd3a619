package dev.fwdocs.plugin.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which folders may be the output folder, judged by their real paths in a real project folder. */
class OutputLocationTest {

    @TempDir
    Path tmp;

    private Path project;
    private Path catalog;
    private Path templates;

    @BeforeEach
    void project() throws Exception {
        project = Files.createDirectories(tmp.resolve("project"));
        catalog = Files.createDirectories(project.resolve("src/fwdocs/catalog"));
        templates = Files.createDirectories(project.resolve("src/fwdocs/templates"));
    }

    private List<String> problems(String output) {
        return OutputLocation.problems(project, project.resolve(output), catalog, templates, false);
    }

    private static void one(List<String> problems, String expected) {
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(expected), problems.get(0));
    }

    @Test
    void theDefaultAndOtherFoldersOfTheirOwnAreFine() throws Exception {
        assertEquals(List.of(), problems("target/fwdocs"));
        assertEquals(List.of(), problems("docs"));
        Files.createDirectories(project.resolve("docs/generated"));
        assertEquals(List.of(), problems("docs/generated"));
        assertEquals(List.of(), problems("src/fwdocs/out"), "a sibling of the catalog and templates folders");
        assertEquals(List.of(), OutputLocation.problems(project, project.resolve("src"), catalog, null, false)
                .stream().filter(p -> p.contains("template")).toList(), "no template folder, nothing to hold");
    }

    @Test
    void theFilesystemRootIsRefused() {
        one(problems("/"), "is the filesystem root; fwdocs deletes the files it generated earlier there; use a "
                + "folder of its own, such as the default ${project.build.directory}/fwdocs");
    }

    @Test
    void theProjectFolderAndFoldersAboveItAreRefused() {
        one(problems("."), "is the project folder itself; fwdocs would manage files among your sources");
        one(problems(".."), "holds the project folder " + real(project));
        one(problems("target/../."), "is the project folder itself");
    }

    @Test
    void foldersHoldingOrInsideTheCatalogOrTemplatesAreRefused() {
        List<String> src = problems("src");
        assertEquals(2, src.size(), src.toString());
        assertTrue(src.get(0).contains("holds the catalog " + real(catalog)), src.get(0));
        assertTrue(src.get(1).contains("holds the template folder " + real(templates)), src.get(1));
        one(problems("src/fwdocs/catalog"), "is the catalog " + real(catalog));
        one(problems("src/fwdocs/catalog/out"), "is inside the catalog " + real(catalog)
                + "; fwdocs would read its own output as input");
        one(problems("src/fwdocs/templates/x"), "is inside the template folder");
    }

    @Test
    void aFolderHoldingASingleCatalogFileIsRefused() throws Exception {
        Path file = Files.writeString(Files.createDirectories(project.resolve("catalogs")).resolve("shop.yaml"), "");
        List<String> p = OutputLocation.problems(project, project.resolve("catalogs"), file, null, false);
        one(p, "holds the catalog " + real(file));
    }

    @Test
    void outsideTheProjectNeedsAllowOutsideProject() throws Exception {
        Path elsewhere = tmp.resolve("elsewhere/out");
        one(OutputLocation.problems(project, elsewhere, catalog, templates, false), "is outside the project folder "
                + real(project) + "; choose a folder inside it, or set <allowOutsideProject>true</allowOutsideProject>"
                + " (-Dfwdocs.allowOutsideProject=true) if writing there is intended");
        assertEquals(List.of(), OutputLocation.problems(project, elsewhere, catalog, templates, true));
        one(OutputLocation.problems(project, tmp, catalog, templates, true), "holds the project folder");
    }

    @Test
    void linksAreJudgedByWhereTheyLead() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(project.resolve("docs-link"), elsewhere);
        one(problems("docs-link"), "is outside the project folder");
        one(problems("docs-link/new/folder"), "is outside the project folder");
        assertEquals(List.of(), OutputLocation.problems(project, project.resolve("docs-link"), catalog, templates,
                true));
        Files.createSymbolicLink(project.resolve("src-link"), project.resolve("src"));
        assertEquals(2, problems("src-link").size(), problems("src-link").toString());
        Files.createSymbolicLink(project.resolve("catalog-link"), catalog);
        one(problems("catalog-link/out"), "is inside the catalog");
        Files.createSymbolicLink(project.resolve("up"), tmp);
        one(problems("up"), "holds the project folder");
    }

    @Test
    void aFileOrADanglingLinkIsRefused() throws Exception {
        Files.writeString(project.resolve("a-file"), "x");
        one(problems("a-file"), "exists and is not a folder");
        Files.createSymbolicLink(project.resolve("dangling"), tmp.resolve("nowhere/at/all"));
        one(problems("dangling"), "cannot tell where it, the catalog or the templates really are");
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
