package dev.fwdocs.plugin.rules.firewalld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.Plans;
import dev.fwdocs.plugin.testing.Catalogs.RoleVersion;
import dev.fwdocs.plugin.testing.Catalogs;
import dev.fwdocs.plugin.testing.Command;
import dev.fwdocs.plugin.testing.Environment;
import dev.fwdocs.plugin.testing.GeneratedFiles;
import dev.fwdocs.plugin.testing.Parallel;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The firewalld script and XML: names, escaping, never wider than the catalog, and (in the firewall lab) firewalld's
 * own check of the XML and round trips of the scripts through firewall-offline-cmd on private copies of
 * /etc/firewalld.
 */
class FirewalldBackendTest {

    /** Stands in for firewall-cmd: runs each call through firewall-offline-cmd on the sandbox's configuration. */
    private static final Path OFFLINE_SHIM = Path.of("src/test/resources/rules/firewalld/firewall-cmd-offline-shim")
            .toAbsolutePath();

    private final FirewalldBackend fw = new FirewalldBackend();

    @TempDir
    Path tmp;

    @Test
    void namesFitFirewalldAndDiffer() {
        List<String> names = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (RoleVersion c : Catalogs.roles(Catalogs.all())) {
            String n = FirewalldBackend.policyName(c.version(), c.role());
            assertTrue(n.length() <= 18 && n.matches("[a-z0-9-]+"), n);
            String prefix = FirewalldBackend.ipsetPrefix(c.version(), c.role());
            assertTrue(prefix.matches("fwd[0-9a-f]{6}-"), prefix);
            for (GeneratedFile f : Plans.files(fw, c.version(), c.role())) {
                if (f.path().startsWith("firewalld/ipsets/")) {
                    String set = f.path().substring("firewalld/ipsets/".length(), f.path().length() - 4);
                    assertTrue(set.length() <= 32 && set.startsWith(prefix) && set.matches("[a-z0-9-]+-[46]"), set);
                }
            }
            if (c.version().isLatest()) {
                names.add(n);
                prefixes.add(prefix);
            }
        }
        assertEquals(names.stream().distinct().count(), names.size());
        assertEquals(prefixes.stream().distinct().count(), prefixes.size(), "one ipset prefix per product and role");
    }

    @Test
    void neverWiderThanTheCatalog() {
        RoleVersion c = Catalogs.role(Catalogs.seed("storageos"), "1.5", "node");
        Map<String, String> files = files(c);
        String script = files.get("firewalld.sh");
        // storageos: from node only, so nothing goes in the any-address service; ports are rich rules, one each
        assertTrue(files.keySet().stream().noneMatch(k -> k.startsWith("firewalld/services/")), "no service file");
        assertTrue(script.contains("port port=\\\"5706-5707\\\" protocol=\\\"tcp\\\""), script);
        assertTrue(script.contains("port port=\\\"5711\\\" protocol=\\\"udp\\\""), script);
        assertFalse(script.contains("5700") || script.contains("5800") || script.contains("5701-5711"), script);
        assertFalse(script.contains("5705\\\" protocol=\\\"udp"), "no tcp x udp cross product");
        // every rich rule names a family and one of the script's own ipsets, so that it is recognisably the script's
        for (RoleVersion any : Catalogs.roles(Catalogs.all())) {
            String p = FirewalldBackend.ipsetPrefix(any.version(), any.role());
            for (String line : files(any).get("firewalld.sh").split("\n")) {
                if (line.startsWith("\t\tfwdocs_want_rich ") || line.startsWith("\t\tfwdocs_want_out_rich ")) {
                    assertTrue(line.matches("\t\tfwdocs_want_(out_)?rich \"rule family=\\\\\"ipv[46]\\\\\" "
                            + "(source|destination) ipset=\\\\\"\\$fwdocs_set\\\\\" .* accept\""), line);
                } else if (line.startsWith("\tif fwdocs_want_ipset ")) {
                    assertTrue(line.startsWith("\tif fwdocs_want_ipset '" + p), line);
                }
            }
        }
        String prefix = FirewalldBackend.ipsetPrefix(c.version(), c.role());
        assertTrue(prefix.startsWith("fwd"));
    }

