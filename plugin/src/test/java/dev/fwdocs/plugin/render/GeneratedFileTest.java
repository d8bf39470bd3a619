package dev.fwdocs.plugin.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GeneratedFileTest {

    @Test
    void utf8FromABufferIsTheSameBytesAsFromItsString() {
        List<String> samples = List.of("", "plain", "é ü ß", "→ — “quotes”", "emoji \uD83D\uDE00 end",
                "lone high \uD83D then text", "lone low \uDE00",
                "ends high \uD83D", "\uDE00\uD83D reversed", "\u07FF\u0800\uFFFF");
        for (String s : samples) {
            check(s);
        }
        Random random = new Random(42);
        char[] alphabet = {'a', '<', 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xffff};
        for (int n = 0; n < 2000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                b.append(alphabet[random.nextInt(alphabet.length)]);
            }
            check(b.toString());
        }
    }

    private static void check(String s) {
        assertArrayEquals(s.getBytes(StandardCharsets.UTF_8),
                GeneratedFile.utf8("p.html", new StringBuilder(s)).content(), () -> "for " + s.chars().boxed().toList());
    }
}
