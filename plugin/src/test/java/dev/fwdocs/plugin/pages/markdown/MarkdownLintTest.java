package dev.fwdocs.plugin.pages.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.testing.Catalogs;
import dev.fwdocs.plugin.testing.Command;
import dev.fwdocs.plugin.testing.Environment;
import dev.fwdocs.plugin.testing.GeneratedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated page of every flavor passes markdownlint-cli2 with the repository's checked-in
 * {@code .markdownlint-cli2.yaml}. The tool comes from {@code FWDOCS_MARKDOWNLINT} or PATH.
 */
@Tag("sitegen")
class MarkdownLintTest {

    static final Path CONFIG = Path.of("../.markdownlint-cli2.yaml").toAbsolutePath().normalize();

    @Test
    void everyPageOfEveryFlavorPassesMarkdownlint(@TempDir Path dir) throws Exception {
        Path tool = markdownlint();
        assertTrue(Files.isRegularFile(CONFIG), "missing " + CONFIG);
        int pages = 0;
        for (Flavor flavor : Flavor.values()) {
            pages += (int) GeneratedFiles.write(dir, MarkdownPages.render(PageRequest.of(Catalogs.all(), flavor,
                    BackendRegistry.standard().all()))).stream().filter(p -> !p.toString().endsWith(".html")).count();
        }
        List<String> command = new ArrayList<>(List.of(tool.toString(), "--config", CONFIG.toString(),
                "**/*.md", "**/*.mdx"));
        Command.Result r = lint(dir, command);
        assertEquals(0, r.exit(), "markdownlint found problems:\n" + r.output());
        // markdownlint-cli2 0.22 prints "file(s)" and "error(s)", 0.24 "files" and "issues".
        assertTrue(java.util.regex.Pattern.compile("Linting: " + pages + " file(\\(s\\)|s)\\b").matcher(r.output())
                .find(), "markdownlint did not lint all " + pages + " pages:\n" + r.output());
        assertTrue(java.util.regex.Pattern.compile("Summary: 0 (error\\(s\\)|issues)").matcher(r.output()).find(),
                r.output());
    }

    @Test
    void theLinterCatchesABrokenPage(@TempDir Path dir) throws Exception {
        Path tool = markdownlint();
        Files.writeString(dir.resolve("bad.md"), "# Title\n\n\n\n## Heading\nText  \n|a|b|\n");
        Command.Result r = lint(dir, List.of(tool.toString(), "--config", CONFIG.toString(), "**/*.md"));
        assertTrue(r.exit() != 0, "markdownlint accepted a broken page:\n" + r.output());
    }

    private static Path markdownlint() {
        return Environment.requireTool("markdownlint-cli2", "FWDOCS_MARKDOWNLINT", "npm install -g markdownlint-cli2,"
                + " or npm install --prefix DIR markdownlint-cli2 and FWDOCS_MARKDOWNLINT=DIR/node_modules/.bin/markdownlint-cli2");
    }

    private static Command.Result lint(Path dir, List<String> command) {
        return Command.of(command).in(dir).timeout(Duration.ofMinutes(5)).mergeErrors().run();
    }
}