    @Test
    void xmlIsEscapedAndWellFormed() throws Exception {
        for (RoleVersion c : Catalogs.roles(Catalogs.all())) {
            for (GeneratedFile f : Plans.files(fw, c.version(), c.role())) {
                if (f.path().endsWith(".xml")) {
                    Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                            .parse(new ByteArrayInputStream(f.content()));
                    String kind = f.path().split("/")[1];
                    assertEquals(kind, Map.of("service", "services", "ipset", "ipsets", "policy", "policies")
                            .get(d.getDocumentElement().getTagName()), f.path());
                    assertEquals(0, d.getElementsByTagName("x").getLength(), c + " " + f.path());
                }
            }
        }
    }

    private Map<String, String> files(RoleVersion c) {
        Map<String, String> m = new TreeMap<>();
        Plans.files(fw, c.version(), c.role()).forEach(f -> m.put(f.path(), f.text()));
        return m;
    }

    /**
     * Every XML file of every product drops into one copy of /etc/firewalld and firewalld's own check accepts it (one
     * check for all products: their file names differ, see {@link #namesFitFirewalldAndDiffer}).
     */
    @Test
    @Tag("firewall")
    void xmlPassesFirewalldCheckConfig() throws Exception {
        Environment.requireFirewallLab("firewall-offline-cmd", "cp");
        Path dir = freshConfig("xml");
        List<String> products = new ArrayList<>();
        int n = 0;
        for (RoleVersion c : Catalogs.roles(Catalogs.all())) {
            if (!c.version().isLatest()) {
                continue;
            }
            for (GeneratedFile f : Plans.files(fw, c.version(), c.role())) {
                if (f.path().endsWith(".xml")) {
                    String name = f.path().substring("firewalld/".length());
                    Path p = dir.resolve(name);
                    assertFalse(Files.exists(p), "two products write " + name);
                    Files.write(p, f.content());
                    n++;
                    if (!products.contains(c.product())) {
                        products.add(c.product());
                    }
                }
            }
        }
        assertTrue(products.containsAll(Catalogs.seeds().stream().map(pc -> pc.product().id()).toList()),
                "every seed has XML: " + products);
        Command.Result r = run(List.of("firewall-offline-cmd", "--system-config", dir.toString(),
                "--check-config"), 120);
        assertEquals(0, r.exit(), n + " files of " + products + ", check-config: " + r.out());
    }

