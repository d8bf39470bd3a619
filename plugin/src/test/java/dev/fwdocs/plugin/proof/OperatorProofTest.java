package dev.fwdocs.plugin.proof;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.Plans;
import dev.fwdocs.plugin.rules.RuleBackend;
import dev.fwdocs.plugin.testing.Catalogs;
import dev.fwdocs.plugin.testing.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The proof of what an operator does with the scripts beyond one role on a fresh host, on every firewall variant
 * (iptables-nft, iptables-legacy, nftables, ufw, firewalld): several roles' scripts on one machine (each works next to
 * the others, undoing one leaves the others exactly as they are alone), and upgrades (version N+1's script over N's
 * converges to exactly what N+1 makes on a fresh host, and its --undo leaves the baseline), for every seed catalog
 * and the {@code versions} feature catalog (on ufw and firewalld most seeds get both in one session, see
 * {@link #covers}); and --audit (clean after an apply and changing nothing, a removed rule
 * missing, an older version's rule extra, a rule from any address widened, each by name). The baselines drop
 * outgoing traffic as well, and every probe step probes the scripts' outbound flows too (the audit, which only reads
 * the ruleset, keeps outgoing traffic accepted).
 */
@Tag("firewall")
@Execution(ExecutionMode.CONCURRENT)
class OperatorProofTest {

    /** The variants: those of the main proof, without the second firewalld set-up (same script, zone binding only). */
    static List<Variant> variants() {
        List<Variant> all = GeneratedRulesProofTest.variants();
        if (System.getProperty("fwdocs.proof.variants", "").isBlank()) {
            return all.stream().filter(v -> v != Variant.FIREWALLD_UNBOUND).toList();
        }
        return all;
    }

    static List<ProductCatalog> catalogs() throws Exception {
        List<ProductCatalog> out = new ArrayList<>(GeneratedRulesProofTest.catalogs());
        out.add(Catalogs.read(Catalogs.FEATURES.resolve("versions.yaml")));
        return out;
    }

    /**
     * Whether the several-roles and upgrade proofs run this catalog on this variant, each on its own. ufw and firewalld
     * take seconds for every script run (about 40 minutes for both proofs of every seed on a loaded two-core machine):
     * there the {@code versions} feature catalog and the Konvoy seed (overlapping roles, moved ports) get both, and
     * every other catalog gets {@link #upgradesConvergeWithRolesSideBySide} (the two in one session, in about half
     * the script runs); {@code -Dfwdocs.proof.operator=all} runs both on their own for every catalog everywhere.
     */
    static boolean covers(Variant v, ProductCatalog pc) {
        if (v.cost() == 1 || "all".equals(System.getProperty("fwdocs.proof.operator", ""))) {
            return true;
        }
        return List.of("versions", "konvoy").contains(pc.product().id());
    }

    /** A session to run, or why it cannot. */
    private record Planned(String title, OperatorSession session, String problem) {
    }

    @TestFactory
    Stream<DynamicTest> severalRolesOnOneMachine() throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        List<Planned> planned = new ArrayList<>();
        for (ProductCatalog pc : catalogs()) {
            ResolvedVersion latest = Resolver.resolve(pc, pc.product().latestVersion());
            for (Variant v : variants()) {
                if (!covers(v, pc)) {
                    continue;
                }
                String title = pc.product().id() + " " + latest.version() + ": every role on one machine, on " + v;
                try {
                    // two roles: what one role's script does to another's is the same for any pair, and every
                    // script run on firewalld costs seconds
                    List<OperatorSession.Script> ss = new ArrayList<>();
                    for (RoleView r : latest.roles()) {
                        if (!r.inbound().isEmpty() && ss.size() < 2) {
                            ss.add(script(v, latest, r, r.role().id()));
                        }
                    }
                    if (ss.size() < 2) {
                        continue;
                    }
                    planned.add(new Planned(title, new OperatorSession(title, v, ss, true, OperatorProofTest::roles), null));
                } catch (IllegalStateException e) {
                    planned.add(new Planned(title, null, e.getMessage()));
                }
            }
        }
        return run(planned);
    }

    @TestFactory
    Stream<DynamicTest> upgradesConverge() throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        List<Planned> planned = new ArrayList<>();
        for (ProductCatalog pc : catalogs()) {
            List<String> versions = pc.product().versions();
            for (int i = 0; i + 1 < versions.size(); i++) {
                ResolvedVersion old = Resolver.resolve(pc, versions.get(i));
                ResolvedVersion next = Resolver.resolve(pc, versions.get(i + 1));
                for (Variant v : variants()) {
                    if (!covers(v, pc)) {
                        continue;
                    }
                    String title = pc.product().id() + " " + old.version() + " -> " + next.version() + " on " + v;
                    try {
                        List<OperatorSession.Script> ss = new ArrayList<>();
                        for (RoleView r : next.roles()) {
                            if (r.inbound().isEmpty()) {
                                continue;
                            }
                            Optional<RoleView> before = before(old, r);
                            OperatorSession.Script n = script(v, next, r, r.role().id() + "@" + next.version());
                            if (before.isPresent()) {
                                OperatorSession.Script o = script(v, old, before.get(),
                                        r.role().id() + "@" + old.version());
                                if (sameButVersion(o.text(), old.version(), n.text(), next.version())) {
                                    continue; // the upgrade is a second run of the same rules: proven as such
                                }
                                ss.add(o);
                            }
                            ss.add(n);
                        }
                        if (ss.isEmpty()) {
                            continue;
                        }
                        planned.add(new Planned(title, new OperatorSession(title, v, ss, true,
                                s -> upgrade(s, next.version())), null));
                    } catch (IllegalStateException e) {
                        planned.add(new Planned(title, null, e.getMessage()));
                    }
                }
            }
        }
        return run(planned);
    }

    /**
     * Every catalog that {@link #covers} leaves out on a variant: its upgrades with two roles side by side, which
     * proves in one session what the two proofs above prove on their own (see {@link #upgradeSideBySide}).
     */
    @TestFactory
    Stream<DynamicTest> upgradesConvergeWithRolesSideBySide() throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        List<Planned> planned = new ArrayList<>();
        for (ProductCatalog pc : catalogs()) {
            List<String> versions = pc.product().versions();
            for (int i = 0; i + 1 < versions.size(); i++) {
                ResolvedVersion old = Resolver.resolve(pc, versions.get(i));
                ResolvedVersion next = Resolver.resolve(pc, versions.get(i + 1));
                for (Variant v : variants()) {
                    if (covers(v, pc)) {
                        continue;
                    }
                    String title = pc.product().id() + " " + old.version() + " -> " + next.version()
                            + ", two roles side by side, on " + v;
                    try {
                        List<OperatorSession.Script> ss = new ArrayList<>();
                        int roles = 0;
                        for (RoleView r : next.roles()) {
                            if (r.inbound().isEmpty() || roles == 2) {
                                continue;
                            }
                            roles++;
                            Optional<RoleView> before = before(old, r);
                            if (before.isPresent()) {
                                ss.add(script(v, old, before.get(), r.role().id() + "@" + old.version()));
                            }
                            ss.add(script(v, next, r, r.role().id() + "@" + next.version()));
                        }
                        if (roles == 0) {
                            continue;
                        }
                        planned.add(new Planned(title, new OperatorSession(title, v, ss, true,
                                s -> upgradeSideBySide(s, next.version())), null));
                    } catch (IllegalStateException e) {
                        planned.add(new Planned(title, null, e.getMessage()));
                    }
                }
            }
        }
        return run(planned);
    }

    @TestFactory
    Stream<DynamicTest> confirmWithinRestoresOrKeeps() throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        // version 2.0 of the versions catalog has inbound ports and an outbound flow to a named address, so the
        // restore must bring back sets (nftables), ipsets and a policy (firewalld) as well as rules
        ProductCatalog pc = Catalogs.read(Catalogs.FEATURES.resolve("versions.yaml"));
        ResolvedVersion v2 = Resolver.resolve(pc, "2.0");
        RoleView server = v2.roles().stream().filter(r -> r.role().id().equals("server")).findFirst().orElseThrow();
        List<Planned> planned = new ArrayList<>();
        for (Variant v : variants()) {
            String title = "--confirm-within on " + v;
            try {
                planned.add(new Planned(title, new OperatorSession(title, v,
                        List.of(script(v, v2, server, "server@2.0")), true, OperatorProofTest::confirm), null));
            } catch (IllegalStateException e) {
                planned.add(new Planned(title, null, e.getMessage()));
            }
        }
        return run(planned);
    }

    @TestFactory
    Stream<DynamicTest> positionAgainstABlocklist() throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        ProductCatalog pc = Catalogs.read(Catalogs.FEATURES.resolve("versions.yaml"));
        ResolvedVersion v2 = Resolver.resolve(pc, "2.0");
        RoleView server = v2.roles().stream().filter(r -> r.role().id().equals("server")).findFirst().orElseThrow();
        List<Planned> planned = new ArrayList<>();
        for (Variant v : variants()) {
            String title = "a blocklist next to the script's rules on " + v;
            try {
                planned.add(new Planned(title, new OperatorSession(title, v,
                        List.of(script(v, v2, server, "server@2.0")), true, s -> position(s, v)), null));
            } catch (IllegalStateException e) {
                planned.add(new Planned(title, null, e.getMessage()));
            }
        }
        return run(planned);
    }

    @TestFactory
    Stream<DynamicTest> auditReportsByName() throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        ProductCatalog versions = Catalogs.read(Catalogs.FEATURES.resolve("versions.yaml"));
        ResolvedVersion v1 = Resolver.resolve(versions, "1.0");
        ResolvedVersion v2 = Resolver.resolve(versions, "2.0");
        ResolvedVersion sources = Resolver.resolve(Catalogs.read(Catalogs.FEATURES.resolve("role-sources.yaml")),
                "1.0");
        List<Planned> planned = new ArrayList<>();
        for (Variant v : variants()) {
            String title = "--audit on " + v;
            try {
                OperatorSession.Script wide = script(v, sources, server(sources), "role-sources server");
                planned.add(new Planned(title, new OperatorSession(title, v, List.of(
                        script(v, v2, server(v2), "server@2.0"), script(v, v1, server(v1), "server@1.0"),
                        // applied without --from-: its rules accept any address
                        new OperatorSession.Script(wide.label(), wide.role(), wide.text(), new Expect.Apply("any",
                                Map.of(), Map.of(), List.of(Lab.CLIENT4, Lab.CLIENT6), false))),
                        // outgoing accepted: the audit reads the ruleset and never probes past the baseline
                        false, s -> audit(s, v)), null));
            } catch (IllegalStateException e) {
                planned.add(new Planned(title, null, e.getMessage()));
            }
        }
        return run(planned);
    }

    private static RoleView server(ResolvedVersion v) {
        return v.roles().stream().filter(r -> r.role().id().equals("server")).findFirst().orElseThrow();
    }

    /**
     * Deletes by hand the IPv4 rule of the versions catalog's metrics flow (2.0's server), as an operator might; on
     * firewalld the service's port, IPv4 and IPv6 alike.
     */
    static List<String> removeMetrics(Variant v) {
        return switch (v) {
            case NFTABLES -> List.of("sh", "-c", "nft delete rule inet filter fwdocs_versions_server_in handle"
                    + " $(nft -a list chain inet filter fwdocs_versions_server_in"
                    + " | awk '/nfproto ipv4 tcp dport 9100 / { print $NF }')");
            case IPTABLES_NFT, IPTABLES_LEGACY -> List.of("iptables", "-w", "-D", "FWD-versions-server-IN", "-p", "tcp",
                    "-m", "tcp", "--dport", "9100", "-m", "comment", "--comment", "metrics: Metrics", "-j", "ACCEPT");
            case UFW -> List.of("ufw", "delete", "allow", "in", "proto", "tcp", "from", "0.0.0.0/0", "to", "any", "port",
                    "9100");
            // a firewalld service's port is open to both families: it goes from both
            case FIREWALLD, FIREWALLD_UNBOUND -> List.of("sh", "-c", "firewall-cmd -q --permanent"
                    + " --service=fwdocs-versions-server --remove-port=9100/tcp && firewall-cmd -q --reload");
        };
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * --audit --format=json: clean right after an apply (exit 0, the ruleset unchanged by the audit, the text form
     * says clean too); a rule deleted by hand reported missing by name (exit 6); the older version's script applied
     * and the newer one audited: its dropped flow reported extra, its new ones missing; a script applied without
     * --from- and audited with --from-agent: its rule from any address reported widened, with the addresses
     * allowed; the same script applied with --from-agent and audited with a narrower network (widened), a wider one
     * (missing) and the same networks spelled otherwise (clean).
     */
    static void audit(OperatorSession s, Variant v) {
        OperatorSession.Script v2 = s.scripts().get(0);
        OperatorSession.Script v1 = s.scripts().get(1);
        OperatorSession.Script wide = s.scripts().get(2);
        String what = "versions 2.0 server " + v.backendId();
        if (!s.run("apply", v2)) {
            return;
        }
        String applied = s.firewall().dump();
        var clean = report(s, "clean", v2, 0, what);
        if (clean != null && (!clean.path("clean").asBoolean(false) || !clean.path("missing").isEmpty()
                || !clean.path("extra").isEmpty() || !clean.path("widened").isEmpty())) {
            s.fail("clean", "a fresh apply does not audit clean: " + clean);
        }
        s.same("clean", "the audit changed the ruleset", s.firewall().dump(), applied);
        var text = s.exec(v2, "--audit");
        if (text.exit() != 0 || !text.out().contains("audit of " + what + ": clean")) {
            s.fail("clean", "the text audit: exit " + text.exit() + ": " + text.describe());
        }
        s.firewall().check(removeMetrics(v));
        var removed = report(s, "removed", v2, 6, what);
        if (removed != null) {
            expect(s, "removed", removed, "missing", "metrics", "in", "ipv4", "tcp", "9100", "any");
            int flows = v.backendId().equals("firewalld") ? 2 : 1;
            if (removed.path("missing").size() != flows || !removed.path("extra").isEmpty()
                    || !removed.path("widened").isEmpty() || removed.path("clean").asBoolean(true)) {
                s.fail("removed", "one rule removed, but the audit says: " + removed);
            }
        }
        if (!s.run("older", v1)) {
            return;
        }
        var older = report(s, "older", v2, 6, what);
        if (older != null) {
            expect(s, "older", older, "extra", "api", "in", "ipv4", "tcp", "8443", "any");
            expect(s, "older", older, "extra", "api", "in", "ipv6", "tcp", "8443", "any");
            expect(s, "older", older, "missing", "api", "in", "ipv6", "tcp", "9443", "any");
            expect(s, "older", older, "missing", "backup", "out", "ipv4", "tcp", "873",
                    "198.51.100.10");
        }
        s.run("older", v1, "--undo");
        if (!s.run("wide", wide)) {
            return;
        }
        var widened = report(s, "widened", wide, 6, "role-sources 1.0 server " + v.backendId(),
                "--from-agent=" + Lab.ROLE_CIDRS);
        if (widened != null) {
            var item = expect(s, "widened", widened, "widened", "api", "in", "ipv4", "tcp", "8443", "any");
            if (item != null && !item.path("allowed").toString().equals("[\"169.254.77.0/24\"]")) {
                s.fail("widened", "the allowed addresses of " + item);
            }
            expect(s, "widened", widened, "widened", "api", "in", "ipv6", "tcp", "8443", "any");
            if (!widened.path("missing").isEmpty() || !widened.path("extra").isEmpty()) {
                s.fail("widened", "only widened rules expected: " + widened);
            }
        }
        if (!s.run("networks", wide, "--from-agent=" + Lab.ROLE_CIDRS)) {
            return;
        }
        // networks compare by their bits: the /24 in force holds the /25 (widened, not missing) and lies inside the
        // /23 (missing, not widened); the same networks given in another spelling audit clean
        String what2 = "role-sources 1.0 server " + v.backendId();
        var same = report(s, "networks", wide, 0, what2, "--from-agent=169.254.77.0/24,fd00:77:0:0::/64");
        if (same != null && !same.path("clean").asBoolean(false)) {
            s.fail("networks", "the networks applied do not audit clean: " + same);
        }
        var narrower = report(s, "narrower", wide, 6, what2, "--from-agent=169.254.77.0/25,fd00:77::/64");
        if (narrower != null) {
            var item = expect(s, "narrower", narrower, "widened", "api", "in", "ipv4", "tcp", "8443", "169.254.77.0/24");
            if (item != null && !item.path("allowed").toString().equals("[\"169.254.77.0/25\"]")) {
                s.fail("narrower", "the allowed addresses of " + item);
            }
            if (!narrower.path("missing").isEmpty() || narrower.path("widened").size() != 1) {
                s.fail("narrower", "a /24 in force audited with its /25: one widened rule expected: " + narrower);
            }
        }
        var wider = report(s, "wider", wide, 6, what2, "--from-agent=169.254.76.0/23,fd00::/8");
        if (wider != null) {
            expect(s, "wider", wider, "missing", "api", "in", "ipv4", "tcp", "8443", "169.254.76.0/23");
            expect(s, "wider", wider, "missing", "api", "in", "ipv6", "tcp", "8443", "fd00::/8");
            if (!wider.path("widened").isEmpty() || wider.path("missing").size() != 2) {
                s.fail("wider", "networks in force inside the audited ones: two missing rules expected: " + wider);
            }
        }
        s.run("wide", wide, "--undo");
        s.same("undone", "the ruleset after the --undo differs from the baseline", s.firewall().dump(), s.before());
    }

    /** Runs the JSON audit; its report when the exit status and the audit's name are as expected, else null. */
    private static JsonNode report(OperatorSession s, String step,
            OperatorSession.Script x, int exit, String what, String... extra) {
        List<String> argv = new ArrayList<>(List.of("--audit", "--format=json"));
        argv.addAll(List.of(extra));
        var r = s.exec(x, argv.toArray(String[]::new));
        if (r.exit() != exit) {
            s.fail(step, "--audit: exit " + r.exit() + ", not " + exit + ": " + r.describe());
            return null;
        }
        try {
            var node = JSON.readTree(r.out());
            if (!what.equals(node.path("audit").asText())) {
                s.fail(step, "the report names " + node.path("audit") + ", not " + what);
            }
            return node;
        } catch (JsonProcessingException e) {
            s.fail(step, "the report is no JSON (" + e.getOriginalMessage() + "): " + r.out());
            return null;
        }
    }

    /**
     * The finding of that kind with exactly these fields, or null (and a failure) when the report lacks it. Its name is
     * the catalog rule's id, followed by ": " and the rule's name where the backend's rules carry that (iptables and
     * nftables comments; ufw's comments keep the id).
     */
    private static JsonNode expect(OperatorSession s, String step,
            JsonNode report, String kind, String rule, String direction, String family,
            String protocol, String port, String source) {
        for (var item : report.path(kind)) {
            String name = item.path("name").asText();
            if ((name.equals(rule) || name.startsWith(rule + ": ")) && item.path("direction").asText().equals(direction)
                    && item.path("family").asText().equals(family) && item.path("protocol").asText().equals(protocol)
                    && item.path("port").asText().equals(port) && item.path("source").asText().equals(source)) {
                return item;
            }
        }
        s.fail(step, "no " + kind + " " + rule + " " + direction + " " + family + " " + protocol + " " + port + " "
                + source + " in " + report);
        return null;
    }

    /** The administrator's blocklist of the client's main addresses, as each backend's users write it. */
    static List<List<String>> blocklist(Variant v) {
        return switch (v) {
            // ICMPv6 stays out of the IPv6 entries: the client host probes from its blocklisted and its other
            // addresses alike, and a neighbour solicitation dropped from the blocklisted one would leave its one
            // neighbour entry for the server failed, so the other address's probes got EHOSTUNREACH at times.
            case IPTABLES_NFT, IPTABLES_LEGACY -> List.of(
                    List.of("iptables", "-w", "-A", "INPUT", "-s", Lab.CLIENT4, "-j", "DROP"),
                    List.of("ip6tables", "-w", "-A", "INPUT", "-s", Lab.CLIENT6, "!", "-p", "ipv6-icmp", "-j",
                            "DROP"));
            case NFTABLES -> List.of(List.of("nft", "add rule inet filter input ip saddr " + Lab.CLIENT4 + " drop"),
                    List.of("nft", "add rule inet filter input ip6 saddr " + Lab.CLIENT6
                            + " meta l4proto != ipv6-icmp drop"));
            case UFW -> List.of(List.of("ufw", "deny", "from", Lab.CLIENT4), List.of("ufw", "deny", "from",
                    Lab.CLIENT6));
            case FIREWALLD, FIREWALLD_UNBOUND -> List.of(
                    List.of("firewall-cmd", "-q", "--permanent", "--add-rich-rule=rule family=\"ipv4\" source address=\""
                            + Lab.CLIENT4 + "\" drop"),
                    List.of("firewall-cmd", "-q", "--permanent", "--add-rich-rule=rule family=\"ipv6\" source address=\""
                            + Lab.CLIENT6 + "\" drop"),
                    List.of("firewall-cmd", "-q", "--reload"));
        };
    }

    /**
     * A blocklist in place (the client's main addresses dropped), then the script: with --position=last (iptables,
     * nftables) or as it is (ufw and firewalld put an administrator's deny before the scripts' allows themselves)
     * the blocklisted sources get nothing and the others get the script's ports; with --position=first the
     * script's ports are open to the blocklisted sources too (the documented trade-off), a re-run with last moves
     * the jump back, and --undo leaves the blocklist exactly as it was.
     */
    static void position(OperatorSession s, Variant v) {
        OperatorSession.Script x = s.scripts().get(0);
        for (List<String> c : blocklist(v)) {
            s.firewall().check(c);
        }
        String blocked = s.firewall().dump();
        List<String> all = List.of(Lab.CLIENT4, Lab.OTHER4, Lab.CLIENT6, Lab.OTHER6);
        List<String> listed = List.of(Lab.CLIENT4, Lab.CLIENT6);
        s.probe("blocklist alone", List.of(), all, listed);
        boolean positioned = v.backendId().equals("iptables") || v.backendId().equals("nftables");
        if (positioned) {
            if (!s.run("first", x, "--position=first")) {
                return;
            }
            s.probe("first", List.of(x), all, List.of());
            if (!s.run("last", x, "--position=last")) {
                return;
            }
            String last = s.firewall().dump();
            s.probe("last", List.of(x), all, listed);
            s.run("last again", x, "--position=last");
            s.same("last again", "a second run with --position=last changed the ruleset", s.firewall().dump(), last);
        } else {
            if (!s.run("apply", x)) {
                return;
            }
            s.probe("apply", List.of(x), all, listed);
        }
        s.run("undo", x, "--undo");
        s.same("undo", "--undo did not leave exactly the blocklist", s.firewall().dump(), blocked);
    }

    /**
     * The timed-out path (rules in force while it waits, then exit 5 and exactly the baseline back), the confirmed
     * path (--confirm from a second session; the rules stay, as a plain apply makes them), yes typed on the script's
     * terminal, and --confirm with nothing waiting (exit 1).
     */
    static void confirm(OperatorSession s) throws java.io.IOException {
        OperatorSession.Script x = s.scripts().get(0);
        java.time.Duration limit = java.time.Duration.ofSeconds(180);
        String waiting = "the new rules are in force";
        BackgroundRun late = s.start(x, "--confirm-within=12");
        if (s.await("timed out", late, waiting, limit)) {
            s.probe("while waiting", List.of(x));
            int rc = s.finish("timed out", late, limit);
            if (rc != 5) {
                s.fail("timed out", "exit " + rc + ", not 5, without a confirmation:\n" + late.output());
            }
            if (!late.output().contains("restored: the firewall is as it was before this run")) {
                s.fail("timed out", "the script did not say that it restored the ruleset:\n" + late.output());
            }
            s.same("timed out", "the ruleset after the timeout differs from the one before", s.firewall().dump(),
                    s.before());
            s.probe("after the timeout", List.of());
        }
        BackgroundRun kept = s.start(x, "--confirm-within=120");
        if (s.await("confirmed", kept, waiting, limit)) {
            s.run("confirmed", x, "--confirm");
            int rc = s.finish("confirmed", kept, limit);
            if (rc != 0) {
                s.fail("confirmed", "exit " + rc + " after --confirm:\n" + kept.output());
            }
            s.probe("confirmed", List.of(x));
            String confirmed = s.firewall().dump();
            s.run("confirmed", x, "--undo");
            s.same("confirmed", "--undo after a confirmed apply did not bring back the baseline", s.firewall().dump(),
                    s.before());
            s.run("confirmed", x);
            s.equivalent("confirmed", "the confirmed ruleset (then) differs from a plain apply (now)",
                    s.firewall().dump(), confirmed);
            s.run("confirmed", x, "--undo");
        }
        // The operator types yes on the terminal the script runs on (a wrong answer first: it asks again).
        BackgroundRun typed = s.startOnTerminal(x, "--confirm-within=120");
        if (s.await("typed yes", typed, waiting, limit)) {
            s.type(typed, "no");
            s.await("typed yes", typed, "type yes to keep the new rules", limit);
            s.type(typed, "yes");
            int rc = s.finish("typed yes", typed, limit);
            if (rc != 0 || !typed.output().contains("confirmed: the new rules stay")) {
                s.fail("typed yes", "exit " + rc + " after yes on the terminal:\n" + typed.output());
            }
            s.run("typed yes", x, "--undo");
            s.same("typed yes", "--undo after a confirmed apply did not bring back the baseline", s.firewall().dump(),
                    s.before());
        }
        var none = s.exec(x, "--confirm");
        if (none.exit() != 1) {
            s.fail("nothing waits", "--confirm with no run waiting: exit " + none.exit() + ", not 1: "
                    + none.describe());
        }
    }

    /**
     * Every role applied one after the other, then undone one by one in both orders: each state probed with the
     * scripts then in force, and the first role's undo must leave exactly what the other roles make alone.
     */
    static void roles(OperatorSession s) {
        List<OperatorSession.Script> all = s.scripts();
        OperatorSession.Script first = all.get(0);
        List<OperatorSession.Script> rest = all.subList(1, all.size());
        for (OperatorSession.Script x : all) {
            if (!s.run("apply", x)) {
                return;
            }
        }
        s.probe("all applied", all);
        if (!s.run("undo first", first, "--undo")) {
            return;
        }
        s.probe("first undone", rest);
        String others = s.firewall().dump();
        for (OperatorSession.Script x : rest) {
            s.run("undo rest", x, "--undo");
        }
        s.same("all undone", "the ruleset after every --undo differs from the baseline", s.firewall().dump(),
                s.before());
        for (OperatorSession.Script x : rest) {
            s.run("others alone", x);
        }
        s.equivalent("others alone", "undoing " + first.label() + " did not leave exactly what the other roles' scripts"
                + " make alone (now: the others alone; then: all, " + first.label() + " undone)", s.firewall().dump(),
                others);
        if (!s.run("first last", first)) {
            return;
        }
        s.probe("first applied last", all);
        for (OperatorSession.Script x : rest) {
            s.run("undo others", x, "--undo");
        }
        s.probe("others undone", List.of(first));
        s.run("undo last", first, "--undo");
        s.same("undo last", "the ruleset after every --undo differs from the baseline", s.firewall().dump(),
                s.before());
    }

    /**
     * For each role: the old version's script, then the new one's over it (probed: the new version's flows open,
     * the old one's dropped flows and moved ports closed), its --undo back to the baseline, then the new script on a
     * fresh baseline, whose ruleset the upgraded one must equal.
     */
    static void upgrade(OperatorSession s, String nextVersion) {
        List<OperatorSession.Script> all = s.scripts();
        for (int i = 0; i < all.size(); i++) {
            OperatorSession.Script x = all.get(i);
            OperatorSession.Script old = null;
            if (!x.label().endsWith("@" + nextVersion)) {
                old = x;
                x = all.get(++i);
            }
            if (old != null && !s.run("old", old)) {
                continue;
            }
            if (!s.run("upgrade", x)) {
                continue;
            }
            String upgraded = s.firewall().dump();
            s.probe("upgraded " + x.label(), List.of(x));
            s.run("undo", x, "--undo");
            s.same("undo " + x.label(), "--undo of " + x.label() + " over " + (old == null ? "nothing" : old.label())
                    + " did not bring back the baseline", s.firewall().dump(), s.before());
            s.run("fresh", x);
            s.equivalent("fresh " + x.label(), x.label() + " over " + (old == null ? "nothing" : old.label())
                    + " (then) differs from " + x.label() + " on a fresh baseline (now)", s.firewall().dump(), upgraded);
            s.run("undo fresh", x, "--undo");
            s.same("undo fresh " + x.label(), "--undo after a fresh apply did not bring back the baseline",
                    s.firewall().dump(), s.before());
        }
    }

    /**
     * Two roles (or the one a version has) upgraded side by side: both old scripts, then both new ones over them
     * (probed: the new flows open, the old version's dropped flows and moved ports closed); the first role's --undo
     * leaves the second working and the second's --undo the baseline (nothing of either version); then both new
     * scripts on that fresh baseline, whose ruleset the upgraded one must equal, and the undos in the other order.
     */
    static void upgradeSideBySide(OperatorSession s, String nextVersion) {
        List<OperatorSession.Script> olds = new ArrayList<>();
        List<OperatorSession.Script> news = new ArrayList<>();
        for (OperatorSession.Script x : s.scripts()) {
            (x.label().endsWith("@" + nextVersion) ? news : olds).add(x);
        }
        for (OperatorSession.Script x : olds) {
            if (!s.run("old", x)) {
                return;
            }
        }
        for (OperatorSession.Script x : news) {
            if (!s.run("upgrade", x)) {
                return;
            }
        }
        String upgraded = s.firewall().dump();
        s.probe("upgraded", news);
        OperatorSession.Script first = news.get(0);
        List<OperatorSession.Script> rest = news.subList(1, news.size());
        if (!s.run("undo first", first, "--undo")) {
            return;
        }
        s.probe("first undone", rest);
        for (OperatorSession.Script x : rest) {
            s.run("undo rest", x, "--undo");
        }
        s.same("all undone", "the new version's --undo over the old one did not bring back the baseline",
                s.firewall().dump(), s.before());
        for (OperatorSession.Script x : news) {
            if (!s.run("fresh", x)) {
                return;
            }
        }
        s.equivalent("fresh", "the upgraded ruleset (then) differs from the new version's on a fresh baseline (now)",
                s.firewall().dump(), upgraded);
        if (!rest.isEmpty()) {
            for (OperatorSession.Script x : rest) {
                s.run("undo others", x, "--undo");
            }
            s.probe("others undone", List.of(first));
        }
        s.run("undo last", first, "--undo");
        s.same("undo last", "the ruleset after every --undo differs from the baseline", s.firewall().dump(),
                s.before());
    }

    /** The role in the older version, when it had flows there (its script then applied rules to upgrade from). */
    private static Optional<RoleView> before(ResolvedVersion old, RoleView role) {
        return old.roles().stream().filter(o -> o.role().id().equals(role.role().id()))
                .filter(o -> !o.inbound().isEmpty() || !o.outbound().isEmpty()).findFirst();
    }

    /** True when two versions' scripts differ only in the version they name. */
    static boolean sameButVersion(String a, String va, String b, String vb) {
        return a.replace(va, "VERSION").equals(b.replace(vb, "VERSION"));
    }

    private static OperatorSession.Script script(Variant v, ResolvedVersion version, RoleView role, String label) {
        RuleBackend backend = BackendRegistry.standard().find(v.backendId())
                .orElseThrow(() -> new IllegalStateException("no backend " + v.backendId()));
        List<Diagnostic> unsupported = Plans.unsupported(backend, version).stream().filter(Diagnostic::isError)
                .toList();
        if (!unsupported.isEmpty()) {
            throw new IllegalStateException("backend " + v.backendId() + " cannot express " + version.version()
                    + ": " + unsupported);
        }
        String name = v.backendId() + ".sh";
        GeneratedFile f = Plans.files(backend, version, role).stream().filter(g -> g.path().equals(name))
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + name + " for " + label));
        return new OperatorSession.Script(label, role, f.text(), OperatorSession.defaultApply(role));
    }

    private static Stream<DynamicTest> run(List<Planned> planned) {
        List<Planned> byCost = new ArrayList<>(planned);
        byCost.sort(java.util.Comparator.comparingInt(p -> p.session() == null ? 0 : -costOf(p.title())));
        List<Future<ProofSession.Report>> futures = new ArrayList<>();
        for (Planned p : byCost) {
            futures.add(p.session() == null ? null : Sessions.submit(p.session()));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < byCost.size(); i++) {
            Planned p = byCost.get(i);
            Future<ProofSession.Report> f = futures.get(i);
            tests.add(DynamicTest.dynamicTest(p.title(), () -> {
                assertTrue(p.problem() == null, () -> p.problem());
                ProofSession.Report r = f.get();
                System.out.println(r.describe());
                assertTrue(r.proven(), r::describe);
            }));
        }
        return tests.stream();
    }

    private static int costOf(String title) {
        for (Variant v : Variant.values()) {
            if (title.endsWith(" on " + v.label())) {
                return v.cost();
            }
        }
        return 0;
    }
}
