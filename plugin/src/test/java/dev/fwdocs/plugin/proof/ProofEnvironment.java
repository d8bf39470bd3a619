package dev.fwdocs.plugin.proof;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Decides whether this machine can run the behaviour proof (root, {@code ip netns}, the firewall tools): when it
 * cannot, the proof is skipped with a loud message, except under CI (env var {@code CI} set), where it fails.
 */
final class ProofEnvironment {

    private static volatile String problem;
    private static volatile boolean checked;

    private ProofEnvironment() {
    }

    /** Aborts (skips) or fails the calling test when namespaces cannot be created here. */
    static void require() {
        String p = problem();
        if (p == null) {
            return;
        }
        String msg = "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
                + "!!! fwdocs behaviour proof NOT RUN: " + p + "\n"
                + "!!! The generated firewall scripts were not applied or probed on this machine.\n"
                + "!!! Run the tests as root on Linux with iproute2, iptables, nftables, ufw, firewalld,\n"
                + "!!! dbus-daemon and python3 (see docs/proof.md). With CI set this is a failure.\n"
                + "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n";
        System.err.println(msg);
        if (System.getenv("CI") != null) {
            Assertions.fail("CI is set, so the behaviour proof must run, but " + p);
        }
        Assumptions.abort(msg);
    }

    private static synchronized String problem() {
        if (!checked) {
            problem = probe();
            checked = true;
        }
        return problem;
    }

    private static String probe() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return "not Linux";
        }
        Cmd.Result id = Cmd.run(List.of("id", "-u"), Duration.ofSeconds(10));
        if (!id.ok() || !id.out().strip().equals("0")) {
            return "not running as root (id -u: " + id.out().strip() + id.err().strip() + ")";
        }
        String ns = "proof-" + ProcessHandle.current().pid() + "-check";
        Cmd.Result add = Cmd.run(List.of("ip", "netns", "add", ns), Duration.ofSeconds(10));
        if (!add.ok()) {
            return "cannot create a network namespace: " + add.describe();
        }
        Cmd.run(List.of("ip", "netns", "del", ns), Duration.ofSeconds(10));
        for (String tool : List.of("/usr/bin/python3", "/usr/sbin/xtables-nft-multi", "/usr/sbin/xtables-legacy-multi",
                "/usr/sbin/nft", "/usr/sbin/ufw", "/usr/sbin/firewalld", "/usr/bin/dbus-daemon", "/usr/bin/unshare",
                "/usr/bin/nsenter")) {
            if (!java.nio.file.Files.isExecutable(java.nio.file.Path.of(tool))) {
                // namespaces work, so a missing tool is a broken set-up, never a reason to skip
                throw new IllegalStateException(tool + " is missing; install the packages listed in docs/proof.md");
            }
        }
        return null;
    }
}
