package dev.fwdocs.plugin.rules.firewalld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.RulesBFixtures;
import dev.fwdocs.plugin.rules.RulesBFixtures.Case;
import dev.fwdocs.plugin.rules.RulesBFixtures.Run;
import dev.fwdocs.plugin.rules.RulesBGolden;
import dev.fwdocs.plugin.rules.RulesBSandbox;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class FirewalldBackendTest {

    private final FirewalldBackend fw = new FirewalldBackend();

    @TempDir
    Path tmp;

    @Test
    void goldenFiles() throws Exception {
        RulesBGolden.check(fw);
    }

    @Test
    void everyScriptOfEverySeedIsShellcheckClean() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("shellcheck", "-S", "style", "-f", "gcc"));
        for (Case c : RulesBFixtures.cases()) {
            RulesBFixtures.write(tmp.resolve(c.dir()), fw.render(c.version(), c.role()));
            cmd.add(tmp.resolve(c.dir()).resolve("firewalld.sh").toString());
        }
        Run r = RulesBFixtures.run(cmd, 300);
        assertEquals("", r.out(), "shellcheck findings");
        assertEquals(0, r.code());
    }

    @Test
    void policyNamesFitFirewalldAndDiffer() {
        List<String> names = new ArrayList<>();
        for (Case c : RulesBFixtures.cases()) {
            for (boolean in : new boolean[] {true, false}) {
                String n = FirewalldBackend.policyName(c.version(), c.role(), in);
                assertTrue(n.length() <= 18 && n.matches("[a-z0-9-]+"), n);
                if (!names.contains(n) && c.version().isLatest()) {
                    names.add(n);
                }
            }
        }
        assertEquals(names.stream().distinct().count(), names.size());
    }

    @Test
    void serviceNeverWiderThanTheCatalog() {
        Case c = RulesBFixtures.find("storageos", "1.5", "node");
        String xml = files(c).get("firewalld/fwdocs-storageos-node.xml");
        String policy = files(c).values().stream().filter(t -> t.startsWith("<?xml") && t.contains("<policy"))
                .findFirst().orElseThrow();
        // storageos: from node only, so nothing goes in the any-address service; ports sit in the policy, one each
        assertTrue(xml == null, "no from-any rules: no service file");
        assertTrue(policy.contains("<port port=\"5706-5707\" protocol=\"tcp\"/>"), policy);
        assertTrue(policy.contains("<port port=\"5711\" protocol=\"udp\"/>"), policy);
        assertFalse(policy.contains("5700") || policy.contains("5800") || policy.contains("5701-5711"), policy);
        assertFalse(policy.contains("5705\" protocol=\"udp"), "no tcp x udp cross product: " + policy);
    }

    @Test
    void xmlIsEscapedAndWellFormed() throws Exception {
        for (Case c : RulesBFixtures.cases()) {
            for (GeneratedFile f : fw.render(c.version(), c.role())) {
                if (f.path().endsWith(".xml")) {
                    Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                            .parse(new ByteArrayInputStream(f.content()));
                    assertTrue(List.of("service", "policy").contains(d.getDocumentElement().getTagName()));
                    assertEquals(0, d.getElementsByTagName("x").getLength(), c + " " + f.path());
                }
            }
        }
    }

    private Map<String, String> files(Case c) {
        Map<String, String> m = new TreeMap<>();
        fw.render(c.version(), c.role()).forEach(f -> m.put(f.path(), f.text()));
        return m;
    }

    /**
     * Every XML file of every product drops into one copy of /etc/firewalld and firewalld's own check accepts it (one
     * check for all products: their file names differ, see {@link #policyNamesFitFirewalldAndDiffer}).
     */
    @Test
    void xmlPassesFirewalldCheckConfig() throws Exception {
        RulesBSandbox.requireNamespacesAnd("firewall-offline-cmd");
        Path dir = freshConfig("xml");
        List<String> products = new ArrayList<>();
        int n = 0;
        for (Case c : RulesBFixtures.cases()) {
            if (!c.version().isLatest()) {
                continue;
            }
            for (GeneratedFile f : fw.render(c.version(), c.role())) {
                if (f.path().endsWith(".xml")) {
                    String name = f.path().substring("firewalld/".length());
                    String kind = f.text().contains("<policy") ? "policies" : "services";
                    Path p = dir.resolve(kind).resolve(name);
                    assertFalse(Files.exists(p), "two products write " + kind + "/" + name);
                    Files.write(p, f.content());
                    n++;
                    if (!products.contains(c.product())) {
                        products.add(c.product());
                    }
                }
            }
        }
        assertEquals(RulesBFixtures.catalogs().size(), products.size(), "every product has XML: " + products);
        Run r = RulesBFixtures.run(List.of("firewall-offline-cmd", "--system-config", dir.toString(),
                "--check-config"), 120);
        assertEquals(0, r.code(), n + " files of " + products + ", check-config: " + r.out());
    }

    private Path freshConfig(String name) throws Exception {
        Path dir = tmp.resolve(name);
        Run r = RulesBFixtures.run(List.of("cp", "-a", "/etc/firewalld", dir.toString()), 30);
        assertEquals(0, r.code(), r.out());
        Files.createDirectories(dir.resolve("policies"));
        Files.createDirectories(dir.resolve("services"));
        return dir;
    }

    /** The configuration files (not firewalld's .old backups) as path -> content. */
    private static Map<String, String> config(Path dir) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString();
                if (rel.endsWith(".old") || rel.equals("reloads")) {
                    continue;
                }
                // firewall-offline-cmd writes a copy of the shipped default zone on its first change: same content,
                // so no change of configuration
                Path shipped = Path.of("/usr/lib/firewalld").resolve(rel);
                if (rel.startsWith("zones/") && Files.exists(shipped)
                        && Files.readString(shipped).equals(Files.readString(p))) {
                    continue;
                }
                m.put(rel, Files.readString(p));
            }
        }
        return m;
    }

    private static int reloads(Path dir) throws Exception {
        Path p = dir.resolve("reloads");
        return Files.exists(p) ? Files.readAllLines(p).size() : 0;
    }

    /** How a round trip went: "OK" or what failed with the script output, and the configuration after the apply. */
    private record Trip(String result, Map<String, String> applied) {
    }

    /**
     * Runs a script's permanent commands for real through firewall-offline-cmd (a PATH shim stands in for
     * firewall-cmd): dry run changes nothing, apply passes --check-config and writes exactly the generated XML,
     * apply twice changes nothing and does not reload, undo restores the configuration from before.
     */
    private Trip offlineScenario(Case c, List<String> env, List<String> options, boolean compareXml) throws Exception {
        String id = c.dir().replace('/', '_') + "-" + options.size();
        Path dir = freshConfig("cfg-" + id);
        Path out = tmp.resolve("out-" + id);
        RulesBFixtures.write(out, fw.render(c.version(), c.role()));
        Path shim = tmp.resolve("shim-" + id);
        Files.createDirectories(shim);
        Files.createSymbolicLink(shim.resolve("firewall-cmd"),
                RulesBSandbox.RESOURCES.resolve("firewall-cmd-offline-shim"));
        List<String> base = new ArrayList<>(List.of("env", "PATH=" + shim + ":" + System.getenv("PATH"),
                "FWDOCS_FIREWALLD_DIR=" + dir));
        base.addAll(env);
        base.addAll(List.of("sh", out.resolve("firewalld.sh").toString()));
        base.addAll(options);
        StringBuilder log = new StringBuilder(c + " " + env + " " + options + "\n");
        Map<String, String> before = config(dir);

        Run dry = RulesBFixtures.run(plus(base, "--dry-run"), 300);
        log.append(dry.out());
        if (dry.code() != 0 || !config(dir).equals(before)) {
            return fail(log, "dry run failed or changed the configuration\n");
        }
        Run a1 = RulesBFixtures.run(base, 300);
        log.append(a1.out());
        Map<String, String> once = config(dir);
        if (a1.code() != 0 || once.equals(before) || reloads(dir) != 1) {
            return fail(log, "apply failed, changed nothing, or did not reload once\n");
        }
        Run check = RulesBFixtures.run(List.of("firewall-offline-cmd", "--system-config", dir.toString(),
                "--check-config"), 120);
        if (check.code() != 0) {
            return fail(log, "check-config after apply: " + check.out());
        }
        if (compareXml) {
            for (GeneratedFile f : fw.render(c.version(), c.role())) {
                if (f.path().endsWith(".xml")) {
                    String name = f.path().substring("firewalld/".length());
                    String kind = f.text().contains("<policy") ? "policies" : "services";
                    if (!f.text().equals(once.get(kind + "/" + name))) {
                        return fail(log, "firewalld wrote " + kind + "/" + name + " differently:\n"
                                + once.get(kind + "/" + name) + "\nexpected:\n" + f.text());
                    }
                }
            }
            for (String k : once.keySet()) {
                if (!before.containsKey(k) && fw.render(c.version(), c.role()).stream()
                        .noneMatch(f -> k.endsWith("/" + f.path().substring(f.path().indexOf('/') + 1)))) {
                    return fail(log, "apply wrote a file with no generated XML counterpart: " + k);
                }
            }
        }
        Run a2 = RulesBFixtures.run(base, 300);
        log.append(a2.out());
        if (a2.code() != 0 || !config(dir).equals(once) || reloads(dir) != 1) {
            return fail(log, "second apply differs from the first, or reloaded again\n");
        }
        Run u = RulesBFixtures.run(plus(base, "--undo"), 300);
        log.append(u.out());
        if (u.code() != 0 || !config(dir).equals(before)) {
            return fail(log, "undo did not restore the configuration from before\n");
        }
        return new Trip("OK", once);
    }

    private static Trip fail(StringBuilder log, String what) {
        return new Trip(log.append("FAIL: ").append(what).toString(), Map.of());
    }

    private static List<String> plus(List<String> l, String s) {
        List<String> o = new ArrayList<>(l);
        o.add(s);
        return o;
    }

    /**
     * The products whose every role runs the whole round trip. Each firewall-offline-cmd call costs about 0.4 s and a
     * round trip makes dozens, so the other seeds (same script code, other data) are proven by
     * {@link #xmlPassesFirewalldCheckConfig} and the golden files; the test catalogs features (every catalog
     * feature) and injection (hostile text) are in.
     */
    static final List<String> ROUND_TRIP = List.of("storageos", "konvoy", "featurama", "evil");

    /** Sandboxes at once: firewall-offline-cmd is CPU-bound, and CI machines have about two CPUs. */
    static final int POOL = 2;

    @Test
    void scriptsApplyIdempotentlyAndUndoExactlyOnFirewalldConfig() throws Exception {
        RulesBSandbox.requireNamespacesAnd("firewall-offline-cmd");
        Path pwned = Path.of("/tmp/pwned");
        Files.deleteIfExists(pwned);
        List<Callable<Trip>> jobs = new ArrayList<>();
        // the slowest first, so that the pool stays busy to the end
        Case server = RulesBFixtures.find("featurama", "2.0", "server");
        // options both ways: addresses and the zone from the environment, the rest on the command line
        jobs.add(() -> offlineScenario(server, List.of("FWDOCS_FROM_AGENT=10.77.0.0/16", "FWDOCS_ZONE=internal"),
                List.of("--from-workstation=fd00:77::/64", "--from-server=10.1.0.0/16,fd00:1::/64", "--port-api=40001"),
                false));
        List<String> covered = new ArrayList<>();
        for (Case c : RulesBFixtures.cases()) {
            if (c.version().isLatest() && ROUND_TRIP.contains(c.product())) {
                jobs.add(() -> offlineScenario(c, List.of(), List.of(), true));
                if (!covered.contains(c.product())) {
                    covered.add(c.product());
                }
            }
        }
        assertEquals(ROUND_TRIP.stream().sorted().toList(), covered.stream().sorted().toList());
        List<Trip> results = RulesBSandbox.parallel(jobs, POOL);
        for (Trip r : results) {
            assertEquals("OK", r.result());
        }
        assertFalse(Files.exists(pwned), "catalog text ran a command");

        // the options shaped the inbound policy
        String policy = results.get(0).applied()
                .get("policies/" + FirewalldBackend.policyName(server.version(), server.role(), true) + ".xml");
        assertTrue(policy != null, results.get(0).applied().keySet().toString());
        assertTrue(policy.contains("<ingress-zone name=\"internal\"/>"), policy);
        assertTrue(policy.contains("<source address=\"10.77.0.0/16\"/>\n    <port port=\"40001\" protocol=\"tcp\"/>"), policy);
        assertTrue(policy.contains("<source address=\"fd00:77::/64\"/>\n    <port port=\"40001\" protocol=\"tcp\"/>"), policy);
        assertFalse(policy.contains("<port port=\"40001\" protocol=\"tcp\"/>\n  <rule"), "api not open to any: " + policy);
        assertFalse(policy.contains("8443"), policy);
        // the agent gave only IPv4: its ICMP echo (IPv4) is limited, nothing of agent's is open over IPv6
        assertTrue(policy.contains("<source address=\"10.77.0.0/16\"/>\n    <icmp-type name=\"echo-request\"/>"), policy);
        assertFalse(policy.contains("family=\"ipv6\">\n    <source address=\"10.77"), policy);
    }

    @Test
    void aZoneThatIsNoNameIsAUsageError() throws Exception {
        Case c = RulesBFixtures.find("featurama", "2.0", "server");
        Path out = tmp.resolve("opts-out");
        RulesBFixtures.write(out, fw.render(c.version(), c.role()));
        Run bad = RulesBFixtures.run(List.of("sh", out.resolve("firewalld.sh").toString(), "--zone=a;b"), 20);
        assertEquals(2, bad.code(), bad.out());
    }
}
