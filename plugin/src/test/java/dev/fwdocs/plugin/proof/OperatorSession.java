package dev.fwdocs.plugin.proof;

import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.testing.Command;
import dev.fwdocs.plugin.testing.GeneratedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A proof of several generated scripts on one server, as an operator runs them: fresh namespaces and the drop
 * baseline of one {@link Variant}, then a {@link Scenario} that applies and undoes scripts in some order, probing after
 * the steps with the oracle of the scripts in force (a port is open when one of them allows it) and comparing ruleset
 * dumps. Collects every failure instead of stopping at the first.
 */
final class OperatorSession {

    /** One generated script: a name for the log, the role it is for, its text and how it is applied. */
    record Script(String label, RoleView role, String text, Expect.Apply apply) {
    }

    /** The steps of one session, run after the baseline is in place. */
    interface Scenario {
        void run(OperatorSession s) throws IOException;
    }

    private final String title;
    private final Variant variant;
    private final List<Script> scripts;
    private final Scenario scenario;
    private final boolean dropOutgoing;
    private final List<ProofSession.Failure> failures = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final Map<Script, Path> paths = new LinkedHashMap<>();
    private long started;
    private Lab lab;
    private Firewall fw;
    private Path work;
    private String before;

    /**
     * A session; with {@code dropOutgoing} the baseline drops outgoing traffic too ({@link Firewall#droppingOutgoing()})
     * and every probe step also probes the scripts' outbound flows from the server to a listener in the client
     * namespace.
     */
    OperatorSession(String title, Variant variant, List<Script> scripts, boolean dropOutgoing, Scenario scenario) {
        this.title = title;
        this.variant = variant;
        this.scripts = List.copyOf(scripts);
        this.dropOutgoing = dropOutgoing;
        this.scenario = scenario;
    }

