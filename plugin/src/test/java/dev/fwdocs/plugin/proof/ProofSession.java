package dev.fwdocs.plugin.proof;

import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.resolve.ResolvedRule;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The behaviour proof of one role's script on one firewall variant: fresh namespaces, the drop baseline (incoming
 * and outgoing), then dry-run, apply, probe (inbound from the client, outbound from the server), apply again, undo,
 * a moved configurable port and narrowed role sources, each checked against the catalog and the ruleset dumps; then,
 * back on the baseline, the role's command block copied from its page, probed as the script without options is.
 * Collects every failure instead of stopping at the first.
 */
final class ProofSession {

    /** The programs a session runs, by the paths it runs them by (see {@link Firewall} and {@link Prober}). */
    static final String[] TOOLS = {"ip", "/usr/bin/python3", "/usr/sbin/xtables-nft-multi",
        "/usr/sbin/xtables-legacy-multi", "/usr/sbin/nft", "/usr/sbin/ufw", "/usr/sbin/firewalld",
        "firewall-offline-cmd", "/usr/bin/dbus-daemon", "/usr/bin/dbus-send", "/usr/bin/unshare", "/usr/bin/nsenter"};

    /** One thing that was not as the catalog and the script contract demand. */
    record Failure(String step, String message) {
        @Override
        public String toString() {
            return "[" + step + "] " + message;
        }
    }

    /**
     * The outcome of a session: failures (empty = proven), a step log with timings, and whether the session had a
     * page block to prove (its failures are at the step {@code page}).
     */
    record Report(String title, List<Failure> failures, List<String> log, boolean pageChecked) {
        Report {
            failures = List.copyOf(failures);
            log = List.copyOf(log);
        }

        boolean proven() {
            return failures.isEmpty();
        }

        /** The failures of the script's own steps (and of the harness). */
        List<Failure> scriptFailures() {
            return failures.stream().filter(f -> !f.step().equals(PAGE)).toList();
        }

        /** The failures that make the page block unproven: its own step, or the harness around it. */
        List<Failure> pageFailures() {
            return failures.stream().filter(f -> f.step().equals(PAGE) || HARNESS_STEPS.contains(f.step()))
                    .toList();
        }

        /** True when the session had a page block and it did what the catalog says. */
        boolean pageProven() {
            return pageChecked && pageFailures().isEmpty();
        }

        String describe() {
            return title + ": " + (failures.isEmpty() ? "proven" : failures.size() + " failure(s)") + "\n  "
                    + failures.stream().map(Failure::toString).collect(Collectors.joining("\n  "))
                    + "\n  log:\n    " + String.join("\n    ", log);
        }
    }

    /** The step of the page block's failures. */
    static final String PAGE = "page";
    /** Steps that mean the harness itself could not prove anything. */
    static final Set<String> HARNESS_STEPS = Set.of("harness", "control", "baseline");

    private final String title;
    private final Variant variant;
    private final RoleView role;
    private final String scriptText;
    private final List<Failure> failures = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private long started = System.nanoTime();

    private Lab lab;
    private Firewall fw;
    private Path work;
    private Path script;
    private boolean pageReached;
    /** The outbound probes of the main apply, sent from the server to the peer namespace. */
    private List<Expect.Probe> outbound = List.of();

    private final boolean sourcesCheck;
    private final String pageCommands;

    /**
     * A session; {@code sourcesCheck} adds the narrowed-sources apply (IPv4-only CIDR through the environment, a
     * client address outside it), which the proof runs once per variant rather than for every role.
     * {@code pageCommands}, the role's command block as copied from its page, is run and probed after the script
     * (null: the session proves the script only).
     */
    ProofSession(String title, Variant variant, RoleView role, String scriptText, boolean sourcesCheck,
            String pageCommands) {
        this.title = title;
        this.variant = variant;
        this.role = role;
        this.scriptText = scriptText;
        this.sourcesCheck = sourcesCheck;
        this.pageCommands = pageCommands;
    }

    ProofSession(String title, Variant variant, RoleView role, String scriptText) {
        this(title, variant, role, scriptText, true, null);
    }

