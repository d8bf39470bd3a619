package dev.fwdocs.plugin.rules.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one writer of generated shell: data never becomes code. */
class ShellWriterTest {

    @Test
    void wordsAreQuotedOnlyWhenTheyNeedIt() {
        assertEquals("5701", Sh.word("5701").text());
        assertEquals("'a b'", Sh.word("a b").text());
        assertEquals("'$(reboot)'", Sh.word("$(reboot)").text());
        assertEquals("'it'\\''s'", Sh.word("it's").text());
        assertEquals("''", Sh.word("").text());
        assertEquals("\"$FROM_NODE_V4\"", Sh.var("FROM_NODE_V4").text());
        assertThrows(IllegalArgumentException.class, () -> Sh.var("X;reboot"));
    }

    @Test
    void writesCommandsBlocksAndHereDocuments() {
        ShellWriter w = new ShellWriter();
        w.comment("rule `x`: $(reboot)\nnext line");
        w.function("fwdocs_apply", () -> w.forEach("fwdocs_a", "FROM_NODE_V4",
                () -> w.command("fwdocs_accept", Sh.word("FWD-IN"), Sh.var("fwdocs_a"), Sh.word("it's"))));
        w.hereDocument("cat", "END", List.of("a 'quoted' $line"));
        assertEquals("""
                # rule x: (reboot) next line
                fwdocs_apply() {
                \tfor fwdocs_a in $FROM_NODE_V4; do
                \t\tfwdocs_accept FWD-IN "$fwdocs_a" 'it'\\''s'
                \tdone
                }
                cat <<'END'
                a 'quoted' $line
                END
                """, w.text());
    }

    @Test
    void refusesWhatWouldEscape() {
        ShellWriter w = new ShellWriter();
        assertThrows(IllegalStateException.class, () -> w.hereDocument("cat", "END", List.of(" END ")));
        assertThrows(IllegalArgumentException.class, () -> w.raw("a\nb"));
        assertThrows(IllegalArgumentException.class, () -> w.command("rm -rf /"));
        assertThrows(IllegalArgumentException.class, () -> w.function("x; reboot", () -> { }));
    }

    @Test
    void anEmptyFunctionIsStillValidShell() {
        ShellWriter w = new ShellWriter();
        w.function("fwdocs_undo", () -> { });
        assertEquals("fwdocs_undo() {\n\t:\n}\n", w.text());
    }
}
