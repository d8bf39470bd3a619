package dev.fwdocs.plugin.proof;

import dev.fwdocs.plugin.testing.Command;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two network namespaces joined by one veth pair: a "server" that gets the firewall under test and a "client" that
 * probes it. Only link-local IPv4 and ULA IPv6 addresses on that pair; {@link #close()} kills every process started
 * in them and deletes both namespaces.
 */
final class Lab implements AutoCloseable {

    static final String SERVER4 = "169.254.77.1";
    static final String SERVER6 = "fd00:77::1";
    /** The client's main addresses: inside the role CIDRs passed to the scripts. */
    static final String CLIENT4 = "169.254.77.2";
    static final String CLIENT6 = "fd00:77::2";
    /** Second client addresses: inside the /24 and /64 but outside the /25 and /121 used by the sources check. */
    static final String OTHER4 = "169.254.77.130";
    static final String OTHER6 = "fd00:77::130";
    static final String ROLE_CIDRS = "169.254.77.0/24,fd00:77::/64";
    /** The destination roles of outbound flows: the client's main addresses inside, its second ones outside. */
    static final String PEER_CIDRS = "169.254.77.0/25,fd00:77::/121";

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Duration SHORT = Duration.ofSeconds(20);

    private final String srv;
    private final String cli;
    private final List<Process> processes = new ArrayList<>();
    private final List<String> created = new ArrayList<>();

    private Lab(String base) {
        this.srv = base + "-srv";
        this.cli = base + "-cli";
    }

    /** Creates the namespaces and the link, and waits until every client address reaches the server. */
    static Lab create() {
        Lab lab = new Lab("proof-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
        try {
            lab.setUp();
            return lab;
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    String server() {
        return srv;
    }

    String client() {
        return cli;
    }

    private void setUp() {
        for (String ns : List.of(srv, cli)) {
            Command.of("ip", "netns", "add", ns).timeout(SHORT).check();
            created.add(ns);
            // DAD off before the link exists, so the veth inherits it from "default"
            Command.of("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0",
                    "net.ipv6.conf.default.accept_dad=0").timeout(SHORT).check();
            Command.of("ip", "-n", ns, "link", "set", "lo", "up").timeout(SHORT).check();
        }
        Command.of("ip", "link", "add", "vs", "netns", srv, "type", "veth", "peer", "name", "vc", "netns", cli)
                .timeout(SHORT).check();
        Command.of("ip", "-n", srv, "addr", "add", SERVER4 + "/24", "dev", "vs").timeout(SHORT).check();
        Command.of("ip", "-n", srv, "addr", "add", SERVER6 + "/64", "dev", "vs", "nodad").timeout(SHORT).check();
        for (String a : List.of(CLIENT4, OTHER4)) {
            Command.of("ip", "-n", cli, "addr", "add", a + "/24", "dev", "vc").timeout(SHORT).check();
        }
        for (String a : List.of(CLIENT6, OTHER6)) {
            Command.of("ip", "-n", cli, "addr", "add", a + "/64", "dev", "vc", "nodad").timeout(SHORT).check();
        }
        Command.of("ip", "-n", srv, "link", "set", "vs", "up").timeout(SHORT).check();
        Command.of("ip", "-n", cli, "link", "set", "vc", "up").timeout(SHORT).check();
        waitForPing();
    }

    private void waitForPing() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<String> pending = new ArrayList<>(List.of(CLIENT4, OTHER4, CLIENT6, OTHER6));
        while (!pending.isEmpty()) {
            String src = pending.get(0);
            String dst = src.contains(":") ? SERVER6 : SERVER4;
            Command.Result r = Command.of("ip", "netns", "exec", cli, "ping", "-n", "-q", "-c", "1", "-W", "1", "-I",
                    src, dst).timeout(SHORT).run();
            if (r.ok()) {
                pending.remove(0);
            } else if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the veth pair never carried traffic from " + src + ": "
                        + r.describe());
            }
        }
    }

    /** Forgets every neighbour entry on both sides so broken neighbour discovery cannot hide behind a warm cache. */
    void flushNeighbours() {
        for (String ns : List.of(srv, cli)) {
            Command.of("ip", "-n", ns, "neigh", "flush", "all").timeout(SHORT).check();
        }
    }

    /**
     * Starts a long-running process whose own PID stays known (the command must exec, not fork, as
     * {@code ip netns exec} does) and, when {@code readyLine} is given, waits until it prints that line.
     */
    Process start(List<String> argv, String readyLine, Duration wait) {
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
            Process p = pb.start();
            synchronized (processes) {
                processes.add(p);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (seen) {
                            seen.append(line).append('\n');
                            seen.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process ended; whatever it printed is in "seen"
                }
            }, "lab-reader");
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + wait.toNanos();
            synchronized (seen) {
                while (!seen.toString().contains(readyLine + "\n")) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0 || (!p.isAlive() && !seen.toString().contains(readyLine + "\n"))) {
                        throw new IllegalStateException("'" + String.join(" ", argv) + "' did not print '"
                                + readyLine + "' in time; it printed: " + seen);
                    }
                    seen.wait(Math.min(left, 200));
                }
            }
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts the listener for outbound probes in the client namespace (the peer), on every port given, bound to each
     * client address apart so that a UDP echo leaves from the address the probe was sent to; false (nothing
     * started) when there are no ports. It ends by itself after {@code seconds}.
     */
    boolean startPeer(java.util.Set<Integer> ports, int seconds) {
        if (ports.isEmpty()) {
            return false;
        }
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", cli, "/usr/bin/python3",
                Prober.resource("server.py").toString(), "--seconds", Integer.toString(seconds)));
        for (String address : List.of(CLIENT4, OTHER4, CLIENT6, OTHER6)) {
            argv.addAll(List.of("--bind", address));
        }
        ports.forEach(p -> argv.add(Integer.toString(p)));
        start(argv, "ready", SHORT);
        return true;
    }

    /** Starts a long-running process (a daemon's holder) with its output in {@code log}; its PID stays known. */
    Process startLogged(List<String> argv, java.nio.file.Path log) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            synchronized (processes) {
                processes.add(p);
            }
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + argv, e);
        }
    }

    /** Ends a process started with {@link #start} (by its PID, then forcibly). */
    void stop(Process p) {
        if (p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        List<Process> ps;
        synchronized (processes) {
            ps = new ArrayList<>(processes);
        }
        for (Process p : ps) {
            stop(p);
        }
        for (String ns : created) {
            // anything still running inside our own namespaces was started by this lab (a daemon's children)
            Command.Result pids = Command.of("ip", "netns", "pids", ns).timeout(SHORT).run();
            for (String pid : pids.out().split("\\s+")) {
                if (pid.matches("\\d+")) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
        for (String ns : created) {
            Command.of("ip", "netns", "del", ns).timeout(SHORT).run();
        }
        created.clear();
    }
}
