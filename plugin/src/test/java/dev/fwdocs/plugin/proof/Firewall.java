package dev.fwdocs.plugin.proof;

import dev.fwdocs.plugin.testing.Command;
import dev.fwdocs.plugin.testing.GeneratedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The firewall of the server namespace for one {@link Variant}: sets up the inbound "drop" baseline the way that
 * backend's users have it, runs commands (the script under test) in that backend's context, and dumps the
 * complete ruleset so apply/apply/undo can be compared. Never touches the host's firewall, /etc or /run: iptables
 * gets a PATH shim and a private lock file, ufw and firewalld run in private mount namespaces.
 */
abstract class Firewall implements AutoCloseable {

    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(240);
    /**
     * IPv6 neighbour discovery (ICMPv6 types 133-136): what an outbound drop baseline lets out, and what a baseline
     * that lets neighbour discovery in (see {@link #lettingNeighbourDiscoveryIn()}) lets in, as ufw's before6.rules
     * do both ways.
     */
    static final List<String> ND = List.of("router-solicitation", "router-advertisement", "neighbour-solicitation",
            "neighbour-advertisement");

    protected final Lab lab;
    protected final Path work;
    /** True when the baseline drops outgoing traffic too (see {@link #droppingOutgoing()}). */
    protected boolean dropOutgoing;
    /** True when the inbound baseline lets neighbour discovery in (see {@link #lettingNeighbourDiscoveryIn()}). */
    protected boolean neighbourDiscoveryIn;

    protected Firewall(Lab lab, Path work) {
        this.lab = lab;
        this.work = work;
    }

    static Firewall of(Variant v, Lab lab, Path work) {
        return switch (v) {
            case IPTABLES_NFT -> new Iptables(lab, work, "/usr/sbin/xtables-nft-multi");
            case IPTABLES_LEGACY -> new Iptables(lab, work, "/usr/sbin/xtables-legacy-multi");
            case NFTABLES -> new Nftables(lab, work);
            case UFW -> new Ufw(lab, work);
            case FIREWALLD -> new Firewalld(lab, work, true);
            case FIREWALLD_UNBOUND -> new Firewalld(lab, work, false);
        };
    }

    /**
     * Makes {@link #setUp()} drop outgoing traffic as well, the way that backend's users have it: only replies
     * (established, related), loopback and, for IPv6, neighbour discovery leave, so that only a script's outbound
     * rules can open an outgoing flow. Without it outgoing traffic is accepted, as every default is.
     */
    Firewall droppingOutgoing() {
        this.dropOutgoing = true;
        return this;
    }

    /**
     * Makes {@link #setUp()} let IPv6 neighbour discovery in as well, as every real default-drop IPv6 host does
     * (ufw's and firewalld's defaults do it already): for scripts that have no inbound side of their own. Without it
     * the iptables and nftables baselines let in only loopback and replies, a host stricter than any real one, on
     * which a script's IPv6 works only through the neighbour discovery rules the script adds itself.
     */
    Firewall lettingNeighbourDiscoveryIn() {
        this.neighbourDiscoveryIn = true;
        return this;
    }

    /** Puts the inbound drop baseline in place (and the outbound one, see {@link #droppingOutgoing()}). */
    abstract void setUp();

    /** The command line that runs {@code argv} in the server namespace with this backend's context. */
    abstract List<String> wrap(List<String> argv);

    /** The whole ruleset (runtime and, where the backend has one, saved configuration), without counters. */
    abstract String dump();

    /**
     * True when the baseline itself answers this probe (ufw's before.rules answer ping; firewalld's public zone
     * answers ping and opens ssh and dhcpv6-client): such a probe can only show "open", never "closed".
     */
    boolean baselineOpens(String proto, int port) {
        return false;
    }

    /**
     * True when the outbound baseline itself lets this probe out of the server (ufw's before6.rules let echo-request
     * out): such a probe can only show "open".
     */
    boolean baselineLetsOut(String proto, int port, int family) {
        return !dropOutgoing;
    }

    Command.Result run(List<String> argv) {
        return Command.of(wrap(argv)).timeout(COMMAND_TIMEOUT).run();
    }

    Command.Result check(List<String> argv) {
        Command.Result r = run(argv);
        if (!r.ok()) {
            throw new IllegalStateException("server command failed: " + r.describe());
        }
        return r;
    }

