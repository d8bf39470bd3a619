package dev.fwdocs.plugin.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.testing.Command;
import dev.fwdocs.plugin.testing.Environment;
import dev.fwdocs.plugin.testing.ScriptResources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The firewalld script's queued calls (FWDOCS_WRITE_PY in its functions.sh: creating and deleting ipsets, services
 * and policies, in one Python run of firewall-cmd's own code) on a running firewalld: they run in order, the first
 * that fails stops the run with the exit code that firewall-cmd gives for it and is named, the ones after it do not
 * run; a firewall-cmd that is not Python code runs nothing and asks for the call-by-call way (exit 255). The whole
 * scripts, which go through the queue on every firewalld session, are proven by the other proof tests; the
 * call-by-call way by FirewalldBackendTest, whose firewall-cmd is a shell script.
 */
@Tag("firewall")
@Execution(ExecutionMode.CONCURRENT)
class FirewalldQueueProofTest {

    /** The Python text of FWDOCS_WRITE_PY, as the generated scripts carry it. */
    static String writer() {
        return ScriptResources.quoted("/dev/fwdocs/plugin/rules/firewalld/functions.sh", "FWDOCS_WRITE_PY");
    }

    @Test
    void queuedCallsRunInOrderAndStopAtTheFirstThatFails(@TempDir Path work) throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        Path runner = work.resolve("write.py");
        Files.writeString(runner, writer(), StandardCharsets.UTF_8);
        Path xml = Files.createDirectories(work.resolve("xml"));
        for (String name : List.of("fwdq-a", "fwdq-b")) {
            Files.writeString(xml.resolve(name + ".xml"), """
                    <?xml version="1.0" encoding="utf-8"?>
                    <ipset type="hash:net">
                      <short>fwdocs queue test</short>
                      <entry>192.0.2.0/28</entry>
                    </ipset>
                    """, StandardCharsets.UTF_8);
        }
        Path notPython = work.resolve("firewall-cmd");
        Files.writeString(notPython, "#!/bin/sh\nexit 0\n", StandardCharsets.UTF_8);
        try (Lab lab = Lab.create();
                Firewall fw = Firewall.of(Variant.FIREWALLD, lab, Files.createDirectories(work.resolve("fw")))) {
            fw.setUp();
            String firewallCmd = fw.check(List.of("sh", "-c", "command -v firewall-cmd")).out().strip();
            Command.Result alone = fw.run(List.of(firewallCmd, "-q", "--permanent", "--delete-ipset=fwdq-missing"));
            assertNotEquals(0, alone.exit(), "deleting an ipset that is not there: " + alone.describe());

            Command.Result r = fw.run(write(runner, firewallCmd, create(xml, "fwdq-a"), "--delete-ipset=fwdq-missing",
                    create(xml, "fwdq-b")));
            assertEquals(alone.exit(), r.exit(), "the failed call's exit code: " + r.describe());
            assertTrue(r.err().contains("--delete-ipset=fwdq-missing"), "the failed call named: " + r.describe());
            assertEquals(List.of("fwdq-a"), ours(fw), "the call before the failed one ran, the one after it not");
            String info = fw.check(List.of(firewallCmd, "--permanent", "--info-ipset=fwdq-a")).out();
            assertTrue(info.contains("entries: 192.0.2.0/28"), "the ipset as its file says: " + info);

            r = fw.run(write(runner, firewallCmd, create(xml, "fwdq-b"), "--delete-ipset=fwdq-a"));
            assertEquals(0, r.exit(), r.describe());
            assertEquals(List.of("fwdq-b"), ours(fw), "both calls ran");

            r = fw.run(write(runner, notPython.toString(), "--delete-ipset=fwdq-b"));
            assertEquals(255, r.exit(), "a firewall-cmd that is not Python asks for the call-by-call way: "
                    + r.describe());
            assertEquals(List.of("fwdq-b"), ours(fw), "nothing ran");
        }
    }

    /** The runner's command line: firewall-cmd, then each call's arguments (after -q --permanent) as one. */
    private static List<String> write(Path runner, String firewallCmd, String... calls) {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/python3", runner.toString(), firewallCmd));
        argv.addAll(List.of(calls));
        return argv;
    }

    /** The call that creates ipset NAME from its file in {@code xml}, as the script queues it. */
    private static String create(Path xml, String name) {
        return "--new-ipset-from-file=" + xml.resolve(name + ".xml") + " --name=" + name;
    }

    /** The permanent ipsets of this test, by name. */
    private static List<String> ours(Firewall fw) {
        String all = fw.check(List.of("firewall-cmd", "--permanent", "--get-ipsets")).out().strip();
        return List.of(all.split("\\s+")).stream().filter(n -> n.startsWith("fwdq-")).sorted().toList();
    }
}
