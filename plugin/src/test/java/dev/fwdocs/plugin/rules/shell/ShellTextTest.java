package dev.fwdocs.plugin.rules.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Catalog text as comments and help: the shortcut for plain text gives what the full scan gives. */
class ShellTextTest {

    /** Characters that take each branch of the scan: plain, spaces, dropped, controls, DEL, Unicode blanks, others. */
    private static final String ALPHABET = "aZ09-~: \"'`$\\\t\n\r\u0000\u007f\u00e9\u00a0\u200b\u2028\u4e2d";

    @Test
    void plainTextShortcutMatchesTheFullScan() {
        Random random = new Random(20261208);
        List<String> drops = List.of("\"'`$\\", "`$\\", "");
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(40);
            // Mostly plain text, as catalogs have it, so that the shortcut is taken often.
            boolean plain = random.nextBoolean();
            for (int i = 0; i < length; i++) {
                sb.append(plain && random.nextInt(8) > 0 ? (char) (' ' + random.nextInt(95))
                        : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            if (random.nextInt(10) == 0) {
                sb.appendCodePoint(0x1F525); // a surrogate pair
            }
            String text = sb.toString();
            int max = List.of(1, 2, 5, 17, 128, 255, Integer.MAX_VALUE).get(random.nextInt(7));
            String d = drops.get(random.nextInt(drops.size()));
            assertEquals(ShellText.cleanFully(text, max, d), ShellText.clean(text, max, d),
                    () -> "text \"" + text + "\", " + max + " bytes, drops \"" + d + "\"");
        }
    }

    @Test
    void commentsDropShellCharactersCollapseSpacesAndCut() {
        assertEquals("ssh: Secure shell - the admins login", ShellText.comment(
                " ssh: Secure  shell - the admin's\tlogin ", 255, "ssh"));
        assertEquals("ssh: Secure", ShellText.comment("ssh: Secure shell", 12, "ssh"));
        assertEquals("ssh: Secure shell", ShellText.comment("ssh: Secure shell", 17, "ssh"));
        assertEquals("ssh", ShellText.comment("$`\\", 255, "ssh"));
        assertEquals("caf\u00e9", ShellText.comment("caf\u00e9 au lait", 5, "-"));
        assertEquals("caf", ShellText.comment("caf\u00e9 au lait", 4, "-"));
    }
}
