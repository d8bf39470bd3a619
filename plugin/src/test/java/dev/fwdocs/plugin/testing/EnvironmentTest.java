package dev.fwdocs.plugin.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class EnvironmentTest {

    @Test
    void aFirewallTestWithoutTheTagFailsBeforeAnythingRuns() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> Environment.requireFirewallLab("sh"));
        assertTrue(e.getMessage().startsWith("EnvironmentTest."), "names the test: " + e.getMessage());
        assertTrue(e.getMessage().contains("not tagged @Tag(\"firewall\")"), e.getMessage());
    }

    @Test
    void toolsAreFoundOnPathOrByAbsolutePath() {
        assertEquals("sh", Environment.find("sh").getFileName().toString());
        assertEquals("/bin/sh", Environment.find("/bin/sh").toString());
        assertNull(Environment.find("fwdocs-no-such-tool"));
        assertNull(Environment.find("/nonexistent/sh"));
    }
}
