package dev.fwdocs.plugin.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fwdocs.plugin.pages.markdown.Flavor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page checks of the fuzz test tell code from text by position, in table cells too. */
class InertnessTest {

    private static List<String> findings(String page) {
        return Inertness.markdownPage(Flavor.MKDOCS, "p.md", page);
    }

    private static String row(String cell) {
        return "| h | i |\n| --- | --- |\n| " + cell + " | x |\n";
    }

    @Test
    void bracesInCodeAfterEscapedPipesAreCode() {
        // commonmark-java's own positions put the closing braces of this span outside it
        assertEquals(List.of(), findings(row("a \\| b \\| c \\| d `{{< x >}}` e &#123;")));
        assertEquals(List.of(), findings("a \\| b `{x}`\n"));
    }

    @Test
    void aBraceInTextIsFoundInCellsAndOutOfThem() {
        assertEquals(List.of("p.md: brace in text ' {y}'"), findings(row("a \\| b `{x}` {y}")));
        assertEquals(List.of("p.md: brace in text 'x{y}'"), findings(row("{y}")));
        assertEquals(List.of("p.md: brace in text 'a {y}'"), findings("a {y}\n"));
    }
}