    /** The applies every session runs for this role: main, moved ports (if any), narrowed sources (if any). */
    List<Expect.Apply> applies() {
        List<Expect.Apply> out = new ArrayList<>();
        List<String> roles = Expect.sourceRoles(role);
        Map<String, List<String>> all = new LinkedHashMap<>();
        roles.forEach(r -> all.put(r, List.of(Lab.ROLE_CIDRS.split(","))));
        // the destinations of outbound flows: the peer's main addresses inside, its second ones outside
        Expect.destinationRoles(role).forEach(r -> all.put(r, List.of(Lab.PEER_CIDRS.split(","))));
        out.add(new Expect.Apply("apply", all, Map.of(), List.of(Lab.CLIENT4, Lab.CLIENT6), false));
        Map<String, Integer> moved = new LinkedHashMap<>();
        Set<Integer> used = new TreeSet<>();
        for (ResolvedRule r : role.inbound()) {
            for (PortRange range : r.rule().ports()) {
                for (int p = Math.max(1, range.first() - 1); p <= Math.min(PortRange.MAX_PORT, range.last() + 1); p++) {
                    used.add(p);
                }
            }
        }
        for (ResolvedRule r : role.inbound()) {
            if (r.rule().configurable() != null) {
                int p = 41000 + moved.size() * 10;
                while (used.contains(p) || used.contains(p - 1) || used.contains(p + 1)) {
                    p += 3;
                }
                used.add(p);
                moved.put(r.id(), p);
            }
        }
        if (!moved.isEmpty()) {
            // no role sources given: "unset means any", so the second client address must get through as well
            out.add(new Expect.Apply("moved-port", Map.of(), moved, List.of(Lab.CLIENT4, Lab.OTHER4, Lab.CLIENT6),
                    false));
        }
        if (sourcesCheck && !roles.isEmpty()) {
            Map<String, List<String>> narrow = new LinkedHashMap<>();
            roles.forEach(r -> narrow.put(r, List.of("169.254.77.0/25")));
            // IPv4 only and via the environment: .130 is outside, and IPv6 must get no rule at all (never "any")
            out.add(new Expect.Apply("sources", narrow, Map.of(), List.of(Lab.CLIENT4, Lab.OTHER4, Lab.CLIENT6),
                    true));
        }
        return out;
    }

    /**
     * The page block's oracle: the script's without any option (role sources unset, so "any"; catalog ports),
     * since the page opens the role's flows for any source.
     */
    static Expect.Apply pageApply() {
        return new Expect.Apply(PAGE, Map.of(), Map.of(), List.of(Lab.CLIENT4, Lab.CLIENT6), false);
    }

