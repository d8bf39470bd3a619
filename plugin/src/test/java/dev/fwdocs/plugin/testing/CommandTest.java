package dev.fwdocs.plugin.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTest {

    @Test
    void capturesExitOutputAndErrorsApartOrInOrder(@TempDir Path dir) throws Exception {
        Command.Result apart = Command.of("sh", "-c", "echo out; echo err >&2; pwd; echo \"$X\"; exit 3").in(dir)
                .env("X", "from env").run();
        assertEquals(3, apart.exit());
        assertEquals("out\n" + dir.toRealPath() + "\nfrom env\n", apart.out());
        assertEquals("err\n", apart.err());
        Command.Result merged = Command.of("sh", "-c", "echo 1; echo 2 >&2; echo 3").mergeErrors().run();
        assertEquals("1\n2\n3\n", merged.output());
    }

    @Test
    void feedsInputAndKillsAtTheTimeLimit() {
        assertEquals("fed\n", Command.of("cat").input("fed\n").run().out());
        Command.Result slow = Command.of("sh", "-c", "sleep 30 & wait").timeout(Duration.ofMillis(300)).run();
        assertEquals(-1, slow.exit());
        assertTrue(slow.describe().contains("killed at its time limit"), slow.describe());
    }

    @Test
    void aMissingProgramIsExit127AndCheckThrows() {
        Command.Result r = Command.of("/nonexistent/fwdocs-tool").run();
        assertEquals(127, r.exit());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Command.of("false").check());
        assertTrue(e.getMessage().contains("exit 1"), e.getMessage());
    }
}