    @Override
    public void close() {
    }

    static String withoutCounters(String dump) {
        return dump.replaceAll("(?m)^#.*\\n", "")
                .replaceAll("\\[\\d+:\\d+\\]", "[0:0]")
                .replaceAll("counter packets \\d+ bytes \\d+", "counter");
    }

    /** iptables or ip6tables of one variant, picked by a PATH shim so a script's plain {@code iptables} means it. */
    static final class Iptables extends Firewall {
        private final String multi;
        private final Path bin;

        Iptables(Lab lab, Path work, String multi) {
            super(lab, work);
            this.multi = multi;
            this.bin = work.resolve("bin");
        }

        @Override
        void setUp() {
            try {
                Files.createDirectories(bin);
                for (String tool : List.of("iptables", "ip6tables", "iptables-save", "ip6tables-save",
                        "iptables-restore", "ip6tables-restore")) {
                    Files.createSymbolicLink(bin.resolve(tool), Path.of(multi));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String t : List.of("iptables", "ip6tables")) {
                check(List.of(t, "-A", "INPUT", "-i", "lo", "-j", "ACCEPT"));
                check(List.of(t, "-A", "INPUT", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j",
                        "ACCEPT"));
                if (neighbourDiscoveryIn && t.equals("ip6tables")) {
                    for (String nd : ND) {
                        check(List.of(t, "-A", "INPUT", "-p", "ipv6-icmp", "--icmpv6-type", nd, "-j", "ACCEPT"));
                    }
                }
                check(List.of(t, "-P", "INPUT", "DROP"));
                if (dropOutgoing) {
                    check(List.of(t, "-A", "OUTPUT", "-o", "lo", "-j", "ACCEPT"));
                    check(List.of(t, "-A", "OUTPUT", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j",
                            "ACCEPT"));
                    if (t.equals("ip6tables")) {
                        // without these no IPv6 works at all on the host; ufw's before6.rules have them too
                        for (String nd : ND) {
                            check(List.of(t, "-A", "OUTPUT", "-p", "ipv6-icmp", "--icmpv6-type", nd, "-j", "ACCEPT"));
                        }
                    }
                    check(List.of(t, "-P", "OUTPUT", "DROP"));
                }
            }
        }

        @Override
        List<String> wrap(List<String> argv) {
            List<String> out = new ArrayList<>(List.of("ip", "netns", "exec", lab.server(), "env",
                    "PATH=" + bin + ":/usr/sbin:/usr/bin:/sbin:/bin",
                    "XTABLES_LOCKFILE=" + work.resolve("xtables.lock")));
            out.addAll(argv);
            return out;
        }

        @Override
        String dump() {
            return withoutCounters(check(List.of("iptables-save")).out() + check(List.of("ip6tables-save")).out());
        }
    }

    /**
     * nftables with the inbound baseline Debian's /etc/nftables.conf users write: table inet filter, chain input,
     * policy drop, loopback and established traffic accepted (and neighbour discovery, when asked to let it in).
     */
    static final class Nftables extends Firewall {
        static final String BASELINE = """
                table inet filter {
                	chain input {
                		type filter hook input priority filter; policy drop;
                		iif "lo" accept
                		ct state established,related accept
                	}
                }
                """;
        /** The neighbour discovery a baseline that lets it in accepts, in the same input chain. */
        static final String ND_IN = """
                table inet filter {
                	chain input {
                		icmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert } accept
                	}
                }
                """;
        /** The output chain of an outbound drop baseline, in the same table. */
        static final String OUTPUT = """
                table inet filter {
                	chain output {
                		type filter hook output priority filter; policy drop;
                		oif "lo" accept
                		ct state established,related accept
                		icmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert } accept
                	}
                }
                """;

        Nftables(Lab lab, Path work) {
            super(lab, work);
        }

        @Override
        void setUp() {
            Command.Result r = Command.of(wrap(List.of("nft", "-f", "-"))).timeout(COMMAND_TIMEOUT)
                    .input(BASELINE + (neighbourDiscoveryIn ? ND_IN : "") + (dropOutgoing ? OUTPUT : "")).run();
            if (!r.ok()) {
                throw new IllegalStateException("nft baseline failed: " + r.describe());
            }
        }

