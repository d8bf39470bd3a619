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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The bundles in network namespaces: a seed bundle unpacked and checked with {@code sha256sum -c}, {@code apply.sh
 * --backend auto} on each backend (and refusing two active firewalls), two roles applied as their union, optional
 * flows left out (and {@code apply.sh --audit} naming them missing, then clean), {@code check.sh} from the peer
 * namespace passing and then naming a blocked flow, and {@code --undo}
 * restoring the ruleset from before.
 */
@Tag("firewall")
@Execution(ExecutionMode.CONCURRENT)
class BundleProofTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A seed whose roles share flows: control-plane and worker have one flow set in common. */
    private static final String SEED = "konvoy";

    @Test
    void applyDetectsEachBackendAppliesTheUnionOfTwoRolesAndUndoes(@TempDir Path tmp) throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        VersionModel v = latest(Catalogs.seed(SEED));
        Path dir = unpack(tmp, v);
        List<String> roles = List.of("control-plane", "worker");
        // one inbound TCP port of every flow set the two roles need: each only in its own set
        Map<Integer, String> open = new LinkedHashMap<>();
        for (FlowSet s : FlowSet.of(v)) {
            if (s.neededBy(roles)) {
                s.role().inbound().stream().filter(BundleProofTest::probeable).findFirst()
                        .ifPresent(r -> open.put(r.rule().ports().get(0).first(), r.id() + " of " + s.id()));
            }
        }
        assertTrue(open.size() >= 3, "a port of each of the three sets: " + open);
        int closed = unusedPort(v);
        for (Variant variant : List.of(Variant.IPTABLES_NFT, Variant.NFTABLES, Variant.UFW, Variant.FIREWALLD)) {
            Path work = Files.createDirectories(tmp.resolve(variant.label()));
            try (Lab lab = Lab.create(); Firewall fw = Firewall.of(variant, lab, work)) {
                fw.setUp();
                List<Integer> ports = new ArrayList<>(open.keySet());
                ports.add(closed);
                server(lab, ports);
                String before = fw.dump();
                Command.Result applied = fw.run(List.of("sh", dir.resolve("apply.sh").toString(), "--role",
                        String.join(",", roles), "--backend", "auto"));
                assertTrue(applied.ok(), variant + ": " + applied.describe());
                assertTrue(applied.out().contains("backend " + variant.backendId() + " (auto: "), variant
                        + " picked and said why: " + applied.out());
                List<Expect.Probe> probes = new ArrayList<>();
                open.forEach((port, why) -> probes.add(new Expect.Probe("tcp", Lab.CLIENT4, Lab.SERVER4, port, true,
                        why)));
                probes.add(new Expect.Probe("tcp", Lab.CLIENT4, Lab.SERVER4, closed, false, "in no rule"));
                assertEquals(List.of(), Prober.misses(lab, probes).stream().map(Prober.Miss::describe).toList(),
                        variant.label());
                Command.Result undone = fw.run(List.of("sh", dir.resolve("apply.sh").toString(), "--role",
                        String.join(",", roles), "--undo"));
                assertTrue(undone.ok(), variant + ": " + undone.describe());
                assertEquals(before, fw.dump(), variant + ": --undo restores the ruleset from before");
            }
        }
    }

    @Test
    void twoActiveFirewallsAreRefusedAndNothingChanges(@TempDir Path tmp) throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        VersionModel v = latest(Catalogs.seed(SEED));
        Path dir = unpack(tmp, v);
        try (Lab lab = Lab.create(); Firewall fw = Firewall.of(Variant.NFTABLES, lab, tmp)) {
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
        try (Lab lab = Lab.create(); Firewall fw = Firewall.of(Variant.NFTABLES, lab, tmp)) {
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
        try (Lab lab = Lab.create(); Firewall fw = Firewall.of(Variant.NFTABLES, lab, tmp)) {
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
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", lab.server(), "/usr/bin/python3",
                Prober.resource("server.py").toString(), "--seconds", "300"));
        ports.forEach(p -> argv.add(Integer.toString(p)));
        lab.start(argv, "ready", Duration.ofSeconds(20));
    }

    private static VersionModel latest(ProductCatalog pc) {
        Model model = Model.facts(new Catalog(List.of(pc), List.of())).planned(BackendRegistry.standard().all());
        return model.products().get(0).latest();
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