    private Path freshConfig(String name) throws Exception {
        Path dir = tmp.resolve(name);
        Command.Result r = run(List.of("cp", "-a", "/etc/firewalld", dir.toString()), 30);
        assertEquals(0, r.exit(), r.out());
        Files.createDirectories(dir.resolve("policies"));
        Files.createDirectories(dir.resolve("services"));
        Files.createDirectories(dir.resolve("ipsets"));
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
    private Trip offlineScenario(RoleVersion c, List<String> env, List<String> options, boolean compareXml) throws Exception {
        String id = c.dir().replace('/', '_') + "-" + options.size();
        Path dir = freshConfig("cfg-" + id);
        Path out = tmp.resolve("out-" + id);
        GeneratedFiles.write(out, Plans.files(fw, c.version(), c.role()));
        Path shim = tmp.resolve("shim-" + id);
        Files.createDirectories(shim);
        Files.createSymbolicLink(shim.resolve("firewall-cmd"),
                OFFLINE_SHIM);
        List<String> base = new ArrayList<>(List.of("env", "PATH=" + shim + ":" + System.getenv("PATH"),
                "FWDOCS_FIREWALLD_DIR=" + dir));
        base.addAll(env);
        base.addAll(List.of("sh", out.resolve("firewalld.sh").toString()));
        base.addAll(options);
        StringBuilder log = new StringBuilder(c + " " + env + " " + options + "\n");
        Map<String, String> before = config(dir);

        Command.Result dry = run(plus(base, "--dry-run"), 300);
        log.append(dry.out());
        if (dry.exit() != 0 || !config(dir).equals(before)) {
            return fail(log, "dry run failed or changed the configuration\n");
        }
        Command.Result a1 = run(base, 300);
        log.append(a1.out());
        Map<String, String> once = config(dir);
        if (a1.exit() != 0 || once.equals(before) || reloads(dir) != 1) {
            return fail(log, "apply failed, changed nothing, or did not reload once\n");
        }
        Command.Result check = run(List.of("firewall-offline-cmd", "--system-config", dir.toString(),
                "--check-config"), 120);
        if (check.exit() != 0) {
            return fail(log, "check-config after apply: " + check.out());
        }
        if (compareXml) {
            for (GeneratedFile f : Plans.files(fw, c.version(), c.role())) {
                if (f.path().endsWith(".xml")) {
                    String name = f.path().substring("firewalld/".length());
                    if (!f.text().equals(once.get(name))) {
                        return fail(log, "firewalld wrote " + name + " differently:\n" + once.get(name)
                                + "\nexpected:\n" + f.text());
                    }
                }
            }
            for (String k : once.keySet()) {
                // the zone itself gets the service and the rich rules
                if (!before.containsKey(k) && !k.startsWith("zones/") && Plans.files(fw, c.version(), c.role()).stream()
                        .noneMatch(f -> f.path().equals("firewalld/" + k))) {
                    return fail(log, "apply wrote a file with no generated XML counterpart: " + k);
                }
            }
        }
        Command.Result a2 = run(base, 300);
        log.append(a2.out());
        if (a2.exit() != 0 || !config(dir).equals(once) || reloads(dir) != 1) {
            return fail(log, "second apply differs from the first, or reloaded again\n");
        }
        Command.Result u = run(plus(base, "--undo"), 300);
        log.append(u.out());
        if (u.exit() != 0 || !config(dir).equals(before)) {
            return fail(log, "undo did not restore the configuration from before\n");
        }
        return new Trip("OK", once);
    }

    /** Runs a command with its errors merged into its output. */
    private static Command.Result run(List<String> argv, int seconds) {
        return Command.of(argv).timeout(Duration.ofSeconds(seconds)).mergeErrors().run();
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
     * {@link #xmlPassesFirewalldCheckConfig} and the golden files; the combined catalog featurama (many features in
     * one product) and the feature catalog injection (hostile text) are in.
     */
    static final List<String> ROUND_TRIP = List.of("storageos", "konvoy", "featurama", "injection");

    /** Sandboxes at once: firewall-offline-cmd is CPU-bound, and CI machines have about two CPUs. */
    static final int POOL = 2;

    @Test
    @Tag("firewall")
    void scriptsApplyIdempotentlyAndUndoExactlyOnFirewalldConfig() throws Exception {
        Environment.requireFirewallLab("firewall-offline-cmd", "cp");
        Path pwned = Path.of("/tmp/fwdocs-pwned");
        Files.deleteIfExists(pwned);
        List<Callable<Trip>> jobs = new ArrayList<>();
        // the slowest first, so that the pool stays busy to the end
        RoleVersion server = Catalogs.role(Catalogs.combined("featurama"), "2.0", "server");
        // options both ways: addresses and the zone from the environment, the rest on the command line
        jobs.add(() -> offlineScenario(server, List.of("FWDOCS_FROM_AGENT=10.77.0.0/16", "FWDOCS_ZONE=internal"),
                List.of("--from-workstation=fd00:77::/64", "--from-server=10.1.0.0/16,fd00:1::/64", "--port-api=40001"),
                false));
        List<String> covered = new ArrayList<>();
        for (RoleVersion c : Catalogs.roles(Catalogs.all())) {
            if (c.version().isLatest() && ROUND_TRIP.contains(c.product())) {
                jobs.add(() -> offlineScenario(c, List.of(), List.of(), true));
                if (!covered.contains(c.product())) {
                    covered.add(c.product());
                }
            }
        }
        assertEquals(ROUND_TRIP.stream().sorted().toList(), covered.stream().sorted().toList());
        List<Trip> results = Parallel.run(jobs, POOL);
        for (Trip r : results) {
            assertEquals("OK", r.result());
        }
        assertFalse(Files.exists(pwned), "catalog text ran a command");

        // the options shaped the zone: rich rules on the script's ipsets of the given addresses
        String p = FirewalldBackend.ipsetPrefix(server.version(), server.role());
        String zone = results.get(0).applied().get("zones/internal.xml");
        assertTrue(zone != null, results.get(0).applied().keySet().toString());
        assertTrue(zone.contains("<source ipset=\"" + p + "r-agent-4\"/>\n    <port port=\"40001\" protocol=\"tcp\"/>"), zone);
        assertTrue(zone.contains("<source ipset=\"" + p + "r-workstation-6\"/>\n    <port port=\"40001\" protocol=\"tcp\"/>"), zone);
        assertFalse(zone.contains("8443"), zone);
        assertEquals("<entry>10.77.0.0/16</entry>", results.get(0).applied().get("ipsets/" + p + "r-agent-4.xml")
                .lines().filter(l -> l.contains("<entry>")).map(String::strip).reduce("", String::concat));
    }

    @Test
    @Tag("firewall")
    void optionsShapeTheZoneAndTheIpsets() throws Exception {
        Environment.requireFirewallLab("firewall-offline-cmd", "cp");
        RoleVersion c = Catalogs.role(Catalogs.combined("featurama"), "2.0", "server");
        Path dir = freshConfig("opts");
        Path out = tmp.resolve("opts-out");
        GeneratedFiles.write(out, Plans.files(fw, c.version(), c.role()));
        Path shim = tmp.resolve("opts-shim");
        Files.createDirectories(shim);
        Files.createSymbolicLink(shim.resolve("firewall-cmd"), OFFLINE_SHIM);
        Command.Result r = run(List.of("env", "PATH=" + shim + ":" + System.getenv("PATH"),
                "FWDOCS_FIREWALLD_DIR=" + dir, "FWDOCS_FROM_AGENT=10.77.1.2/16,10.77.0.0/24", "FWDOCS_ZONE=internal",
                "sh", out.resolve("firewalld.sh").toString(), "--from-workstation=fd00:77::/64", "--port-api=40001"), 300);
        assertEquals(0, r.exit(), r.out());
        String p = FirewalldBackend.ipsetPrefix(c.version(), c.role());
        String zone = Files.readString(dir.resolve("zones/internal.xml"));
        assertTrue(zone.contains("<service name=\"fwdocs-featurama-server\"/>"), zone);
        assertTrue(zone.contains("<source ipset=\"" + p + "r-agent-4\"/>\n    <port port=\"40001\" protocol=\"tcp\"/>"), zone);
        assertTrue(zone.contains("<source ipset=\"" + p + "r-workstation-6\"/>\n    <port port=\"40001\" protocol=\"tcp\"/>"), zone);
        assertFalse(zone.contains("8443"), zone);
        // the agent gave only IPv4 and the workstation only IPv6: no ipset and no rule for the other family
        assertFalse(zone.contains(p + "r-agent-6") || zone.contains(p + "r-workstation-4"), zone);
        assertFalse(Files.exists(dir.resolve("ipsets/" + p + "r-agent-6.xml")));
        assertTrue(zone.contains("<source ipset=\"" + p + "r-agent-4\"/>\n    <icmp-type name=\"echo-request\"/>"), zone);
        // the entries as firewalld stores them: host bits cleared, the overlapping /24 merged into the /16
        String agent = Files.readString(dir.resolve("ipsets/" + p + "r-agent-4.xml"));
        assertTrue(agent.contains("<entry>10.77.0.0/16</entry>\n</ipset>") && !agent.contains("/24"), agent);
        // the server's sources were not given: its rules use the shared ipset of any address, as two halves
        // (hash:net takes no /0)
        assertTrue(zone.contains("<source ipset=\"" + p + "any-6\"/>\n    <port port=\"7946\" protocol=\"udp\"/>"), zone);
        assertFalse(Files.exists(dir.resolve("ipsets/" + p + "r-server-6.xml")));
        String server = Files.readString(dir.resolve("ipsets/" + p + "any-6.xml"));
        assertTrue(server.contains("<entry>::/1</entry>\n  <entry>8000::/1</entry>"), server);
        assertFalse(Files.readString(dir.resolve("zones/public.xml")).contains("fwdocs"), "default zone untouched");
        // moving to another zone moves everything; the old zone keeps nothing of ours
        Command.Result moved = run(List.of("env", "PATH=" + shim + ":" + System.getenv("PATH"),
                "FWDOCS_FIREWALLD_DIR=" + dir, "sh", out.resolve("firewalld.sh").toString(), "--zone=work"), 300);
        assertEquals(0, moved.exit(), moved.out());
        assertFalse(Files.readString(dir.resolve("zones/internal.xml")).contains("fwd"), "internal keeps nothing");
        // without --from-agent now, the agent's rules use the any ipset, and the agent's own ipset is deleted
        assertTrue(Files.readString(dir.resolve("zones/work.xml")).contains(p + "any-4"));
        assertFalse(Files.exists(dir.resolve("ipsets/" + p + "r-agent-4.xml")), "unused ipset deleted");
    }

    @Test
    void aZoneThatIsNoNameIsAUsageError() throws Exception {
        RoleVersion c = Catalogs.role(Catalogs.combined("featurama"), "2.0", "server");
        Path out = tmp.resolve("bad-out");
        GeneratedFiles.write(out, Plans.files(fw, c.version(), c.role()));
        Command.Result bad = run(List.of("sh", out.resolve("firewalld.sh").toString(), "--zone=a;b"), 20);
        assertEquals(2, bad.exit(), bad.out());
    }
}