        @Override
        List<String> wrap(List<String> argv) {
            List<String> out = new ArrayList<>(List.of("ip", "netns", "exec", lab.server()));
            out.addAll(argv);
            return out;
        }

        @Override
        String dump() {
            return withoutCounters(check(List.of("nft", "list", "ruleset")).out());
        }
    }

    /**
     * ufw with private copies of /etc/ufw, /etc/default/ufw and /usr/lib/ufw bind-mounted (and a tmpfs /run for its
     * lock) in a fresh private mount namespace for every command; enabled with "default deny incoming".
     */
    static final class Ufw extends Firewall {
        private final Path etc;
        private final Path defaults;
        private final Path lib;

        Ufw(Lab lab, Path work) {
            super(lab, work);
            this.etc = work.resolve("etc-ufw");
            this.defaults = work.resolve("default-ufw");
            this.lib = work.resolve("usr-lib-ufw");
        }

        @Override
        void setUp() {
            Command.of("cp", "-a", "/etc/ufw", etc.toString()).timeout(COMMAND_TIMEOUT).check();
            Command.of("cp", "-a", "/etc/default/ufw", defaults.toString()).timeout(COMMAND_TIMEOUT).check();
            Command.of("cp", "-a", "/usr/lib/ufw", lib.toString()).timeout(COMMAND_TIMEOUT).check();
            check(List.of("ufw", "default", "deny", "incoming"));
            if (dropOutgoing) {
                check(List.of("ufw", "default", "deny", "outgoing"));
            }
            check(List.of("ufw", "--force", "enable"));
            // ufw rewrites its packaged user6.rules (adding the limit chains' rules) on the first rule change ever;
            // one rule added and deleted brings the files to the form every used ufw has, so that undo can be
            // compared with "before"
            check(List.of("ufw", "allow", "1/tcp"));
            check(List.of("ufw", "delete", "allow", "1/tcp"));
            String status = check(List.of("ufw", "status", "verbose")).out();
            if (!status.contains("Status: active")) {
                throw new IllegalStateException("ufw did not become active: " + status);
            }
        }

        @Override
        List<String> wrap(List<String> argv) {
            List<String> out = new ArrayList<>(List.of("ip", "netns", "exec", lab.server(), "unshare", "-m",
                    "--propagation", "private", "/bin/sh", "-c",
                    "mount -n -t tmpfs fwdocs-proof /run && mount -n --bind \"$1\" /etc/ufw"
                            + " && mount -n --bind \"$2\" /etc/default/ufw && mount -n --bind \"$3\" /usr/lib/ufw"
                            + " && shift 3 && exec \"$@\"",
                    "sh", etc.toString(), defaults.toString(), lib.toString()));
            out.addAll(argv);
            return out;
        }

        @Override
        boolean baselineOpens(String proto, int port) {
            return proto.equals("ping");
        }

        @Override
        boolean baselineLetsOut(String proto, int port, int family) {
            return super.baselineLetsOut(proto, port, family) || (proto.equals("ping") && family == 6);
        }

        @Override
        String dump() {
            return check(List.of("ufw", "status", "verbose")).out() + withoutCounters(
                    check(List.of("iptables-save")).out() + check(List.of("ip6tables-save")).out());
        }
    }

    /**
     * firewalld with its own system D-Bus in a private mount and PID namespace inside the server namespace, a private
     * copy of /etc/firewalld with the baseline already saved in it (see {@link #baseline}), and the default zone as
     * shipped (public: unmatched traffic rejected); the server's interface either bound to that zone (as
     * NetworkManager does) or in no zone, caught by the default zone.
     */
    static final class Firewalld extends Firewall {
        private final Path etc;
        private final boolean bind;
        private Process holder;
        private long inner;

        Firewalld(Lab lab, Path work, boolean bind) {
            super(lab, work);
            this.etc = work.resolve("etc-firewalld");
            this.bind = bind;
        }

