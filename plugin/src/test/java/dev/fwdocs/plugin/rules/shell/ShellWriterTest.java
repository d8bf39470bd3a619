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
        // A role may be named like a reserved word, which shellcheck reads as a missing ';' before it (SC1010).
        for (String reserved : List.of("do", "done", "then", "fi", "esac")) {
            assertEquals("'" + reserved + "'", Sh.word(reserved).text());
        }
        assertEquals("in", Sh.word("in").text());
        assertEquals("dot", Sh.word("dot").text());
        assertEquals("done-1", Sh.word("done-1").text());
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

    @Test
    void joinedWordsParametersAndArgumentsStayOneWord() {
        assertEquals("\"-p tcp --dport ${PORT_API}\"", Sh.joined(Sh.word("-p tcp --dport "), Sh.var("PORT_API")).text());
        assertEquals("\"a \\\"b\\\" \\$(id) \\`x\\` \\\\\"", Sh.joined(Sh.word("a \"b\" $(id) `x` \\")).text());
        assertEquals("\"${FWDOCS_PORT_API:-5705}\"", Sh.orElse("FWDOCS_PORT_API", "5705").text());
        assertEquals("\"${FWDOCS_FROM_NODE+1}\"", Sh.ifSet("FWDOCS_FROM_NODE", "1").text());
        assertEquals("\"$2\"", Sh.arg(2).text());
        assertThrows(IllegalArgumentException.class, () -> Sh.orElse("X", "a b"));
        assertThrows(IllegalArgumentException.class, () -> Sh.joined(Sh.words("LIST")));
        assertThrows(IllegalArgumentException.class, () -> Sh.arg(0));
    }

    @Test
    void writesCaseBranchesAndLoopsOverFixedWords() {
        ShellWriter w = new ShellWriter();
        w.function("fwdocs_option", () -> w.cases(Sh.arg(1), () -> {
            w.branch("--from-node", () -> {
                w.assign("fwdocs_given", "1");
                w.assign("fwdocs_from", Sh.arg(2));
            });
            w.branch("--port-api", () -> w.assign("fwdocs_port", Sh.arg(2)));
            w.otherwise(() -> w.raw("return 1"));
        }));
        w.forEach("fwdocs_a", List.of(Sh.word("192.0.2.0/24"), Sh.word("198.51.100.7")), () -> w.command("echo",
                Sh.var("fwdocs_a")));
        assertEquals("""
                fwdocs_option() {
                	case "$1" in
                	--from-node)
                		fwdocs_given=1
                		fwdocs_from="$2"
                		;;
                	--port-api) fwdocs_port="$2" ;;
                	*) return 1 ;;
                	esac
                }
                for fwdocs_a in 192.0.2.0/24 198.51.100.7; do
                	echo "$fwdocs_a"
                done
                """, w.text());
        assertThrows(IllegalArgumentException.class, () -> w.cases(Sh.arg(1), () -> w.branch("x", () -> { })));
    }
}
