package dev.fwdocs.plugin.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.Plans;
import dev.fwdocs.plugin.rules.RuleBackend;
import dev.fwdocs.plugin.testing.Environment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Proves the proof: a hand-written correct iptables script for the self-test catalog, and the correct command block
 * of a hand-written page, pass every check; deliberately broken copies of the script (a port too many, a port
 * missing, IPv6 without neighbour discovery, not idempotent, undo that leaves a chain, an empty IPv6 source list
 * that becomes "any", an outbound accept missing) and of the page (a port too many, a range cut short, a port
 * number changed, the neighbour discovery lines dropped, a command that fails when pasted) are each caught at their
 * own step; so are broken copies of the generated script of a role with outbound rules only (an outbound accept
 * left out, an outbound accept to any destination), on the baseline such roles get.
 */
@Execution(ExecutionMode.CONCURRENT)
class HarnessSelfTest {

    /**
     * What a broken copy of the script changes and the failure (step, text) the harness must report for it; each
     * session also runs a page block broken as {@code page} (null: the correct one, which must be proven), whose
     * failure must mention {@code pageMustMention} at the page step. The page breakages share the script's sessions
     * (their steps are apart), and the one after a broken undo proves the page gets a fresh baseline.
     */
    private record Breakage(String name, String step, String mustMention, String page, String pageMustMention) {
        String label() {
            return "broken: " + name + (page == null ? "" : ", page: " + page);
        }
    }

    private static final List<Breakage> BREAKAGES = List.of(
            new Breakage("extra", "apply", "169.254.77.1:8081 must not answer",
                    "extra", "169.254.77.1:8081 must not answer"),
            new Breakage("missing", "apply", "169.254.77.1:9004 must answer",
                    "missing", "169.254.77.1:9004 must answer"),
            new Breakage("nd", "apply", "[fd00:77::1]:8080 must answer",
                    "nd", "[fd00:77::1]:8080 must answer"),
            new Breakage("idempotent", "idempotent", "after applying twice differs",
                    "paste", "fail as pasted (sh -e)"),
            new Breakage("undo", "apply undo", "after --undo differs",
                    "port", "udp 169.254.77.2 -> 169.254.77.1:7100 must answer"),
            new Breakage("family", "sources", "fd00:77::2 -> [fd00:77::1]:8080 must not answer", null, null),
            new Breakage("outbound", "apply", "tcp 169.254.77.1 -> 169.254.77.2:5400 must answer", null, null));

    /**
     * A broken copy of the generated iptables script of role client (outbound rules only, on the baseline that lets
     * neighbour discovery in): the lines of rule http (TCP 8080 to role web) changed by {@code change}, and the
     * failure at the step apply that the harness must report for it.
     */
    private record OutboundBreakage(String name, java.util.function.UnaryOperator<String> change,
            String mustMention) {
        String label() {
            return "broken outbound-only client: " + name;
        }
    }

    private static final String HTTP_RULE = "'http: http'";

    private static final List<OutboundBreakage> OUTBOUND_BREAKAGES = List.of(
            // the accept becomes the shell's no-op, so that the loop around it stays valid shell
            new OutboundBreakage("accept missing", line -> line.replaceFirst("\\S.*", ":"),
                    "tcp 169.254.77.1 -> 169.254.77.2:8080 must answer"),
            new OutboundBreakage("any destination", line -> line.replace("-d \"$fwdocs_a\"", "-d any"),
                    "tcp 169.254.77.1 -> 169.254.77.130:8080 must not answer"));

    static dev.fwdocs.catalog.resolve.ResolvedVersion selftest() throws Exception {
        Path dir = Prober.resource("selftest");
        Catalog c = new dev.fwdocs.catalog.read.CatalogReader(dir).read(Path.of("selftest.yaml"));
        return Resolver.resolve(c.products().get(0), "1");
    }

    static RoleView web() throws Exception {
        return selftest().role("web").orElseThrow();
    }