        @Override
        void setUp() {
            Baseline baseline = baseline(dropOutgoing, bind);
            Command.of("cp", "-a", baseline.conf().toString(), etc.toString()).timeout(COMMAND_TIMEOUT).check();
            String script = "set -e; mount -n -t tmpfs fwdocs-proof /run; mkdir -p /run/dbus;"
                    + " mount -n --bind \"$1\" /etc/firewalld;"
                    + " dbus-daemon --system --fork;"
                    + " firewalld --nofork --nopid --log-file \"$2\" & wait";
            holder = lab.startLogged(List.of("ip", "netns", "exec", lab.server(), "unshare", "-m", "-p", "-f",
                    "--kill-child", "--mount-proc", "--propagation", "private", "/bin/sh", "-c", script, "sh",
                    etc.toString(), work.resolve("firewalld.log").toString()), work.resolve("holder.log"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String last = "";
            while (System.nanoTime() < deadline) {
                if (inner == 0) {
                    inner = holder.toHandle().children().mapToLong(ProcessHandle::pid).findFirst().orElse(0);
                }
                // firewall-cmd is a Python start-up each time, which competes with firewalld's own start for the
                // CPU: wait with dbus-send (a small C program) until firewalld says on the bus that it is running,
                // then ask firewall-cmd, as the scripts do
                String state = inner == 0 ? "" : stateOnTheBus();
                last = state.isEmpty() ? "no answer on the bus" : "state " + state;
                if (state.equals("RUNNING")) {
                    Command.Result r = run(List.of("firewall-cmd", bind ? "--get-active-zones" : "--state"));
                    last = "firewall-cmd: " + r.out().strip() + " " + r.err().strip();
                    if (r.ok() && !bind && r.out().strip().equals("running")) {
                        return;
                    }
                    if (r.ok() && bind) {
                        // firewalld applies policies whose ingress zone is a zone only while that zone has an
                        // interface or source: the interface must be active in the zone it was saved in
                        String zone = baseline.zone();
                        if (!r.out().contains(zone) || !r.out().contains("vs")) {
                            throw new IllegalStateException("interface vs did not become active in zone " + zone
                                    + ": " + r.out());
                        }
                        return;
                    }
                }
                if (!holder.isAlive()) {
                    break;
                }
                sleep(100);
            }
            throw new IllegalStateException("firewalld did not reach state 'running' (" + last + "); log:\n"
                    + readLog());
        }

        /**
         * firewalld's state (INIT, RUNNING, FAILED) as its D-Bus object on the session's private system bus reports
         * it, or "" while dbus-daemon or firewalld are still starting. The call waits up to two seconds for
         * firewalld's main loop, which serves the bus only once the start is done.
         */
        private static final Pattern BUS_STATE = Pattern.compile("variant\\s+string \"([A-Z]+)\"");

        private String stateOnTheBus() {
            Command.Result r = Command.of(wrap(List.of("dbus-send", "--system", "--print-reply",
                    "--reply-timeout=2000", "--dest=org.fedoraproject.FirewallD1", "/org/fedoraproject/FirewallD1",
                    "org.freedesktop.DBus.Properties.Get", "string:org.fedoraproject.FirewallD1", "string:state")))
                    .timeout(Duration.ofSeconds(20)).run();
            Matcher m = BUS_STATE.matcher(r.out());
            return r.ok() && m.find() ? m.group(1) : "";
        }

        /** A prepared /etc/firewalld ({@code conf}) and the zone its interface is bound to (null: in no zone). */
        private record Baseline(Path conf, String zone) {
        }

        /** The prepared copies of /etc/firewalld, one per baseline, made once per JVM (see {@link #baseline}). */
        private static final Map<String, Baseline> BASELINES = new ConcurrentHashMap<>();

        /**
         * A copy of the host's /etc/firewalld with the baseline saved in it, as an administrator (or NetworkManager)
         * saves it with firewall-cmd --permanent: the outbound drop policy (see {@link #DENY_OUTGOING}) and the
         * server's interface bound to the default zone, each when asked for. firewalld then starts on the baseline;
         * made once per JVM with firewall-offline-cmd (firewalld's own configuration writer, without the daemon),
         * instead of five firewall-cmd calls and a reload in every session.
         */
        private static Baseline baseline(boolean dropOutgoing, boolean bind) {
            return BASELINES.computeIfAbsent(dropOutgoing + "-" + bind, key -> {
                try {
                    Path dir = Files.createTempDirectory("fwdocs-firewalld-baseline-");
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> GeneratedFiles.deleteTree(dir)));
                    Path conf = dir.resolve("etc-firewalld");
                    Command.of("cp", "-a", "/etc/firewalld", conf.toString()).timeout(COMMAND_TIMEOUT).check();
                    List<String> offline = List.of("firewall-offline-cmd", "--system-config", conf.toString());
                    Set<Path> shipped = files(conf);
                    Set<Path> saved = new HashSet<>();
                    String zone = null;
                    if (dropOutgoing) {
                        Path xml = dir.resolve("deny-outgoing.xml");
                        Files.writeString(xml, DENY_OUTGOING, StandardCharsets.UTF_8);
                        offlineCmd(offline, "--new-policy-from-file=" + xml, "--name=deny-outgoing");
                        saved.add(conf.resolve("policies/deny-outgoing.xml"));
                    }
                    if (bind) {
                        zone = offlineCmd(offline, "--get-default-zone").strip();
                        offlineCmd(offline, "--zone=" + zone, "--add-interface=vs");
                        saved.add(conf.resolve("zones/" + zone + ".xml"));
                    }
                    // firewall-offline-cmd saves the default zone (and backups) on any change, which firewall-cmd
                    // --permanent does not: the baseline holds only what was asked for, as a session's would
                    for (Path f : files(conf)) {
                        if (!shipped.contains(f) && !saved.contains(f)) {
                            Files.delete(f);
                        }
                    }
                    return new Baseline(conf, zone);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        private static Set<Path> files(Path dir) throws IOException {
            try (Stream<Path> s = Files.walk(dir)) {
                return s.filter(Files::isRegularFile).collect(Collectors.toSet());
            }
        }

        private static String offlineCmd(List<String> offline, String... args) {
            List<String> argv = new ArrayList<>(offline);
            argv.addAll(List.of(args));
            return Command.of(argv).timeout(COMMAND_TIMEOUT).check().out();
        }

        /**
         * The administrator's outbound drop: a policy from the host to any zone, rejecting, with the highest
         * priority number so that every other policy (the script's outbound one) comes before it. firewalld lets
         * replies and loopback out before any policy, but not neighbour discovery: the policy lets that out itself,
         * as the other baselines do.
         */
        static final String DENY_OUTGOING = """
                <?xml version="1.0" encoding="utf-8"?>
                <policy target="REJECT" priority="32767">
                  <short>Deny outgoing</short>
                  <ingress-zone name="HOST"/>
                  <egress-zone name="ANY"/>
                  <rule family="ipv6"><icmp-type name="router-solicitation"/><accept/></rule>
                  <rule family="ipv6"><icmp-type name="router-advertisement"/><accept/></rule>
                  <rule family="ipv6"><icmp-type name="neighbour-solicitation"/><accept/></rule>
                  <rule family="ipv6"><icmp-type name="neighbour-advertisement"/><accept/></rule>
                </policy>
                """;

        private String readLog() {
            try {
                Path log = work.resolve("firewalld.log");
                return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
            } catch (IOException e) {
                return e.toString();
            }
        }

        @Override
        List<String> wrap(List<String> argv) {
            List<String> out = new ArrayList<>(List.of("nsenter", "-t", Long.toString(inner), "-m", "-p", "-n",
                    "--"));
            out.addAll(argv);
            return out;
        }

        @Override
        boolean baselineOpens(String proto, int port) {
            return proto.equals("ping") || (proto.equals("tcp") && port == 22)
                    || (proto.equals("udp") && port == 546);
        }

        @Override
        String dump() {
            StringBuilder sb = new StringBuilder(withoutCounters(check(List.of("nft", "list", "ruleset")).out()));
            try (Stream<Path> files = Files.walk(etc)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = etc.relativize(f).toString();
                    if (name.endsWith(".old")) {
                        continue; // firewalld's own backups of the previous save, not configuration
                    }
                    sb.append("=== /etc/firewalld/").append(name).append('\n')
                            .append(Files.readString(f, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return sb.toString();
        }

        @Override
        public void close() {
            if (inner != 0) {
                // the namespace's PID 1: killing it ends firewalld and dbus-daemon with it at once
                ProcessHandle.of(inner).ifPresent(ProcessHandle::destroyForcibly);
            }
            if (holder != null) {
                lab.stop(holder);
            }
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
