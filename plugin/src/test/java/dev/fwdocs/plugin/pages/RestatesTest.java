package dev.fwdocs.plugin.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A description restates a rule's name when both are equal ignoring case, spacing and final periods or exclamation
 * marks; PageModel works that out by hand for ASCII text and with the patterns for anything else, the same answer.
 */
class RestatesTest {

    /** The definition: what PageModel did with patterns for every row. */
    private static String plain(String s) {
        return s.strip().replaceAll("\\s+", " ").replaceAll("[.!]+$", "").toLowerCase(Locale.ROOT);
    }

    @Test
    void theHandWrittenStepsAgreeWithThePatterns() {
        List<String> texts = List.of("", " ", "Dataplane health check", "Dataplane health check.",
                "  dataplane   HEALTH\tcheck!!  ", "API .", "a.\u0085", "a..\u0085.", "Caf\u00e9 port", "\u2028x.\u2028",
                "tab\u000bbed\fand\rreturned\n", "\u001c sep", "x\u00a0y", "...", "Port 5701 (*synthetic*), see notes.",
                "ÉCLAIR.", "a \u0085 b");
        for (String a : texts) {
            for (String b : texts) {
                assertEquals(plain(a).equals(plain(b)), PageModel.restates(a, b), "'" + a + "' and '" + b + "'");
            }
        }
        assertTrue(PageModel.restates("Dataplane health check.", "dataplane  health CHECK"));
        assertFalse(PageModel.restates("Dataplane health check, every second.", "Dataplane health check"));
    }
}