    Report run() {
        work = null;
        started = System.nanoTime();
        try {
            work = Files.createTempDirectory("fwdocs-proof-");
            script = work.resolve(variant.backendId() + ".sh");
            Files.writeString(script, scriptText, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            lab = Lab.create();
            note("namespaces " + lab.server() + " / " + lab.client() + " ready");
            fw = baseline(lab, work);
            List<Expect.Apply> applies = applies();
            List<Expect.Apply> probed = new ArrayList<>(applies);
            if (pageCommands != null) {
                probed.add(pageApply());
            }
            Set<Integer> ports = new TreeSet<>();
            for (Expect.Apply a : probed) {
                Expect.targets(role, a).stream().filter(t -> t.port() > 0).forEach(t -> ports.add(t.port()));
            }
            outbound = Expect.outboundPlan(role, applies.get(0), null);
            startServer(ports);
            startPeer();
            if (!control(probed)) {
                return report();
            }
            fw.setUp();
            note("baseline of " + variant + " in place");
            lab.flushNeighbours();
            List<Expect.Probe> closed = Expect.plan(role, applies.get(0), null).stream()
                    .filter(p -> !fw.baselineOpens(p.proto(), p.port()))
                    .map(p -> new Expect.Probe(p.proto(), p.src(), p.dst(), p.port(), false, "only the baseline is in place"))
                    .collect(Collectors.toCollection(ArrayList::new));
            outbound.stream().filter(p -> !fw.baselineLetsOut(p.proto(), p.port(), p.family()))
                    .map(p -> new Expect.Probe(p.proto(), p.src(), p.dst(), p.port(), false,
                            "only the baseline (outgoing dropped) is in place"))
                    .forEach(closed::add);
            List<Prober.Miss> base = Prober.misses(lab, closed);
            base.forEach(m -> fail("baseline", m.describe()));
            note("baseline: " + closed.size() + " probes, " + base.size() + " wrong");
            String before = fw.dump();
            dryRun(applies.get(0), before);
            for (Expect.Apply a : applies) {
                applyAndProbe(a, before, a == applies.get(0));
            }
            if (pageCommands != null) {
                pageAndProbe(before, ports);
            }
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

    /**
     * Runs the page's command block on the drop baseline as a reader pastes it ({@code sh -e}, in the backend's
     * context) and probes it with the oracle of the script run without options.
     */
    private void pageAndProbe(String before, Set<Integer> ports) throws IOException {
        pageReached = true;
        long t0 = System.nanoTime();
        if (!fw.dump().equals(before)) {
            // the script's --undo left something behind (a failure above says what); the page must not run on it
            note("page: the ruleset is not the baseline after --undo; fresh namespaces and baseline for the page");
            fresh(ports);
        }
        Path block = work.resolve("page-" + variant.backendId() + ".sh");
        Files.writeString(block, pageCommands, StandardCharsets.UTF_8);
        // -x only traces (to stderr), so that a failure shows the command it stopped at
        Command.Result r = Command.of(fw.wrap(List.of("/bin/sh", "-e", "-x", block.toString())))
                .timeout(Firewall.COMMAND_TIMEOUT).run();
        note("ran the page's " + variant.backendId() + " block (" + pageCommands.lines().count()
                + " lines) with sh -e -> exit " + r.exit());
        if (!r.ok()) {
            fail(PAGE, "the page's commands fail as pasted (sh -e), exit " + r.exit() + ": " + r.describe());
            return;
        }
        lab.flushNeighbours();
        List<Expect.Probe> plan = Expect.plan(role, pageApply(), fw);
        List<Prober.Miss> misses = Prober.misses(lab, plan);
        misses.forEach(m -> fail(PAGE, m.describe()));
        note(String.format("page (as pasted, probed like the script without options): %d probes, %d wrong, %.1fs",
                plan.size(), misses.size(), (System.nanoTime() - t0) / 1e9));
    }

    /** New namespaces, server and baseline, replacing the current ones (their firewall is not the baseline). */
    private void fresh(Set<Integer> ports) throws IOException {
        fw.close();
        lab.close();
        fw = null;
        lab = null;
        Path dir = Files.createDirectories(work.resolve("fresh"));
        lab = Lab.create();
        fw = baseline(lab, dir);
        startServer(ports);
        fw.setUp();
    }

    /**
     * The session's baseline: drop incoming and outgoing. A role with inbound rules gets the strict one, which lets
     * no neighbour discovery in: its script opens that itself (as the self-test's broken copy without it shows), and
     * only there is that proven. A role with outbound rules only has no inbound side in its script: it gets the
     * baseline of a real default-drop IPv6 host, which lets neighbour discovery in (without it no IPv6 works).
     */
    private Firewall baseline(Lab on, Path dir) {
        Firewall f = Firewall.of(variant, on, dir).droppingOutgoing();
        return role.inbound().isEmpty() ? f.lettingNeighbourDiscoveryIn() : f;
    }

    private void startServer(Set<Integer> ports) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", lab.server(), "/usr/bin/python3",
                Prober.resource("server.py").toString(), "--seconds", "600"));
        ports.forEach(p -> argv.add(Integer.toString(p)));
        lab.start(argv, "ready", Duration.ofSeconds(20));
        note("server listening on " + ports.size() + " TCP and UDP ports");
    }

    /** The listener in the client (peer) namespace for the outbound flows' probes, when the role has any. */
    private void startPeer() {
        Set<Integer> ports = new TreeSet<>();
        outbound.stream().filter(p -> p.port() > 0).forEach(p -> ports.add(p.port()));
        if (lab.startPeer(ports, 600)) {
            note("peer listening on " + ports.size() + " TCP and UDP ports for outbound flows");
        }
    }

    /** With no firewall at all, every probe must answer: proves the server, the link and the probe client. */
    private boolean control(List<Expect.Apply> applies) {
        List<Expect.Probe> all = new ArrayList<>();
        for (Expect.Apply a : applies) {
            for (Expect.Probe p : Expect.plan(role, a, null)) {
                all.add(new Expect.Probe(p.proto(), p.src(), p.dst(), p.port(), true, "no firewall yet"));
            }
        }
        for (Expect.Probe p : outbound) {
            all.add(new Expect.Probe(p.proto(), p.src(), p.dst(), p.port(), true, "no firewall yet"));
        }
        List<Prober.Miss> misses = Prober.misses(lab, all.stream().distinct().toList());
        misses.forEach(m -> fail("control", m.describe()));
        note("control: " + all.stream().distinct().count() + " probes without firewall, " + misses.size()
                + " unanswered");
        return misses.isEmpty();
    }