    /** The generated iptables script of role client: outbound rules only. */
    static String clientScript() throws Exception {
        var version = selftest();
        RuleBackend iptables = BackendRegistry.standard().find("iptables").orElseThrow();
        return Plans.files(iptables, version, version.role("client").orElseThrow()).stream()
                .filter(f -> f.path().equals("iptables.sh")).findFirst().orElseThrow().text();
    }

    /** The client's script with the lines of rule http changed as {@code b} says. */
    static String broken(String script, OutboundBreakage b) {
        List<String> out = new ArrayList<>();
        for (String line : script.split("\n", -1)) {
            out.add(line.contains(HTTP_RULE) ? b.change().apply(line) : line);
        }
        String result = String.join("\n", out);
        assertNotEquals(script, result, "breaking the client's script (" + b.name() + ") changed nothing");
        return result;
    }

    static String correctScript() throws Exception {
        return Files.readString(Prober.resource("selftest/iptables-web.sh"), StandardCharsets.UTF_8);
    }

    /** The hand-written page of the self-test catalog (its iptables block of role web is correct). */
    static String correctPage() throws Exception {
        return Files.readString(Prober.resource("selftest/page-web.md"), StandardCharsets.UTF_8);
    }

    /** The iptables block of role web, copied out of {@code page} as the proof copies a generated page's. */
    static String iptablesBlock(String page) throws Exception {
        RuleBackend iptables = BackendRegistry.standard().find("iptables").orElseThrow();
        return PageBlock.extract(page, web().role().name(), iptables,
                BackendRegistry.defaultDistros(BackendRegistry.standard().all()));
    }

    /** The script with the lines marked {@code # BREAK:name} changed so that it is wrong in that one way. */
    static String broken(String script, String name) {
        String marker = "# BREAK:" + name;
        List<String> out = new ArrayList<>();
        for (String line : script.split("\n", -1)) {
            if (!line.contains(marker)) {
                out.add(line);
                continue;
            }
            switch (name) {
                case "extra" -> out.add(line.replace("--dport 8080", "--dport 8080:8081"));
                case "missing" -> out.add(line.replace("9000:9004", "9000:9003"));
                case "family" -> out.add(line.replace("list=none", "list=any"));
                case "port" -> out.add(line.replace("--dport 7100", "--dport 7101"));
                case "paste" -> out.add(line.replace("-I INPUT 1 ", "-I INPUT 99 "));
                default -> {
                    // "nd", "idempotent", "undo", "outbound": the marked lines are left out
                }
            }
        }
        String result = String.join("\n", out);
        assertNotEquals(script, result, "breaking '" + name + "' changed nothing");
        return result;
    }

