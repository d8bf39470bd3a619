package dev.fwdocs.plugin.pages.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The escaper returns plain text as it is only where escaping it would change nothing: for every flavor, text drawn
 * mostly from the characters and positions escaping treats specially gives the same result either way.
 */
class LiteralTextTest {

    /** Letters and digits, what escaping changes, blanks and line breaks, controls, and non-ASCII. */
    private static final String ALPHABET = "aiexmport0123456789 .,:;/()!?'\"@$%^#-+=>\\`*_[]~<&{}|\t\n\r\u000b\u007f"
            + "\u0085\u00a0\u202e\u2028é漢";

    @Test
    void literalTextIsWhatEscapingWouldGive() {
        Random random = new Random(20261205L);
        for (Flavor flavor : Flavor.values()) {
            MarkdownEscaper e = new MarkdownEscaper(flavor);
            int literal = 0;
            for (int n = 0; n < 200_000; n++) {
                String s = sample(random);
                assertEquals(e.escapedText(s), e.text(s), () -> flavor + ": " + s.codePoints()
                        .mapToObj(c -> String.format("U+%04X", c)).toList());
                if (e.isLiteral(s)) {
                    literal++;
                }
            }
            assertTrue(literal > 10_000, flavor + ": too few samples took the literal path: " + literal);
        }
    }

    @Test
    void ordinaryCellsAreNotCopied() {
        MarkdownEscaper e = new MarkdownEscaper(Flavor.HUGO);
        String cell = "TCP, from the control plane (API server) to kubelet";
        assertSame(cell, e.text(cell));
        assertFalse(e.isLiteral("10250/tcp"), "a leading digit could start an ordered list");
        assertFalse(new MarkdownEscaper(Flavor.DOCUSAURUS).isLiteral("export"), "MDX reads export as code");
        assertTrue(new MarkdownEscaper(Flavor.PLAIN).isLiteral("export data"));
    }

    private static String sample(Random random) {
        StringBuilder sb = new StringBuilder();
        int len = random.nextInt(9);
        boolean plain = random.nextInt(3) > 0;
        for (int i = 0; i < len; i++) {
            // Two samples in three draw from letters and spaces mostly, so that many are literal.
            sb.append(plain && random.nextInt(10) > 0 ? "abcdefghiemx ".charAt(random.nextInt(13))
                    : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