    private void dryRun(Expect.Apply a, String before) {
        Command.Result r = script(a, "--dry-run");
        if (!r.ok()) {
            fail("dry-run", "exit " + r.exit() + ": " + r.describe());
        } else if (r.out().isBlank()) {
            fail("dry-run", "printed nothing; it must print every command it would run");
        }
        compare("dry-run", "the ruleset after --dry-run", before, fw.dump(), "the ruleset before");
    }

    private void applyAndProbe(Expect.Apply a, String before, boolean full) {
        Command.Result r = script(a, null);
        if (!r.ok()) {
            fail(a.name(), "apply failed, exit " + r.exit() + ": " + r.describe());
            return;
        }
        String once = fw.dump();
        lab.flushNeighbours();
        List<Expect.Probe> plan = new ArrayList<>(Expect.plan(role, a, fw));
        if (full) {
            // outbound flows once, with the destination roles given: the other applies move inbound ports only
            plan.addAll(Expect.outboundPlan(role, a, fw));
        }
        List<Prober.Miss> misses = Prober.misses(lab, plan);
        misses.forEach(m -> fail(a.name(), m.describe()));
        note(a.describe() + ": " + plan.size() + " probes, " + misses.size() + " wrong");
        if (full) {
            Command.Result again = script(a, null);
            if (!again.ok()) {
                fail("idempotent", "second apply failed, exit " + again.exit() + ": " + again.describe());
            } else {
                compare("idempotent", "the ruleset after applying twice", fw.dump(), once, "after applying once");
            }
        }
        Command.Result undo = script(a, "--undo");
        if (!undo.ok()) {
            fail(a.name() + " undo", "exit " + undo.exit() + ": " + undo.describe());
            return;
        }
        compare(a.name() + " undo", "the ruleset after --undo", fw.dump(), before, "before the first apply");
        if (full) {
            Command.Result undo2 = script(a, "--undo");
            if (!undo2.ok()) {
                fail("undo twice", "a second --undo must succeed and change nothing; exit " + undo2.exit() + ": "
                        + undo2.describe());
            } else {
                compare("undo twice", "the ruleset after a second --undo", fw.dump(), before,
                        "before the first apply");
            }
        }
    }

    private Command.Result script(Expect.Apply a, String mode) {
        List<String> argv = new ArrayList<>(List.of(script.toString()));
        argv.addAll(a.options());
        if (mode != null) {
            argv.add(mode);
        }
        Command.Result r = Command.of(fw.wrap(argv)).timeout(Firewall.COMMAND_TIMEOUT).env(a.environment()).run();
        note("ran " + variant.backendId() + ".sh " + String.join(" ", argv.subList(1, argv.size()))
                + (a.environment().isEmpty() ? "" : " with " + a.environment()) + " -> exit " + r.exit());
        return r;
    }

    private void compare(String step, String what, String actual, String expected, String expectedName) {
        if (actual.equals(expected)) {
            return;
        }
        List<String> a = List.of(actual.split("\n"));
        List<String> e = List.of(expected.split("\n"));
        List<String> extra = a.stream().filter(l -> !e.contains(l)).limit(30).toList();
        List<String> missing = e.stream().filter(l -> !a.contains(l)).limit(30).toList();
        fail(step, what + " differs from " + expectedName + ":\n      only now:  "
                + String.join("\n                 ", extra) + "\n      only then: "
                + String.join("\n                 ", missing)
                + (extra.isEmpty() && missing.isEmpty() ? "\n      (same lines, different order or count)" : ""));
    }

    private void fail(String step, String message) {
        failures.add(new Failure(step, message));
    }

    private void note(String text) {
        log.add(String.format("%5.1fs %s", (System.nanoTime() - started) / 1e9, text));
    }

    private Report report() {
        if (pageCommands != null && !pageReached) {
            fail(PAGE, "not run: the session stopped before the page step (see the failures above)");
        }
        note("done");
        return new Report(title, failures, log, pageCommands != null);
    }
}
