package dev.fwdocs.plugin.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.plugin.bundle.ArchiveTime;
import dev.fwdocs.plugin.bundle.Archives;
import dev.fwdocs.plugin.bundle.BundleOutput;
import dev.fwdocs.plugin.model.FlowSet;
import dev.fwdocs.plugin.model.Model;
import dev.fwdocs.plugin.model.ProductModel;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.output.OutputContext;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.testing.Catalogs;
import dev.fwdocs.plugin.testing.Command;
import dev.fwdocs.plugin.testing.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The bundles in network namespaces: a seed bundle unpacked and checked with {@code sha256sum -c}, {@code apply.sh
 * --backend auto} on each backend (and refusing two active firewalls), two roles applied as their union, optional
 * flows left out (and {@code apply.sh --audit} naming them missing, then clean), {@code check.sh} from the peer
 * namespace passing and then naming a blocked flow, {@code --undo} restoring the ruleset from before, and
 * {@code --confirm-within} keeping the rules when confirmed and restoring the ruleset from before otherwise, on every
 * variant.
 */
@Tag("firewall")
@Execution(ExecutionMode.CONCURRENT)
class BundleProofTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A seed whose roles share flows: control-plane and worker have one flow set in common. */
    private static final String SEED = "konvoy";
    /** The roles of the seed that one machine has in the proofs of two roles. */
    private static final List<String> ROLES = List.of("control-plane", "worker");

    @Test
    void applyDetectsEachBackendAppliesTheUnionOfTwoRolesAndUndoes(@TempDir Path tmp) throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        VersionModel v = latest(Catalogs.seed(SEED));
        Path dir = unpack(tmp, v);
        List<String> roles = ROLES;
        Map<Integer, String> open = openPorts(v, roles);
        Map<Integer, String> out = outboundPorts(v, roles);
        int closed = unusedPort(v);
        for (Variant variant : OperatorProofTest.variants()) {
            Path work = Files.createDirectories(tmp.resolve(variant.label()));
            // the baseline drops outgoing traffic too: only the sets' outbound rules let the roles' flows out
            try (Lab lab = Lab.create(); Firewall fw = Firewall.of(variant, lab, work).droppingOutgoing()) {
                List<Integer> ports = new ArrayList<>(open.keySet());
                ports.add(closed);
                server(lab, ports);
                List<Integer> peerPorts = new ArrayList<>(out.keySet());
                peerPorts.add(closed);
                peer(lab, peerPorts);
                List<Expect.Probe> probes = new ArrayList<>();
                open.forEach((port, why) -> probes.add(new Expect.Probe("tcp", Lab.CLIENT4, Lab.SERVER4, port, true,
                        why)));
                probes.add(new Expect.Probe("tcp", Lab.CLIENT4, Lab.SERVER4, closed, false, "in no rule"));
                for (String[] pair : List.of(new String[] {Lab.SERVER4, Lab.CLIENT4},
                        new String[] {Lab.SERVER6, Lab.CLIENT6})) {
                    out.forEach((port, why) -> probes.add(new Expect.Probe("tcp", pair[0], pair[1], port, true, why)));
                    probes.add(new Expect.Probe("tcp", pair[0], pair[1], closed, false, "in no outbound rule"));
                }
                List<String> control = Prober.misses(lab, probes.stream().map(p -> new Expect.Probe(p.proto(),
                        p.src(), p.dst(), p.port(), true, "no firewall yet")).toList()).stream()
                        .map(Prober.Miss::describe).toList();
                assertEquals(List.of(), control, variant + ": without a firewall every probe answers");
                fw.setUp();
                lab.flushNeighbours();
                String before = fw.dump();
                Command.Result applied = fw.run(List.of("sh", dir.resolve("apply.sh").toString(), "--role",
                        String.join(",", roles), "--backend", "auto"));
                assertTrue(applied.ok(), variant + ": " + applied.describe());
                assertTrue(applied.out().contains("backend " + variant.backendId() + " (auto: "), variant
                        + " picked and said why: " + applied.out());
                assertEquals(List.of(), Prober.misses(lab, probes).stream().map(Prober.Miss::describe).toList(),
                        variant.label());
                Command.Result undone = fw.run(List.of("sh", dir.resolve("apply.sh").toString(), "--role",
                        String.join(",", roles), "--undo"));
                assertTrue(undone.ok(), variant + ": " + undone.describe());
                assertEquals(before, fw.dump(), variant + ": --undo restores the ruleset from before");
            }
        }
    }

    /**
     * {@code --confirm-within} around all the sets the two roles need, on every variant: an apply confirmed with
     * {@code apply.sh --confirm} from a second session keeps the rules (probed); an {@code --undo} not confirmed in
     * time brings back exactly the applied ruleset; an {@code --undo} confirmed with {@code yes} typed on its terminal
     * stays (the ruleset from before); an apply not confirmed in time brings back exactly the ruleset from before
     * (probed closed); each restore exits 5 and says so. {@code --confirm} with no run waiting exits 1, and
     * {@code --audit} with {@code --confirm-within} is a usage error.
     */
    @TestFactory
    Stream<DynamicTest> confirmWithinRestoresOrKeeps(@TempDir Path tmp) throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        VersionModel v = latest(Catalogs.seed(SEED));
        Path dir = unpack(tmp, v);
        Map<Integer, String> open = openPorts(v, ROLES);
        int closed = unusedPort(v);
        List<Variant> variants = OperatorProofTest.variants().stream()
                .sorted(java.util.Comparator.comparingInt(x -> -x.cost())).toList();
        List<Future<List<String>>> runs = new ArrayList<>();
        for (Variant variant : variants) {
            Path work = Files.createDirectories(tmp.resolve("confirm-" + variant.label()));
            runs.add(Sessions.submit(() -> confirmOn(variant, dir, work, open, closed)));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            Variant variant = variants.get(i);
            Future<List<String>> run = runs.get(i);
            tests.add(DynamicTest.dynamicTest("apply.sh --confirm-within on " + variant, () -> {
                List<String> failures = run.get();
                assertEquals(List.of(), failures, variant + ": " + String.join("\n", failures));
            }));
        }
        return tests.stream();
    }

    private static List<String> confirmOn(Variant variant, Path dir, Path work, Map<Integer, String> open,
            int closed) throws IOException {
        List<String> failures = new ArrayList<>();
        Duration limit = Duration.ofSeconds(240);
        String waiting = "the new rules are in force";
        String restored = "restored: the firewall is as it was before this run";
        String kept = "confirmed: the new rules stay";
        try (Lab lab = Lab.create(); Firewall fw = Firewall.of(variant, lab, work).droppingOutgoing()) {
            fw.setUp();
            List<Integer> ports = new ArrayList<>(open.keySet());
            ports.add(closed);
            server(lab, ports);
            String before = fw.dump();
            Path state = work.resolve("state");

            BackgroundRun confirmed = BackgroundRun.start(fw.wrap(apply(dir, state, "--confirm-within=120")),
                    Map.of(), work.resolve("confirmed.log"));
            if (!confirmed.await(waiting, limit)) {
                failures.add("confirmed: it did not wait (" + confirmed.state() + "):\n" + confirmed.output());
                return failures;
            }
            Command.Result confirm = fw.run(apply(dir, state, "--backend", variant.backendId(), "--confirm"));
            if (!confirm.ok() || !confirm.out().contains("confirmed: the run with pid")) {
                failures.add("confirmed: apply.sh --confirm from a second session: " + confirm.describe());
            }
            int rc = confirmed.finish(limit);
            if (rc != 0 || !confirmed.output().contains(kept)) {
                failures.add("confirmed: exit " + rc + " after --confirm:\n" + confirmed.output());
            }
            failures.addAll(misses("confirmed", lab, open, closed, true));
            String applied = fw.dump();

            Command.Result undoLate = fw.run(apply(dir, state, "--undo", "--confirm-within=3"));
            if (undoLate.exit() != 5 || !undoLate.out().contains("removing the rules of")
                    || !undoLate.out().contains(restored)) {
                failures.add("undo timed out: exit " + undoLate.exit() + ", not 5 with the restore said: "
                        + undoLate.describe());
            }
            if (!fw.dump().equals(applied)) {
                failures.add("undo timed out: the ruleset is not the applied one again");
            }

            BackgroundRun typed = BackgroundRun.startOnTerminal(fw.wrap(apply(dir, state, "--undo",
                    "--confirm-within=120")), Map.of(), work.resolve("typed.log"));
            if (typed.await(waiting, limit)) {
                typed.type("yes");
                rc = typed.finish(limit);
                if (rc != 0 || !typed.output().contains(kept)) {
                    failures.add("undo, yes typed: exit " + rc + ":\n" + typed.output());
                }
            } else {
                failures.add("undo, yes typed: it did not wait (" + typed.state() + "):\n" + typed.output());
                typed.finish(Duration.ofSeconds(1));
            }
            if (!fw.dump().equals(before)) {
                failures.add("undo, yes typed: the ruleset is not the one from before");
            }

            Command.Result late = fw.run(apply(dir, state, "--confirm-within=3"));
            if (late.exit() != 5 || !late.out().contains(waiting) || !late.out().contains(restored)) {
                failures.add("timed out: exit " + late.exit() + ", not 5 with the restore said: " + late.describe());
            }
            if (!fw.dump().equals(before)) {
                failures.add("timed out: the ruleset after the timeout is not the one from before");
            }
            failures.addAll(misses("timed out", lab, open, closed, false));

            Command.Result none = fw.run(apply(dir, state, "--confirm"));
            if (none.exit() != 1) {
                failures.add("nothing waits: --confirm exit " + none.exit() + ", not 1: " + none.describe());
            }
            Command.Result audit = fw.run(apply(dir, state, "--audit", "--confirm-within=3"));
            if (audit.exit() != 2) {
                failures.add("--audit --confirm-within: exit " + audit.exit() + ", not 2: " + audit.describe());
            }
            if (!fw.dump().equals(before)) {
                failures.add("the refused runs changed the ruleset");
            }
        }
        return failures;
    }

    /** apply.sh of the bundle for {@link #ROLES}, with its state (a waiting run's saved ruleset) under {@code state}. */
    private static List<String> apply(Path dir, Path state, String... extra) {
        List<String> argv = new ArrayList<>(List.of("env", "FWDOCS_STATE_DIR=" + state, "sh",
                dir.resolve("apply.sh").toString(), "--role", String.join(",", ROLES)));
        argv.addAll(List.of(extra));
        return argv;
    }

    /** The probes of {@code open} (open when {@code applied}, else closed) and of {@code closed}, that miss. */
    private static List<String> misses(String step, Lab lab, Map<Integer, String> open, int closed, boolean applied) {
        List<Expect.Probe> probes = new ArrayList<>();
        open.forEach((port, why) -> probes.add(new Expect.Probe("tcp", Lab.CLIENT4, Lab.SERVER4, port, applied,
                applied ? why : why + ", restored away")));
        probes.add(new Expect.Probe("tcp", Lab.CLIENT4, Lab.SERVER4, closed, false, "in no rule"));
        return Prober.misses(lab, probes).stream().map(m -> step + ": " + m.describe()).toList();
    }

    /**
     * One outbound TCP port of every flow set the roles need that has outbound flows to roles (any address of them,
     * as no --from- option is given): the server reaches the peer namespace on it once the set is applied.
     */
    private static Map<Integer, String> outboundPorts(VersionModel v, List<String> roles) {
        Map<Integer, String> out = new LinkedHashMap<>();
        for (FlowSet s : FlowSet.of(v)) {
            if (s.neededBy(roles)) {
                s.role().outbound().stream().filter(BundleProofTest::probeableOut)
                        .filter(r -> !out.containsKey(r.rule().ports().get(0).first())).findFirst()
                        .ifPresent(r -> out.put(r.rule().ports().get(0).first(), "outbound " + r.id() + " of "
                                + s.id()));
            }
        }
        assertTrue(out.size() >= 2, "an outbound port of each of the two sets with outbound flows: " + out);
        return out;
    }

    /** One inbound TCP port of every flow set the roles need, each only in its own set. */
    private static Map<Integer, String> openPorts(VersionModel v, List<String> roles) {
        Map<Integer, String> open = new LinkedHashMap<>();
        for (FlowSet s : FlowSet.of(v)) {
            if (s.neededBy(roles)) {
                s.role().inbound().stream().filter(BundleProofTest::probeable).findFirst()
                        .ifPresent(r -> open.put(r.rule().ports().get(0).first(), r.id() + " of " + s.id()));
            }
        }
        assertTrue(open.size() >= 3, "a port of each of the three sets: " + open);
        return open;
    }

    @Test
    void twoActiveFirewallsAreRefusedAndNothingChanges(@TempDir Path tmp) throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        VersionModel v = latest(Catalogs.seed(SEED));
        Path dir = unpack(tmp, v);
        try (Lab lab = Lab.create(); Firewall fw = Firewall.of(Variant.NFTABLES, lab, tmp).droppingOutgoing()) {
            fw.setUp();
            fw.check(List.of("iptables", "-P", "INPUT", "DROP"));
            String before = fw.dump();
            Command.Result r = fw.run(List.of("sh", dir.resolve("apply.sh").toString(), "--role", "worker"));
            assertEquals(4, r.exit(), r.describe());
            assertTrue(r.err().contains("more than one firewall is active"), r.describe());
            assertEquals(before, fw.dump());
            Command.Result bad = fw.run(List.of("sh", dir.resolve("apply.sh").toString(), "--role", "worker",
                    "--backend", "nftables", "--nft-input-chain=nothing-here"));
            assertEquals(4, bad.exit(), "a script that refuses stops the run: " + bad.describe());
            assertTrue(bad.err().contains("nothing was changed"), bad.describe());
            assertEquals(before, fw.dump(), "a failed precondition changes nothing");
        }
    }

    @Test
    void withoutOptionalLeavesTheOptionalPortsClosed(@TempDir Path tmp) throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        ProductCatalog pc = Catalogs.feature("optional");
        VersionModel v = latest(pc);
        Path dir = unpack(tmp, v);
        List<ResolvedRule> required = v.resolved().rules().stream()
                .filter(r -> !r.rule().optional() && probeable(r)).toList();
        List<ResolvedRule> optional = v.resolved().rules().stream()
                .filter(r -> r.rule().optional() && probeable(r)).toList();
        assertTrue(!required.isEmpty() && !optional.isEmpty());
        try (Lab lab = Lab.create(); Firewall fw = Firewall.of(Variant.NFTABLES, lab, tmp).droppingOutgoing()) {
            fw.setUp();
            List<Integer> ports = new ArrayList<>();
            required.forEach(r -> ports.add(r.rule().ports().get(0).first()));
            optional.forEach(r -> ports.add(r.rule().ports().get(0).first()));
            server(lab, ports);
            String before = fw.dump();
            String role = v.roles().get(0).id();
            Command.Result r = fw.run(List.of("sh", dir.resolve("apply.sh").toString(), "--role", role,
                    "--without-optional"));
            assertTrue(r.ok(), r.describe());
            assertEquals(List.of(), Prober.misses(lab, probes(required, optional)).stream()
                    .map(Prober.Miss::describe).toList());
            // audited with the optional flows: those are missing, each named in its set's report
            String live = fw.dump();
            Command.Result partial = fw.run(List.of("sh", dir.resolve("apply.sh").toString(), "--audit", "--role",
                    role, "--format=json"));
            assertEquals(6, partial.exit(), partial.describe());
            JsonNode report = JSON.readTree(partial.out());
            assertEquals(v.productId() + " " + v.version() + " " + role + " nftables", report.path("audit").asText());
            assertFalse(report.path("clean").asBoolean(true), partial.out());
            List<String> missing = new ArrayList<>();
            report.path("sets").forEach(set -> set.path("missing").forEach(m -> missing.add(m.path("name").asText())));
            for (ResolvedRule o : optional) {
                assertTrue(missing.stream().anyMatch(n -> n.startsWith(o.rule().id() + ": ")), o.rule().id()
                        + " reported missing: " + partial.out());
            }
            for (ResolvedRule q : required) {
                assertTrue(missing.stream().noneMatch(n -> n.startsWith(q.rule().id() + ": ")), q.rule().id()
                        + " is in force: " + partial.out());
            }
            assertEquals(live, fw.dump(), "the audit changed nothing");
            assertTrue(fw.run(List.of("sh", dir.resolve("apply.sh").toString(), "--role", role, "--undo",
                    "--without-optional")).ok());
            assertEquals(before, fw.dump());
            List<ResolvedRule> all = new ArrayList<>(required);
            all.addAll(optional);
            assertTrue(fw.run(List.of("sh", dir.resolve("apply.sh").toString(), "--role", role)).ok());
            assertEquals(List.of(), Prober.misses(lab, probes(all, List.of())).stream()
                    .map(Prober.Miss::describe).toList(), "without the option the optional port opens");
            Command.Result clean = fw.run(List.of("sh", dir.resolve("apply.sh").toString(), "--role", role, "--audit"));
            assertEquals(0, clean.exit(), clean.describe());
            assertTrue(clean.out().contains(": clean, the rules in force are this version's"), clean.out());
        }
    }

    @Test
    void checkFromAPeerPassesThenNamesTheBlockedFlow(@TempDir Path tmp) throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        VersionModel v = latest(Catalogs.seed(SEED));
        Path dir = unpack(tmp, v);
        // the client is a worker; the server namespace is its control-plane peer
        List<ResolvedRule> reached = v.resolved().rules().stream()
                .filter(r -> r.isFrom("worker") && r.isTo("control-plane") && probeable(r)).toList();
        assertTrue(reached.size() >= 2, "worker reaches control-plane on TCP ports: " + reached);
        try (Lab lab = Lab.create(); Firewall fw = Firewall.of(Variant.NFTABLES, lab, tmp).droppingOutgoing()) {
            fw.setUp();
            server(lab, reached.stream().map(r -> r.rule().ports().get(0).first()).distinct().toList());
            assertTrue(fw.run(List.of("sh", dir.resolve("apply.sh").toString(), "--role", "control-plane")).ok());
            List<String> check = List.of("ip", "netns", "exec", lab.client(), "sh", dir.resolve("check.sh").toString(),
                    "--role", "worker", "--peer", "control-plane=" + Lab.SERVER4, "--timeout=2");
            Command.Result pass = Command.of(check).timeout(Duration.ofSeconds(120)).run();
            assertEquals(0, pass.exit(), pass.describe());
            for (ResolvedRule r : reached) {
                assertTrue(pass.out().lines().anyMatch(l -> l.startsWith(r.id() + " ") && l.contains(Lab.SERVER4)
                        && l.endsWith(" ok")), r.id() + " probed ok: " + pass.out());
            }
            ResolvedRule blocked = reached.get(0);
            fw.check(List.of("nft", "insert", "rule", "inet", "filter", "input", "tcp", "dport",
                    Integer.toString(blocked.rule().ports().get(0).first()), "drop"));
            Command.Result fail = Command.of(check).timeout(Duration.ofSeconds(120)).run();
            assertEquals(1, fail.exit(), fail.describe());
            assertTrue(fail.err().contains("failed: ") && fail.err().contains(blocked.id()), fail.describe());
            assertTrue(fail.out().lines().anyMatch(l -> l.startsWith(blocked.id() + " ") && l.endsWith("FAILED")),
                    fail.describe());
        }
    }

    /**
     * A flow set that a version no longer has is removed by the next version's apply.sh, as a role script's upgrade
     * removes a dropped rule: on a machine with the primary role of the {@code flow-sets} catalog, 2.0's apply.sh
     * over 1.0's converges to exactly what 2.0 makes on a fresh host (1.0's set shared with the replica and its
     * optional set are retired: the replication port closes, the statistics port stays open in 2.0's own set);
     * before that, 2.0's --audit names each rule of the retired sets extra, and 2.0's --undo over 1.0's rules leaves
     * the baseline. A run with --without-optional after one with the optional flows converges to a run without them.
     * On every backend.
     */
    @Test
    void upgradeRemovesTheFlowSetsAVersionNoLongerHas(@TempDir Path tmp) throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        ProductCatalog pc = Catalogs.feature("flow-sets");
        Path one = unpack(Files.createDirectories(tmp.resolve("1.0")), version(pc, "1.0"));
        Path two = unpack(Files.createDirectories(tmp.resolve("2.0")), version(pc, "2.0"));
        assertFalse(FlowSet.retired(Model.facts(new Catalog(List.of(pc), List.of())).products().get(0),
                version(pc, "2.0")).isEmpty(), "2.0 retires flow sets of 1.0");
        int sql = 5432;
        int replication = 5433;
        int stats = 9187;
        for (Variant variant : OperatorProofTest.variants()) {
            Path work = Files.createDirectories(tmp.resolve(variant.label()));
            try (Lab lab = Lab.create(); Firewall fw = Firewall.of(variant, lab, work).droppingOutgoing()) {
                fw.setUp();
                server(lab, List.of(sql, replication, stats));
                String before = fw.dump();
                String at = variant + ": ";
                apply(fw, two, variant);
                String fresh = fw.dump();
                apply(fw, two, variant, "--undo");
                assertEquals(before, fw.dump(), at + "2.0 --undo on a fresh apply");

                apply(fw, one, variant, "--without-optional");
                String required = fw.dump();
                apply(fw, one, variant);
                assertEquals(List.of(), misses(lab, List.of(sql, replication, stats), List.of()), at + "1.0");
                apply(fw, one, variant, "--without-optional");
                assertEquals(required, fw.dump(), at + "1.0 --without-optional over 1.0 leaves out the optional set");
                assertEquals(List.of(), misses(lab, List.of(sql, replication), List.of(stats)),
                        at + "1.0 --without-optional");

                apply(fw, one, variant);
                String old = fw.dump();
                Command.Result audit = fw.run(List.of("sh", two.resolve("apply.sh").toString(), "--role", "primary",
                        "--backend", variant.backendId(), "--audit", "--format=json"));
                assertEquals(6, audit.exit(), at + audit.describe());
                List<String> extra = new ArrayList<>();
                JSON.readTree(audit.out()).path("sets").forEach(set -> set.path("extra")
                        .forEach(e -> extra.add(e.path("name").asText() + " " + e.path("port").asText())));
                assertTrue(extra.stream().anyMatch(e -> e.startsWith("replication") && e.endsWith(" " + replication)),
                        at + "the retired shared set's rule is extra: " + audit.out());
                assertTrue(extra.stream().anyMatch(e -> e.startsWith("stats") && e.endsWith(" " + stats)),
                        at + "the retired optional set's rule is extra: " + audit.out());
                assertEquals(old, fw.dump(), at + "the audit changed nothing");
                apply(fw, two, variant, "--undo");
                assertEquals(before, fw.dump(), at + "2.0 --undo over 1.0's rules leaves nothing of either");

                apply(fw, one, variant);
                apply(fw, two, variant);
                assertEquals(fresh, fw.dump(), at + "2.0 over 1.0 converges to a fresh 2.0");
                assertEquals(List.of(), misses(lab, List.of(sql, stats), List.of(replication)), at + "2.0 over 1.0");
                Command.Result clean = fw.run(List.of("sh", two.resolve("apply.sh").toString(), "--role", "primary",
                        "--backend", variant.backendId(), "--audit"));
                assertEquals(0, clean.exit(), at + clean.describe());
                apply(fw, two, variant, "--undo");
                assertEquals(before, fw.dump(), at + "2.0 --undo after the upgrade");
            }
        }
    }

    /** apply.sh of the bundle in {@code dir} for the primary role on that backend; it must succeed. */
    private static void apply(Firewall fw, Path dir, Variant variant, String... extra) {
        List<String> argv = new ArrayList<>(List.of("sh", dir.resolve("apply.sh").toString(), "--role", "primary",
                "--backend", variant.backendId()));
        argv.addAll(List.of(extra));
        Command.Result r = fw.run(argv);
        assertTrue(r.ok(), variant + ": apply.sh " + String.join(" ", extra) + ": " + r.describe());
    }

    /** What the probes of these TCP ports from the client saw wrongly. */
    private static List<String> misses(Lab lab, List<Integer> open, List<Integer> closed) {
        List<Expect.Probe> probes = new ArrayList<>();
        open.forEach(p -> probes.add(new Expect.Probe("tcp", Lab.CLIENT4, Lab.SERVER4, p, true, "open")));
        closed.forEach(p -> probes.add(new Expect.Probe("tcp", Lab.CLIENT4, Lab.SERVER4, p, false, "closed")));
        return Prober.misses(lab, probes).stream().map(Prober.Miss::describe).toList();
    }

    private static VersionModel version(ProductCatalog pc, String version) {
        Model model = Model.facts(new Catalog(List.of(pc), List.of())).planned(BackendRegistry.standard().all());
        return model.products().get(0).versions().stream().filter(v -> v.version().equals(version)).findFirst()
                .orElseThrow();
    }

    /** An inbound rule a TCP connect can prove: one TCP port, not configurable, from any source or a role. */
    private static boolean probeable(ResolvedRule r) {
        return r.rule().protocols().contains(Protocol.TCP) && r.rule().ports().size() == 1
                && r.rule().ports().get(0).isSingle() && r.rule().configurable() == null
                && r.sources().stream().allMatch(p -> p instanceof Peer.Any || p instanceof Peer.RolePeer);
    }

    private static List<Expect.Probe> probes(List<ResolvedRule> open, List<ResolvedRule> closed) {
        List<Expect.Probe> out = new ArrayList<>();
        open.forEach(r -> out.add(new Expect.Probe("tcp", Lab.CLIENT4, Lab.SERVER4, r.rule().ports().get(0).first(),
                true, r.id())));
        closed.forEach(r -> out.add(new Expect.Probe("tcp", Lab.CLIENT4, Lab.SERVER4,
                r.rule().ports().get(0).first(), false, r.id() + " is optional: left out")));
        return out;
    }

    /** An outbound rule a TCP connect can prove: one TCP port, not configurable, to roles only. */
    private static boolean probeableOut(ResolvedRule r) {
        return r.rule().protocols().contains(Protocol.TCP) && r.rule().ports().size() == 1
                && r.rule().ports().get(0).isSingle() && r.rule().configurable() == null
                && r.to().stream().allMatch(p -> p instanceof Peer.RolePeer);
    }

    /** A TCP port no rule of the version opens. */
    private static int unusedPort(VersionModel v) {
        TreeSet<Integer> used = new TreeSet<>();
        v.resolved().rules().forEach(r -> r.rule().ports().forEach(p -> {
            for (int i = p.first(); i <= p.last(); i++) {
                used.add(i);
            }
        }));
        int port = 7777;
        while (used.contains(port)) {
            port++;
        }
        return port;
    }

    private static void server(Lab lab, List<Integer> ports) {
        // ended with the lab; the limit only stops a server a crashed test left behind (a firewalld session on a
        // loaded machine takes minutes)
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", lab.server(), "/usr/bin/python3",
                Prober.resource("server.py").toString(), "--seconds", "1800"));
        ports.forEach(p -> argv.add(Integer.toString(p)));
        lab.start(argv, "ready", Duration.ofSeconds(20));
    }

    /** The listener in the client (peer) namespace for the outbound probes, on its main addresses. */
    private static void peer(Lab lab, List<Integer> ports) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", lab.client(), "/usr/bin/python3",
                Prober.resource("server.py").toString(), "--seconds", "1800", "--bind", Lab.CLIENT4, "--bind",
                Lab.CLIENT6));
        ports.forEach(p -> argv.add(Integer.toString(p)));
        lab.start(argv, "ready", Duration.ofSeconds(20));
    }

    private static VersionModel latest(ProductCatalog pc) {
        return version(pc, pc.product().latestVersion());
    }

    /** The version's tar.gz, unpacked with tar, checked with sha256sum -c; the bundle's folder. */
    private static Path unpack(Path tmp, VersionModel v) throws IOException {
        Model model = Model.facts(new Catalog(List.of(v.resolved().catalog()), List.of()))
                .planned(BackendRegistry.standard().all());
        ProductModel p = model.products().get(0);
        VersionModel same = p.versions().stream().filter(x -> x.version().equals(v.version())).findFirst()
                .orElseThrow();
        OutputContext context = new OutputContext(model, Layout.standard(), List.of(), FrontMatterSettings.defaults(),
                null);
        List<GeneratedFile> members = BundleOutput.members(context, p, same);
        Path archive = tmp.resolve("bundle.tar.gz");
        Files.write(archive, Archives.tarGz(members, ArchiveTime.DEFAULT));
        Command.of("tar", "-xzf", archive.toString(), "-C", tmp.toString()).timeout(Duration.ofSeconds(60)).check();
        Path dir = tmp.resolve(BundleOutput.baseName(v.productId(), v.version()));
        Command.Result sums = Command.of("sha256sum", "-c", "--strict", "SHA256SUMS").in(dir)
                .timeout(Duration.ofSeconds(60)).run();
        assertTrue(sums.ok() && !sums.out().contains("FAILED"), sums.describe());
        assertTrue(Files.isExecutable(dir.resolve("apply.sh")) && Files.isExecutable(dir.resolve("check.sh")));
        return dir;
    }
}
