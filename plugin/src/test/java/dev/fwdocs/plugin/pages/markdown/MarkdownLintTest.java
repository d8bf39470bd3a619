package dev.fwdocs.plugin.pages.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.pages.FakeBackend;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.testing.Catalogs;
import dev.fwdocs.plugin.testing.Command;
import dev.fwdocs.plugin.testing.Environment;
import dev.fwdocs.plugin.testing.GeneratedFiles;
import dev.fwdocs.plugin.testing.KnownFinding;
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

    /** Findings known and not yet fixed. */
    private static final List<KnownFinding> KNOWN = List.of(new KnownFinding(
            "pages/[a-z]+/(content/)?injection/(1\\.0|latest)/_?index\\.mdx?:[0-9]+ error MD003/heading-style"
                    + " .*atx_closed.*",
            "a role name that ends in '#' (catalog injection) ends its ATX heading, which then loses the '#':"
                    + " page headings do not escape a trailing '#'"));

    @Test
    void everyPageOfEveryFlavorPassesMarkdownlint(@TempDir Path dir) throws Exception {
        Path tool = markdownlint();
        assertTrue(Files.isRegularFile(CONFIG), "missing " + CONFIG);
        int pages = 0;
        for (Flavor flavor : Flavor.values()) {
            pages += (int) GeneratedFiles.write(dir, MarkdownPages.render(PageRequest.of(Catalogs.all(), flavor,
                    BackendRegistry.standard().all()))).stream().filter(p -> !p.toString().endsWith(".html")).count();
            // Backend notes under the command blocks.
            pages += (int) GeneratedFiles.write(dir.resolve("noted"), MarkdownPages.render(PageRequest.of(
                    List.of(Catalogs.feature("escaping")), flavor, FakeBackend.withNotes(List.of(
                    "Only the script limits sources.", "A second note.")))))
                    .stream().filter(p -> !p.toString().endsWith(".html")).count();
        }
        List<String> command = new ArrayList<>(List.of(tool.toString(), "--config", CONFIG.toString(),
                "**/*.md", "**/*.mdx"));
        Command.Result r = lint(dir, command);
        // markdownlint-cli2 0.22 prints "file(s)", 0.24 "files"
        assertTrue(java.util.regex.Pattern.compile("Linting: " + pages + " file(\\(s\\)|s)\\b").matcher(r.output())
                .find(), "markdownlint did not lint all " + pages + " pages:\n" + r.output());
        List<String> findings = r.output().lines().filter(l -> l.matches("\\S+:[0-9]+(:[0-9]+)? error .*")).toList();
        assertEquals(findings.isEmpty() ? 0 : 1, r.exit(), "markdownlint failed:\n" + r.output());
        assertEquals("", String.join("\n", KnownFinding.unknown(findings, KNOWN)), "markdownlint found problems");
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
                + " or npm install --prefix DIR markdownlint-cli2 and"
                + " FWDOCS_MARKDOWNLINT=DIR/node_modules/.bin/markdownlint-cli2");
    }

    private static Command.Result lint(Path dir, List<String> command) {
        return Command.of(command).in(dir).timeout(Duration.ofMinutes(5)).mergeErrors().run();
    }
}
