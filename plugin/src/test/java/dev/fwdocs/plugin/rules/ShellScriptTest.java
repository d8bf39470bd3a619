package dev.fwdocs.plugin.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.rules.shell.Sh;
import dev.fwdocs.plugin.rules.shell.ShellText;
import dev.fwdocs.plugin.testing.Catalogs;
import dev.fwdocs.plugin.testing.Command;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.rules.firewalld.FirewalldBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The script around a backend's body: quoting, comments, names, help, and the variables the body reads. */
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
    void aJoinedWordStandsForExactlyItsText() {
        String evil = "$(touch /tmp/x) `id` \" \\ ' end";
        Command.Result r = Command.of("sh", "-c", "printf '%s' " + Sh.joined(Sh.word(evil)).text()).run();
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
    void helpIsWrappedInColumnsWithItsPrefixes() {
        String text = "ÄÖÜ äöü ßß $HOME `id` 'quoted' a-very-long-word-that-fills-a-line-by-itself-and-more x y";
        List<String> lines = ShellText.wrap(text, 20, "  --opt ", "        ");
        assertEquals(List.of("  --opt ÄÖÜ äöü ßß", "        HOME id", "        'quoted'",
                "        a-very-long-word-that-fills-a-line-by-itself-and-more", "        x y"), lines);
        // Wrapped once and kept: the same lines again, and other prefixes or widths are not taken for them.
        assertEquals(lines, ShellText.wrap(text, 20, "  --opt ", "        "));
        assertEquals(List.of("ÄÖÜ äöü ßß HOME id", "'quoted'", "a-very-long-word-that-fills-a-line-by-itself-and-more",
                "x y"), ShellText.wrap(text, 20, "", ""));
        assertEquals(List.of("ÄÖÜ äöü ßß HOME id 'quoted'", "a-very-long-word-that-fills-a-line-by-itself-and-more",
                "x y"), ShellText.wrap(text, 30, "", ""));
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

    /** The help of a script, unwrapped into one line of words. */
    private static String help(String script, Path dir) throws IOException {
        Path file = dir.resolve("script.sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Command.Result r = Command.of("sh", file.toString(), "--help").mergeErrors().run();
        assertEquals(0, r.exit(), r.describe());
        for (String line : r.output().split("\n")) {
            assertTrue(line.codePointCount(0, line.length()) <= 76, "help line over 76 columns: " + line);
        }
        return r.output().replaceAll("\\s+", " ");
    }

    @Test
    void helpParagraphsAreWrappedWholeWithTheirApostrophes(@TempDir Path dir) throws IOException {
        ResolvedVersion v = Resolver.resolveAll(Catalogs.combined("edge"))
                .get(0);
        VersionModel model = VersionModel.of(v, null);
        RoleModel role = model.roles().get(0);
        String paragraph = "The firewall's rules are the role's, and nobody else's: " + "it's long. ".repeat(30)
                + "This is the paragraph's last sentence.";
        assertTrue(paragraph.getBytes(StandardCharsets.UTF_8).length > 300);
        String script = ShellScript.script(new ShellScript.Spec("test", "Test", model, role, List.of(paragraph),
                List.of(new ShellScript.Option("long-option-name-here", "VALUE", "an option's help, " + "long ".repeat(20)
                        + "end"))), "fwdocs_check_backend() {\n\t:\n}\n");
        String help = help(script, dir);
        assertTrue(help.contains(paragraph), help);
        assertTrue(help.contains("an option's help, long long"), help);
        assertTrue(help.contains("(FWDOCS_LONG_OPTION_NAME_HERE) an option's help"), help);

        // the bug that was found: firewalld.sh cut its first paragraph at 300 bytes and ate the apostrophes
        String firewalld = help(Plans.files(new FirewalldBackend(), v, role.view()).stream()
                .filter(f -> f.path().equals("firewalld.sh")).findFirst().orElseThrow().text(), dir);
        assertTrue(firewalld.contains("Brings firewalld's permanent configuration to exactly what the role needs"),
                firewalld);
        assertTrue(firewalld.contains("the rich rules take their sources from, and the policy "), firewalld);
        assertTrue(firewalld.contains("-out for outbound rules. --undo removes those objects"), firewalld);
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
