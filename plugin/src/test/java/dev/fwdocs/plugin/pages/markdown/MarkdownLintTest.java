package dev.fwdocs.plugin.pages.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.pages.FakeBackend;
import dev.fwdocs.plugin.pages.Fixtures;
import dev.fwdocs.plugin.pages.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated page of every flavor passes markdownlint-cli2 with the repository's checked-in
 * {@code .markdownlint-cli2.yaml}. The tool comes from {@code FWDOCS_MARKDOWNLINT} or PATH.
 */
class MarkdownLintTest {

    static final Path CONFIG = Path.of("../.markdownlint-cli2.yaml").toAbsolutePath().normalize();

    @Test
    void everyPageOfEveryFlavorPassesMarkdownlint(@TempDir Path dir) throws Exception {
        Path tool = Tools.require("FWDOCS_MARKDOWNLINT", "markdownlint-cli2",
                "npm install --prefix DIR markdownlint-cli2, then FWDOCS_MARKDOWNLINT=DIR/node_modules/.bin/markdownlint-cli2");
        assertTrue(Files.isRegularFile(CONFIG), "missing " + CONFIG);
        int pages = 0;
        for (Flavor flavor : Flavor.values()) {
            pages += (int) Tools.write(dir, MarkdownPages.render(PageRequest.of(Fixtures.allCatalogs(), flavor,
                    Fixtures.backends()))).stream().filter(p -> !p.toString().endsWith(".html")).count();
            // Backend notes under the command blocks, which the real backends may or may not add yet.
            pages += (int) Tools.write(dir.resolve("noted"), MarkdownPages.render(PageRequest.of(
                    List.of(Fixtures.testCatalog("escaping.yaml")), flavor, FakeBackend.withNotes(List.of(
                    "Only the script limits sources.", "A second note.")))))
                    .stream().filter(p -> !p.toString().endsWith(".html")).count();
        }
        List<String> command = new ArrayList<>(List.of(tool.toString(), "--config", CONFIG.toString(),
                "**/*.md", "**/*.mdx"));
        Tools.Result r = Tools.run(dir, command);
        assertEquals(0, r.exit(), "markdownlint found problems:\n" + r.output());
        // markdownlint-cli2 0.22 prints "file(s)" and "error(s)", 0.24 "files" and "issues".
        assertTrue(java.util.regex.Pattern.compile("Linting: " + pages + " file(\\(s\\)|s)\\b").matcher(r.output())
                .find(), "markdownlint did not lint all " + pages + " pages:\n" + r.output());
        assertTrue(java.util.regex.Pattern.compile("Summary: 0 (error\\(s\\)|issues)").matcher(r.output()).find(),
                r.output());
    }

    @Test
    void theLinterCatchesABrokenPage(@TempDir Path dir) throws Exception {
        Path tool = Tools.require("FWDOCS_MARKDOWNLINT", "markdownlint-cli2", "see above");
        Files.writeString(dir.resolve("bad.md"), "# Title\n\n\n\n## Heading\nText  \n|a|b|\n");
        Tools.Result r = Tools.run(dir, List.of(tool.toString(), "--config", CONFIG.toString(), "**/*.md"));
        assertTrue(r.exit() != 0, "markdownlint accepted a broken page:\n" + r.output());
    }
}