    /**
     * The default apply of a role: every source role's addresses given, and every destination role's as the lab's
     * peer CIDRs (the client's main addresses inside, its second ones outside), as the main proof applies it;
     * catalog ports; probed from the client.
     */
    static Expect.Apply defaultApply(RoleView role) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        Expect.sourceRoles(role).forEach(r -> all.put(r, List.of(Lab.ROLE_CIDRS.split(","))));
        Expect.destinationRoles(role).forEach(r -> all.put(r, List.of(Lab.PEER_CIDRS.split(","))));
        return new Expect.Apply("apply", all, Map.of(), List.of(Lab.CLIENT4, Lab.CLIENT6), false);
    }

    ProofSession.Report run() {
        started = System.nanoTime();
        try {
            work = Files.createTempDirectory("fwdocs-operator-");
            int i = 0;
            for (Script s : scripts) {
                Path dir = Files.createDirectories(work.resolve("s" + i++));
                Path p = dir.resolve(variant.backendId() + ".sh");
                Files.writeString(p, s.text(), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                paths.put(s, p);
            }
            lab = Lab.create();
            fw = Firewall.of(variant, lab, work);
            Set<Integer> ports = new TreeSet<>();
            for (Script s : scripts) {
                Expect.targets(s.role(), s.apply()).stream().filter(t -> t.port() > 0).forEach(t -> ports.add(t.port()));
            }
            List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", lab.server(), "/usr/bin/python3",
                    Prober.resource("server.py").toString(), "--seconds", "900"));
            ports.forEach(p -> argv.add(Integer.toString(p)));
            lab.start(argv, "ready", Duration.ofSeconds(20));
            List<Expect.Probe> unfiltered = new ArrayList<>(plan(List.of(), null));
            if (dropOutgoing) {
                fw.droppingOutgoing();
                unfiltered.addAll(outboundPlan(List.of(), null));
                Set<Integer> peer = new TreeSet<>();
                unfiltered.stream().filter(p -> p.port() > 0 && p.src().equals(Lab.SERVER4))
                        .forEach(p -> peer.add(p.port()));
                lab.startPeer(peer, 900);
            }
            List<Expect.Probe> control = unfiltered.stream()
                    .map(p -> new Expect.Probe(p.proto(), p.src(), p.dst(), p.port(), true, "no firewall yet"))
                    .distinct().toList();
            List<Prober.Miss> cm = Prober.misses(lab, control);
            cm.forEach(m -> fail("control", m.describe()));
            if (!cm.isEmpty()) {
                return report();
            }
            fw.setUp();
            lab.flushNeighbours();
            before = fw.dump();
            note("baseline of " + variant + " in place; server on " + ports.size() + " ports");
            probe("baseline", List.of());
            scenario.run(this);
        } catch (RuntimeException | IOException e) {
            fail("harness", "stopped: " + e);
        } finally {
            if (fw != null) {
                fw.close();
            }
            if (lab != null) {
                lab.close();
            }
            GeneratedFiles.deleteTree(work);
        }
        return report();
    }

    List<Script> scripts() {
        return scripts;
    }

    Firewall firewall() {
        return fw;
    }

    /** The ruleset before any script ran (the baseline). */
    String before() {
        return before;
    }

    /** Runs a script with its apply's options and {@code extra}; a failure is recorded (false). */
    boolean run(String step, Script s, String... extra) {
        Command.Result r = exec(s, extra);
        if (!r.ok()) {
            fail(step, s.label() + " " + String.join(" ", extra) + ": exit " + r.exit() + ": " + r.describe());
            return false;
        }
        return true;
    }

    /** Runs a script and returns what it did, without judging it. */
    Command.Result exec(Script s, String... extra) {
        Command.Result r = Command.of(fw.wrap(argv(s, extra))).timeout(Firewall.COMMAND_TIMEOUT)
                .env("FWDOCS_STATE_DIR", work.resolve("state").toString()).run();
        note("ran " + s.label() + (extra.length == 0 ? "" : " " + String.join(" ", extra)) + " -> exit " + r.exit());
        return r;
    }

    private int asyncCount;

    /** Starts a script in the background with its apply's options and {@code extra}. */
    BackgroundRun start(Script s, String... extra) throws IOException {
        note("started " + s.label() + " " + String.join(" ", extra));
        return BackgroundRun.start(fw.wrap(argv(s, extra)), Map.of("FWDOCS_STATE_DIR",
                work.resolve("state").toString()), work.resolve("async-" + asyncCount++ + ".log"));
    }

    /**
     * Starts a script in the background on a terminal of its own, as an operator runs it over SSH; {@link #type}
     * writes to that terminal.
     */
    BackgroundRun startOnTerminal(Script s, String... extra) throws IOException {
        note("started on a terminal " + s.label() + " " + String.join(" ", extra));
        return BackgroundRun.startOnTerminal(fw.wrap(argv(s, extra)), Map.of("FWDOCS_STATE_DIR",
                work.resolve("state").toString()), work.resolve("async-" + asyncCount++ + ".log"));
    }

    /** The command line of a script with its apply's options and {@code extra}. */
    private List<String> argv(Script s, String... extra) {
        List<String> argv = new ArrayList<>(List.of(paths.get(s).toString()));
        argv.addAll(s.apply().options());
        argv.addAll(List.of(extra));
        return argv;
    }

    /** Types a line on the terminal of a script started with {@link #startOnTerminal}. */
    void type(BackgroundRun r, String line) throws IOException {
        r.type(line);
    }

    /** Waits until the running script has printed {@code text}; false (and a failure) when it ended or took too long. */
    boolean await(String step, BackgroundRun r, String text, Duration limit) {
        if (r.await(text, limit)) {
            return true;
        }
        fail(step, "the script did not print '" + text + "' (" + r.state() + "):\n" + r.output());
        return false;
    }

    /** Waits for the running script to end; its exit status, or -1 (and a failure) when it does not end in time. */
    int finish(String step, BackgroundRun r, Duration limit) {
        int rc = r.finish(limit);
        if (rc == -1) {
            fail(step, "the script did not end within " + limit + ":\n" + r.output());
            return -1;
        }
        note(step + ": exit " + rc);
        return rc;
    }

    /**
     * Probes every target of every script of the session from the client: open exactly where one of the scripts in
     * {@code inForce} allows it.
     */
    void probe(String step, List<Script> inForce) {
        probe(step, inForce, List.of(Lab.CLIENT4, Lab.CLIENT6), List.of());
    }

    /**
     * The same from {@code sources}; a source in {@code blocked} is one the administrator's blocklist drops: it
     * must get no answer at all, whatever the scripts allow. When the baseline drops outgoing traffic, the scripts'
     * outbound flows are probed from the server at the same time; a blocklist of sources leaves them alone (their
     * replies are established traffic, accepted before it).
     */
    void probe(String step, List<Script> inForce, List<String> sources, List<String> blocked) {
        lab.flushNeighbours();
        List<Expect.Probe> plan = new ArrayList<>(plan(inForce, fw, sources).stream()
                .map(p -> blocked.contains(p.src())
                        ? new Expect.Probe(p.proto(), p.src(), p.dst(), p.port(), false, "the source is blocklisted")
                        : p)
                .filter(p -> !(blocked.contains(p.src()) && fw.baselineOpens(p.proto(), p.port())))
                .distinct().toList());
        if (dropOutgoing) {
            plan.addAll(outboundPlan(inForce, fw));
        }
        List<Prober.Miss> misses = Prober.misses(lab, plan);
        misses.forEach(m -> fail(step, m.describe()));
        note(step + ": " + plan.size() + " probes with " + inForce.stream().map(Script::label).toList()
                + " in force, " + misses.size() + " wrong");
    }

    private List<Expect.Probe> plan(List<Script> inForce, Firewall baseline) {
        return plan(inForce, baseline, List.of(Lab.CLIENT4, Lab.CLIENT6));
    }

    private List<Expect.Probe> plan(List<Script> inForce, Firewall baseline, List<String> sources) {
        Set<Expect.Target> targets = new TreeSet<>();
        for (Script s : scripts) {
            targets.addAll(Expect.targets(s.role(), s.apply()));
        }
        List<Expect.Probe> out = new ArrayList<>();
        for (Expect.Target t : targets) {
            for (String src : sources) {
                int family = src.contains(":") ? 6 : 4;
                String dst = family == 6 ? Lab.SERVER6 : Lab.SERVER4;
                String why = null;
                for (Script s : inForce) {
                    String w = Expect.allowedBy(s.role(), s.apply(), t, family, src);
                    if (w != null) {
                        why = s.label() + ": " + w;
                        break;
                    }
                }
                if (why == null && baseline != null && baseline.baselineOpens(t.proto(), t.port())) {
                    continue;
                }
                out.add(new Expect.Probe(t.proto(), src, dst, t.port(), why != null,
                        why != null ? why : "no script in force allows it"));
            }
        }
        return out.stream().distinct().toList();
    }

    /**
     * The probes from the server for the outbound targets of every script of the session: to the client's main
     * addresses, and to its second ones (outside every destination) where a script of the session lets that target
     * out to the main ones; open exactly where one of the scripts in {@code inForce} lets it out to that address.
     */
    private List<Expect.Probe> outboundPlan(List<Script> inForce, Firewall baseline) {
        Set<Expect.Target> targets = new TreeSet<>();
        for (Script s : scripts) {
            targets.addAll(Expect.outboundTargets(s.role(), s.apply()));
        }
        List<Expect.Probe> out = new ArrayList<>();
        for (Expect.Target t : targets) {
            for (String[] pair : List.of(new String[] {Lab.CLIENT4, Lab.OTHER4},
                    new String[] {Lab.CLIENT6, Lab.OTHER6})) {
                int family = pair[0].contains(":") ? 6 : 4;
                String src = family == 6 ? Lab.SERVER6 : Lab.SERVER4;
                boolean anywhere = scripts.stream()
                        .anyMatch(s -> Expect.allowedTo(s.role(), s.apply(), t, family, pair[0]) != null);
                for (String dst : anywhere ? List.of(pair[0], pair[1]) : List.of(pair[0])) {
                    String why = null;
                    for (Script s : inForce) {
                        String w = Expect.allowedTo(s.role(), s.apply(), t, family, dst);
                        if (w != null) {
                            why = s.label() + ": " + w;
                            break;
                        }
                    }
                    if (why == null && baseline != null && baseline.baselineLetsOut(t.proto(), t.port(), family)) {
                        continue;
                    }
                    out.add(new Expect.Probe(t.proto(), src, dst, t.port(), why != null,
                            why != null ? why : "no script in force lets it out"));
                }
            }
        }
        return out;
    }

    /** Records a failure unless the dump equals {@code expected} exactly. */
    void same(String step, String what, String actual, String expected) {
        if (!actual.equals(expected)) {
            fail(step, what + ":\n" + diff(actual, expected));
        }
    }

    /**
     * Records a failure unless the dumps hold the same rules: each rule kept with its chain (or file, or set), the
     * order of rules within one chain ignored (every rule of a script accepts, so their order does not matter; the
     * jumps' order is compared as well, as lines of the built-in chain).
     */
    void equivalent(String step, String what, String actual, String expected) {
        if (actual.equals(expected)) {
            return;
        }
        if (canonical(actual).equals(canonical(expected))) {
            note(step + ": same rules, in another order within a chain");
            return;
        }
        fail(step, what + ":\n" + diff(actual, expected));
    }

    private static final Pattern APPEND = Pattern.compile("^-A (\\S+) .*");

    /** The dump as sorted "section / line" pairs; a section is a file, table, chain or set. */
    static List<String> canonical(String dump) {
        List<String> out = new ArrayList<>();
        List<String> stack = new ArrayList<>();
        String table = "";
        for (String line : dump.split("\n")) {
            String l = line.strip();
            if (l.startsWith("=== ")) {
                stack.clear();
                stack.add(l);
                out.add(l);
                continue;
            }
            if (l.startsWith("*")) {
                table = l;
            }
            var m = APPEND.matcher(l);
            String section = String.join(" / ", stack) + " / " + table + (m.matches() ? " " + m.group(1) : "");
            out.add(section + " | " + l);
            if (l.endsWith("{")) {
                stack.add(l);
            } else if (l.equals("}") && !stack.isEmpty() && !stack.get(stack.size() - 1).startsWith("=== ")) {
                stack.remove(stack.size() - 1);
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static String diff(String actual, String expected) {
        List<String> a = List.of(actual.split("\n"));
        List<String> e = List.of(expected.split("\n"));
        List<String> extra = a.stream().filter(l -> !e.contains(l)).limit(30).toList();
        List<String> missing = e.stream().filter(l -> !a.contains(l)).limit(30).toList();
        return "      only now:  " + String.join("\n                 ", extra) + "\n      only then: "
                + String.join("\n                 ", missing)
                + (extra.isEmpty() && missing.isEmpty() ? "\n      (same lines, different order or count)" : "");
    }

    void fail(String step, String message) {
        failures.add(new ProofSession.Failure(step, message));
    }

    void note(String text) {
        log.add(String.format("%5.1fs %s", (System.nanoTime() - started) / 1e9, text));
    }

    private ProofSession.Report report() {
        note("done");
        return new ProofSession.Report(title, failures, log, false);
    }

    /** The distinct labels of scripts, for titles. */
    static String labels(List<Script> scripts) {
        return scripts.stream().map(Script::label).collect(Collectors.toCollection(LinkedHashSet::new)).toString();
    }
}