    @Test
    void expectationsFollowTheCatalog() throws Exception {
        RoleView web = web();
        Expect.Apply main = new Expect.Apply("apply", Map.of("client", List.of(Lab.ROLE_CIDRS.split(","))), Map.of(),
                List.of(Lab.CLIENT4, Lab.CLIENT6), false);
        Map<String, Boolean> v4 = new LinkedHashMap<>();
        for (Expect.Probe p : Expect.plan(web, main, null)) {
            if (p.family() == 4) {
                v4.put(p.proto() + "/" + p.port(), p.open());
            }
        }
        assertEquals(true, v4.get("tcp/8080"));
        assertEquals(false, v4.get("tcp/8081"), "neighbour of a single port");
        assertEquals(false, v4.get("udp/8080"), "the other protocol on the same port");
        assertEquals(true, v4.get("tcp/9000"));
        assertEquals(true, v4.get("tcp/9002"), "middle of a range");
        assertEquals(true, v4.get("tcp/9004"));
        assertEquals(false, v4.get("tcp/8999"));
        assertEquals(false, v4.get("tcp/9005"));
        assertEquals(true, v4.get("udp/7000"));
        assertEquals(true, v4.get("udp/7100"));
        assertEquals(false, v4.get("tcp/7300"), "the office address does not contain the client");
        assertEquals(true, v4.get("ping/0"));
        assertEquals(false, v4.get("tcp/5400"), "an outbound port stays closed inbound");
        Expect.Apply narrow = new Expect.Apply("sources", Map.of("client", List.of("169.254.77.0/25")), Map.of(),
                List.of(Lab.CLIENT4, Lab.OTHER4, Lab.CLIENT6), true);
        Map<String, Boolean> bySource = Expect.plan(web, narrow, null).stream()
                .filter(p -> p.port() == 8080 && p.proto().equals("tcp"))
                .collect(Collectors.toMap(Expect.Probe::src, Expect.Probe::open));
        assertEquals(Map.of(Lab.CLIENT4, true, Lab.OTHER4, false, Lab.CLIENT6, false), bySource);
        assertEquals(Map.of("FWDOCS_FROM_CLIENT", "169.254.77.0/25"), narrow.environment());
        Map<String, Boolean> page = new LinkedHashMap<>();
        for (Expect.Probe p : Expect.plan(web, ProofSession.pageApply(), null)) {
            page.put(p.proto() + "/" + p.port() + "/" + p.family(), p.open());
        }
        assertEquals(true, page.get("tcp/8080/6"), "the page opens a rule from a role for any source");
        assertEquals(false, page.get("tcp/8081/4"), "neighbours stay closed for the page too");
        assertEquals(false, page.get("tcp/7300/4"), "a rule from a named address stays limited to it on the page");
        assertEquals(true, page.get("udp/7000/6"));
        Expect.Apply withPeers = new Expect.Apply("apply", Map.of("web", List.of(Lab.PEER_CIDRS.split(","))),
                Map.of(), List.of(Lab.CLIENT4, Lab.CLIENT6), false);
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Expect.Probe p : Expect.outboundPlan(web, withPeers, null)) {
            out.put(p.proto() + "/" + p.port() + "/" + p.dst(), p.open());
        }
        assertEquals(true, out.get("tcp/5400/" + Lab.CLIENT4), "outbound to a named address containing the peer");
        assertEquals(false, out.get("tcp/5400/" + Lab.OTHER6), "outbound to an address outside the named one");
        assertEquals(false, out.get("tcp/5401/" + Lab.CLIENT4), "neighbour of an outbound port");
        assertEquals(false, out.get("udp/5400/" + Lab.CLIENT6), "the other protocol of an outbound port");
        assertEquals(true, out.get("udp/6001/" + Lab.CLIENT6), "outbound to a role given by its CIDRs");
        assertEquals(false, out.get("udp/6002/" + Lab.OTHER4), "outbound to an address outside the role's CIDRs");
        assertEquals(null, out.get("tcp/5401/" + Lab.OTHER4), "neighbours are probed at the allowed peer only");
        assertEquals(null, out.get("ping/0/" + Lab.CLIENT4), "no outbound rule allows echo");
        RoleView client = selftest().role("client").orElseThrow();
        assertTrue(client.inbound().isEmpty(), "the self-test's client has outbound rules only");
        Expect.Apply toWeb = new Expect.Apply("apply", Map.of("web", List.of(Lab.PEER_CIDRS.split(","))), Map.of(),
                List.of(Lab.CLIENT4, Lab.CLIENT6), false);
        Map<String, Boolean> fromClient = new LinkedHashMap<>();
        for (Expect.Probe p : Expect.outboundPlan(client, toWeb, null)) {
            fromClient.put(p.proto() + "/" + p.port() + "/" + p.dst(), p.open());
        }
        assertEquals(true, fromClient.get("tcp/8080/" + Lab.CLIENT6), "an outbound-only role's flow to a role");
        assertEquals(false, fromClient.get("tcp/8080/" + Lab.OTHER4), "outside the destination role's CIDRs");
        assertEquals(false, fromClient.get("tcp/8081/" + Lab.CLIENT4), "neighbour of an outbound-only role's port");
        assertEquals(false, fromClient.get("udp/8080/" + Lab.CLIENT4), "the other protocol");
        assertEquals(true, fromClient.get("udp/7100/" + Lab.CLIENT6));
        Map<String, Boolean> intoClient = new LinkedHashMap<>();
        for (Expect.Probe p : Expect.plan(client, toWeb, null)) {
            intoClient.put(p.proto() + "/" + p.port() + "/" + p.family(), p.open());
        }
        assertEquals(false, intoClient.get("tcp/8080/6"), "an outbound-only role's port stays closed inbound");
        assertEquals(false, intoClient.get("ping/0/4"), "no inbound rule of the client allows echo");
        assertTrue(Expect.contains(dev.fwdocs.catalog.Cidr.parse("fd00:77::/121"), 6, Lab.CLIENT6));
        assertTrue(!Expect.contains(dev.fwdocs.catalog.Cidr.parse("fd00:77::/121"), 6, Lab.OTHER6));
    }

    @TestFactory
    @Tag("firewall")
    Stream<DynamicTest> correctAndBrokenScriptsAndPagesAreTold() throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        RoleView web = web();
        String correct = correctScript();
        String page = iptablesBlock(correctPage());
        Map<String, Future<ProofSession.Report>> runs = new LinkedHashMap<>();
        runs.put("correct on iptables-nft", Sessions.submit(
                new ProofSession("selftest correct iptables-nft", Variant.IPTABLES_NFT, web, correct, true, page)));
        runs.put("correct on iptables-legacy", Sessions.submit(new ProofSession("selftest correct iptables-legacy",
                Variant.IPTABLES_LEGACY, web, correct, true, page)));
        RoleView client = selftest().role("client").orElseThrow();
        for (OutboundBreakage b : OUTBOUND_BREAKAGES) {
            runs.put(b.label(), Sessions.submit(new ProofSession("selftest " + b.label(), Variant.IPTABLES_NFT,
                    client, broken(clientScript(), b), false, null)));
        }
        for (Breakage b : BREAKAGES) {
            String brokenPage = b.page() == null ? page : iptablesBlock(broken(correctPage(), b.page()));
            runs.put(b.label(), Sessions.submit(new ProofSession("selftest " + b.label(), Variant.IPTABLES_NFT,
                    web, broken(correct, b.name()), true, brokenPage)));
        }
        return runs.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            ProofSession.Report r = e.getValue().get();
            System.out.println(r.describe());
            if (e.getKey().startsWith("correct")) {
                assertTrue(r.proven(), r::describe);
                return;
            }
            assertTrue(r.failures().stream().noneMatch(f -> Arrays.asList("harness", "control", "baseline")
                    .contains(f.step())), () -> "the harness itself failed: " + r.describe());
            var outbound = OUTBOUND_BREAKAGES.stream().filter(x -> e.getKey().equals(x.label())).findFirst();
            if (outbound.isPresent()) {
                OutboundBreakage b = outbound.get();
                assertTrue(r.failures().stream().anyMatch(f -> f.step().equals("apply")
                        && f.message().contains(b.mustMention())),
                        () -> "broken outbound-only script '" + b.name() + "' was not caught as expected (apply: "
                                + b.mustMention() + "): " + r.describe());
                return;
            }
            Breakage b = BREAKAGES.stream().filter(x -> e.getKey().equals(x.label()))
                    .findFirst().orElseThrow();
            assertTrue(r.failures().stream().anyMatch(f -> f.step().equals(b.step())
                    && f.message().contains(b.mustMention())),
                    () -> "broken script '" + b.name() + "' was not caught as expected (" + b.step() + ": "
                            + b.mustMention() + "): " + r.describe());
            if (b.page() == null) {
                assertTrue(r.pageProven(), () -> "the correct page block was not proven after a broken script: "
                        + r.describe());
            } else {
                assertTrue(r.failures().stream().anyMatch(f -> f.step().equals(ProofSession.PAGE)
                        && f.message().contains(b.pageMustMention())),
                        () -> "broken page '" + b.page() + "' was not caught as expected (" + ProofSession.PAGE
                                + ": " + b.pageMustMention() + "): " + r.describe());
            }
        }));
    }
}
