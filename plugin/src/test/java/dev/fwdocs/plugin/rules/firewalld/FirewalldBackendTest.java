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
                String n = FirewalldBackend.policyName(c.version(), c.role());
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

    /** Every XML file drops into a copy of /etc/firewalld and firewalld's own check accepts it. */
    @Test
    void xmlPassesFirewalldCheckConfig() throws Exception {
        RulesBSandbox.requireNamespacesAnd("firewall-offline-cmd");
        List<Callable<String>> jobs = new ArrayList<>();
        for (var pc : RulesBFixtures.catalogs()) {
            String product = pc.product().id();
            jobs.add(() -> {
                Path dir = freshConfig("xml-" + product);
                int n = 0;
                for (Case c : RulesBFixtures.cases()) {
                    if (!c.product().equals(product) || !c.version().isLatest()) {
                        continue;
                    }
                    for (GeneratedFile f : fw.render(c.version(), c.role())) {
                        if (f.path().endsWith(".xml")) {
                            String name = f.path().substring("firewalld/".length());
                            String kind = f.text().contains("<policy") ? "policies" : "services";
                            Files.write(dir.resolve(kind).resolve(name), f.content());
                            n++;
                        }
                    }
                }
                Run r = RulesBFixtures.run(List.of("firewall-offline-cmd", "--system-config", dir.toString(),
                        "--check-config"), 120);
                return r.code() == 0 && n > 0 ? "" : product + ": " + n + " files, check-config: " + r.out();
            });
        }
        for (String s : RulesBSandbox.parallel(jobs, 6)) {
            assertEquals("", s);
        }
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

    /**
     * Runs a script's permanent commands for real through firewall-offline-cmd (a PATH shim stands in for
     * firewall-cmd): dry run changes nothing, apply passes --check-config and writes exactly the generated XML,
     * apply twice changes nothing and does not reload, undo restores the configuration from before.
     */
    private String offlineScenario(Case c, List<String> options, boolean compareXml) throws Exception {
        Path dir = freshConfig("cfg-" + c.dir().replace('/', '_') + "-" + options.size());
        Path out = tmp.resolve("out-" + c.dir().replace('/', '_') + "-" + options.size());
        RulesBFixtures.write(out, fw.render(c.version(), c.role()));
        Path shim = tmp.resolve("shim-" + c.dir().replace('/', '_') + "-" + options.size());
        Files.createDirectories(shim);
        Files.createSymbolicLink(shim.resolve("firewall-cmd"),
                RulesBSandbox.RESOURCES.resolve("firewall-cmd-offline-shim"));
        List<String> base = new ArrayList<>(List.of("env", "PATH=" + shim + ":" + System.getenv("PATH"),
                "FWDOCS_FIREWALLD_DIR=" + dir, "sh", out.resolve("firewalld.sh").toString()));
        base.addAll(options);
        StringBuilder log = new StringBuilder(c + " " + options + "\n");
        Map<String, String> before = config(dir);

        Run dry = RulesBFixtures.run(plus(base, "--dry-run"), 300);
        log.append(dry.out());
        if (dry.code() != 0 || !config(dir).equals(before)) {
            return log.append("FAIL: dry run failed or changed the configuration\n").toString();
        }
        Run a1 = RulesBFixtures.run(base, 300);
        log.append(a1.out());
        Map<String, String> once = config(dir);
        if (a1.code() != 0 || once.equals(before) || reloads(dir) != 1) {
            return log.append("FAIL: apply failed, changed nothing, or did not reload once\n").toString();
        }
        Run check = RulesBFixtures.run(List.of("firewall-offline-cmd", "--system-config", dir.toString(),
                "--check-config"), 120);
        if (check.code() != 0) {
            return log.append("FAIL: check-config after apply: ").append(check.out()).toString();
        }
        if (compareXml) {
            for (GeneratedFile f : fw.render(c.version(), c.role())) {
                if (f.path().endsWith(".xml")) {
                    String name = f.path().substring("firewalld/".length());
                    String kind = f.text().contains("<policy") ? "policies" : "services";
                    if (!f.text().equals(once.get(kind + "/" + name))) {
                        return log.append("FAIL: firewalld wrote ").append(kind).append('/').append(name)
                                .append(" differently:\n").append(once.get(kind + "/" + name)).append("\nexpected:\n")
                                .append(f.text()).toString();
                    }
                }
            }
            for (String k : once.keySet()) {
                if (!before.containsKey(k) && fw.render(c.version(), c.role()).stream()
                        .noneMatch(f -> k.endsWith("/" + f.path().substring(f.path().indexOf('/') + 1)))) {
                    return log.append("FAIL: apply wrote a file with no generated XML counterpart: ").append(k)
                            .toString();
                }
            }
        }
        Run a2 = RulesBFixtures.run(base, 300);
        log.append(a2.out());
        if (a2.code() != 0 || !config(dir).equals(once) || reloads(dir) != 1) {
            return log.append("FAIL: second apply differs from the first, or reloaded again\n").toString();
        }
        Run u = RulesBFixtures.run(plus(base, "--undo"), 300);
        log.append(u.out());
        if (u.code() != 0 || !config(dir).equals(before)) {
            return log.append("FAIL: undo did not restore the configuration from before\n").toString();
        }
        return "OK";
    }

    private static List<String> plus(List<String> l, String s) {
        List<String> o = new ArrayList<>(l);
        o.add(s);
        return o;
    }

    @Test
    void scriptsApplyIdempotentlyAndUndoExactlyOnFirewalldConfig() throws Exception {
        RulesBSandbox.requireNamespacesAnd("firewall-offline-cmd");
        Path pwned = Path.of("/tmp/pwned");
        Files.deleteIfExists(pwned);
        List<Callable<String>> jobs = new ArrayList<>();
        for (Case c : RulesBFixtures.cases()) {
            if (c.version().isLatest()) {
                jobs.add(() -> offlineScenario(c, List.of(), true));
            }
        }
        Case server = RulesBFixtures.find("featurama", "2.0", "server");
        jobs.add(() -> {
            String r = offlineScenario(server, List.of("--from-agent=10.77.0.0/16", "--from-workstation=fd00:77::/64",
                    "--from-server=10.1.0.0/16,fd00:1::/64", "--port-api=40001", "--zone=internal"), false);
            return r;
        });
        List<String> results = RulesBSandbox.parallel(jobs, 8);
        for (String r : results) {
            assertEquals("OK", r);
        }
        assertFalse(Files.exists(pwned), "catalog text ran a command");
    }

    @Test
    void optionsShapeThePolicy() throws Exception {
        RulesBSandbox.requireNamespacesAnd("firewall-offline-cmd");
        Case c = RulesBFixtures.find("featurama", "2.0", "server");
        Path dir = freshConfig("opts");
        Path out = tmp.resolve("opts-out");
        RulesBFixtures.write(out, fw.render(c.version(), c.role()));
        Path shim = tmp.resolve("opts-shim");
        Files.createDirectories(shim);
        Files.createSymbolicLink(shim.resolve("firewall-cmd"), RulesBSandbox.RESOURCES.resolve("firewall-cmd-offline-shim"));
        Run r = RulesBFixtures.run(List.of("env", "PATH=" + shim + ":" + System.getenv("PATH"),
                "FWDOCS_FIREWALLD_DIR=" + dir, "FWDOCS_FROM_AGENT=10.77.0.0/16", "FWDOCS_ZONE=internal",
                "sh", out.resolve("firewalld.sh").toString(), "--from-workstation=fd00:77::/64", "--port-api=40001"), 300);
        assertEquals(0, r.code(), r.out());
        String policy = Files.readString(dir.resolve("policies").resolve(FirewalldBackend.policyName(c.version(), c.role()) + ".xml"));
        assertTrue(policy.contains("<ingress-zone name=\"internal\"/>"), policy);
        assertTrue(policy.contains("<source address=\"10.77.0.0/16\"/>\n    <port port=\"40001\" protocol=\"tcp\"/>"), policy);
        assertTrue(policy.contains("<source address=\"fd00:77::/64\"/>\n    <port port=\"40001\" protocol=\"tcp\"/>"), policy);
        assertFalse(policy.contains("<port port=\"40001\" protocol=\"tcp\"/>\n  <rule"), "api not open to any: " + policy);
        assertFalse(policy.contains("8443"), policy);
        // the agent gave only IPv4: its ICMP echo (IPv4) is limited, nothing of agent's is open over IPv6
        assertTrue(policy.contains("<source address=\"10.77.0.0/16\"/>\n    <icmp-type name=\"echo-request\"/>"), policy);
        assertFalse(policy.contains("family=\"ipv6\">\n    <source address=\"10.77"), policy);
        Run bad = RulesBFixtures.run(List.of("sh", out.resolve("firewalld.sh").toString(), "--zone=a;b"), 20);
        assertEquals(2, bad.code(), bad.out());
    }
}
