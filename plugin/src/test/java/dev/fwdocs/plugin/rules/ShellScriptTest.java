package dev.fwdocs.plugin.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.rules.shell.Sh;
import dev.fwdocs.plugin.rules.shell.ShellText;
import dev.fwdocs.plugin.testing.Command;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellScriptTest {

    @Test
    void quoteMakesOneInertWord() {
        assertEquals("'a b'", Sh.quote("a b"));
        assertEquals("'it'\\''s'", Sh.quote("it's"));
        String evil = "$(id) `id` ' \" ; rm -rf /\n";
        Command.Result r = Command.of("sh", "-c", "printf '%s' " + Sh.quote(evil)).run();
        assertEquals(evil, r.out(), r.describe());
    }

    @Test
    void commentDropsShellMeaningAndLineBreaks() {
        String c = ShellText.comment("a\nb\r\tc $(id) `x` 'q' \"d\" \\e \u202e f \u0007", 255);
        assertEquals("a b c (id) x q d e f", c);
        assertEquals("-", ShellText.comment("\n\t ", 255));
        assertEquals("rule-id", ShellText.comment("$`", 255, "rule-id"));
    }

    @Test
    void commentIsCutOnCharacterBoundaryWithinTheByteLimit() {
        String text = "ÄÖÜ😀".repeat(100);
        for (int limit : new int[] {255, 128, 7, 6, 5, 1}) {
            String c = ShellText.comment(text, limit);
            byte[] b = c.getBytes(StandardCharsets.UTF_8);
            assertTrue(b.length <= limit, limit + ": " + b.length);
            assertTrue(text.startsWith(c) || c.equals("-"), c);
            assertEquals(c, new String(b, StandardCharsets.UTF_8)); // valid UTF-8, no half characters
        }
        assertEquals("ÄÖÜ", ShellText.comment(text, 7)); // the emoji needs 4 more bytes
        assertEquals(255, ShellText.comment("x".repeat(300), 255).length());
        assertEquals(128, ShellText.comment("x".repeat(300), 128).length());
    }

    @Test
    void shortNamesFitIptablesAndStayDistinct() {
        assertEquals("FWD-storageos-node-IN", ShellText.shortName("FWD-", List.of("storageos", "node"), "-IN", 28));
        String a = ShellText.shortName("FWD-", List.of("chef-automate-ha", "automate-frontend"), "-OUT", 28);
        String b = ShellText.shortName("FWD-", List.of("chef-automate-ha", "automate-backend"), "-OUT", 28);
        assertTrue(a.length() <= 28, a);
        assertTrue(b.length() <= 28, b);
        assertTrue(a.startsWith("FWD-chef-automate") && a.endsWith("-OUT"), a);
        assertNotEquals(a, b);
        assertEquals(a, ShellText.shortName("FWD-", List.of("chef-automate-ha", "automate-frontend"), "-OUT", 28));
        String longest = ShellText.shortName("FWD-", List.of("a".repeat(40), "b".repeat(40)), "-OUT", 28);
        assertEquals(28, longest.length());
        assertThrows(IllegalArgumentException.class, () -> ShellText.shortName("FWD-", List.of("x".repeat(30)), "-IN", 10));
    }

    @Test
    void variablesAndPortsFollowTheContract() {
        assertEquals("FROM_CONTROL_PLANE_V6", ShellScript.sourcesVar("control-plane", 6));
        assertEquals("PORT_NODE_PUBLIC", ShellScript.portVar("node-public"));
    }

    @Test
    void registryListsBackendsAndRejectsUnknownIdsAllAtOnce() {
        BackendRegistry reg = BackendRegistry.standard();
        assertTrue(reg.ids().containsAll(List.of("iptables", "nftables")));
        assertEquals("nftables", reg.find("nftables").orElseThrow().id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> reg.select(List.of("iptables", "pf", "ipfw")));
        assertTrue(e.getMessage().contains("pf, ipfw"), e.getMessage());
        assertEquals(reg.all(), reg.select(List.of()));
        assertFalse(reg.select(List.of("nftables")).isEmpty());
    }
}
