package dev.fwdocs.plugin.rules.firewalld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
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
        assertTrue(script.contains("\tfwdocs_want_rich port 5706-5707 tcp\n"), script);
        assertTrue(script.contains("\tfwdocs_want_rich port 5711 udp\n"), script);
        assertFalse(script.contains("5700") || script.contains("5800") || script.contains("5701-5711"), script);
        assertFalse(script.contains("port 5705 udp"), "no tcp x udp cross product");
        // every rich rule names a family and one of the script's own ipsets (the last one the script asked for), so
        // that it is recognisably the script's; the rule text itself is composed in functions.sh
        assertTrue(script.contains("fwdocs_r=\"rule family=\\\"ipv$fwdocs_set_family\\\" $1 ipset=\\\"$fwdocs_set\\\"\""),
                script);
        for (RoleVersion any : Catalogs.roles(Catalogs.all())) {
            String p = FirewalldBackend.ipsetPrefix(any.version(), any.role());
            boolean ipset = false;
            for (String line : files(any).get("firewalld.sh").split("\n")) {
                if (line.startsWith("\tfwdocs_want_rich ") || line.startsWith("\tfwdocs_want_out_rich ")) {
                    assertTrue(ipset, "a rich rule before any ipset: " + line);
                    assertTrue(line.matches("\tfwdocs_want_(out_)?rich (port (\"\\$PORT_[A-Z0-9_]+\"|[0-9]+(-[0-9]+)?)"
                            + " (tcp|udp|sctp)|icmp [a-z-]+)"), line);
                } else if (line.startsWith("\tfwdocs_want_ipset ")) {
                    assertTrue(line.startsWith("\tfwdocs_want_ipset " + p), line);
                    ipset = true;
                }
            }
        }
        String prefix = FirewalldBackend.ipsetPrefix(c.version(), c.role());
        assertTrue(prefix.startsWith("fwd"));
    }

    /** What a page must open for a role, computed from the catalog alone: service ports and rich rules. */
    private record Opened(Set<String> ports, Set<String> rich) {
    }

    private static Opened expected(RoleVersion c) {
        Set<String> ports = new TreeSet<>();
        Set<String> any = new TreeSet<>();
        Set<String> rich = new TreeSet<>();
        for (ResolvedRule r : c.role().inbound()) {
            boolean toAny = r.sources().stream().anyMatch(p -> !(p instanceof Peer.AddressPeer));
            for (Protocol p : r.rule().portProtocols()) {
                for (PortRange range : r.rule().ports()) {
                    if (toAny) {
                        ports.add(range.format("-") + "/" + p.id());
                    }
                }
            }
            for (IcmpType t : r.rule().icmpTypes()) {
                if (toAny) {
                    any.add(t.protocol().family() + " " + t.firewalldName());
                    rich.add("rule family=\"ipv" + t.protocol().family() + "\" icmp-type name=\"" + t.firewalldName()
                            + "\" accept");
                }
            }
        }
        for (ResolvedRule r : c.role().inbound()) {
            for (Peer peer : r.sources()) {
                if (!(peer instanceof Peer.AddressPeer ap)) {
                    continue;
                }
                for (int family : new int[] {4, 6}) {
                    for (var cidr : ap.address().cidrs(family)) {
                        String src = "rule family=\"ipv" + family + "\" source address=\"" + cidr + "\" ";
                        for (Protocol p : r.rule().portProtocols()) {
                            for (PortRange range : r.rule().ports()) {
                                if (!ports.contains(range.format("-") + "/" + p.id())) {
                                    rich.add(src + "port port=\"" + range.format("-") + "\" protocol=\"" + p.id()
                                            + "\" accept");
                                }
                            }
                        }
                        for (IcmpType t : r.rule().icmpTypes(family == 4 ? Protocol.ICMP : Protocol.ICMPV6)) {
                            if (!any.contains(family + " " + t.firewalldName())) {
                                rich.add(src + "icmp-type name=\"" + t.firewalldName() + "\" accept");
                            }
                        }
                    }
                }
            }
        }
        return new Opened(ports, rich);
    }

    /**
     * The page opens for any source what the catalog allows from any address or from a role (the page cannot know a
     * role's addresses), the networks of named addresses, and the ICMP types, with firewalld's own objects: the
     * owned service in the default zone and plain rich rules, never the script's generated ipsets.
     */
    @Test
    void pageCommandsAreTheOwnedServiceAndPlainRichRules() {
        int seen = 0;
        for (RoleVersion c : Catalogs.roles(Catalogs.all())) {
            if (c.role().inbound().isEmpty()) {
                continue;
            }
            var page = Plans.plan(fw, c.version(), c.role()).page();
            String text = page.commands();
            String service = "fwdocs-" + c.product() + "-" + c.role().role().id();
            String prefix = FirewalldBackend.ipsetPrefix(c.version(), c.role());
            String all = text + String.join("\n", page.notes());
            for (String bad : List.of(prefix, "0.0.0.0/1", "128.0.0.0/1", "::/1", "8000::/1",
                    FirewalldBackend.policyName(c.version(), c.role()), "rules/", "target/")) {
                assertFalse(all.contains(bad), c + ": the page shows " + bad + ":\n" + all);
            }
            assertFalse(text.contains("ipset"), c + ": the commands use an ipset:\n" + text);
            Opened want = expected(c);
            Set<String> ports = new TreeSet<>();
            Set<String> rich = new TreeSet<>();
            List<String> lines = text.lines().toList();
            for (String line : lines) {
                if (line.startsWith("firewall-cmd --permanent --service=" + service + " --add-port=")) {
                    ports.add(line.substring(line.indexOf("--add-port=") + "--add-port=".length()));
                } else if (line.startsWith("firewall-cmd --permanent --add-rich-rule '")) {
                    rich.add(line.substring(line.indexOf('\'') + 1, line.length() - 1));
                } else {
                    assertTrue(line.startsWith("# ") || line.equals("firewall-cmd --reload")
                            || line.startsWith("firewall-cmd --permanent --new-service=" + service)
                            || line.startsWith("firewall-cmd --permanent --service=" + service + " --set-")
                            || line.equals("firewall-cmd --permanent --add-service=" + service), c + ": " + line);
                }
            }
            assertEquals(want.ports(), ports, c + "\n" + text);
            assertEquals(want.rich(), rich, c + "\n" + text);
            if (!ports.isEmpty() || !rich.isEmpty()) {
                assertEquals("firewall-cmd --reload", lines.get(lines.size() - 1), c + "\n" + text);
                assertTrue(page.notes().get(0).startsWith("These commands change the default zone."), c.toString());
            }
            if (c.role().inbound().stream().anyMatch(r -> r.sources().stream().anyMatch(p -> p instanceof Peer.RolePeer))) {
                assertTrue(page.notes().stream().anyMatch(n -> n.contains("run the firewalld.sh script of role " + c.role().role().id() + " with --from-")), c + ": "
                        + page.notes());
            }
            seen++;
        }
        assertTrue(seen > 20, "too few roles: " + seen);
        var server = Plans.plan(fw, Catalogs.role(Catalogs.combined("featurama"), "2.0", "server").version(),
                Catalogs.role(Catalogs.combined("featurama"), "2.0", "server").role()).page();
        assertTrue(server.notes().contains("Port 8443 of API is the default of ApiPort; if you moved it, use your port"
                + " in these commands, or run the firewalld.sh script of role server with --port-api=N."),
                server.notes().toString());
        assertTrue(server.notes().stream().anyMatch(n -> n.startsWith("With --from-ROLE, firewalld.sh puts the rules"
                + " of that role on an ipset")), server.notes().toString());
        assertTrue(server.commands().contains("--add-port=3868/sctp\n"), server.commands());
    }

    /**
     * The page commands run as pasted ({@code sh -e}) on a copy of firewalld's configuration, pass firewalld's own
     * check, and leave exactly the expected ports in the service of the default zone and the expected rich rules.
     */
    @Test
    @Tag("firewall")
    void pageCommandsRunOnFirewalldConfig() throws Exception {
        Environment.requireFirewallLab("firewall-offline-cmd", "cp");
        List<Callable<String>> jobs = new ArrayList<>();
        for (RoleVersion c : Catalogs.roles(Catalogs.all())) {
            if (c.version().isLatest() && ROUND_TRIP.contains(c.product()) && !c.role().inbound().isEmpty()) {
                jobs.add(() -> pageRun(c));
            }
        }
        assertTrue(jobs.size() >= 6, "roles: " + jobs.size());
        for (String r : Parallel.run(jobs, POOL)) {
            assertEquals("OK", r);
        }
    }

    private String pageRun(RoleVersion c) throws Exception {
        String id = "page-" + c.dir().replace('/', '_');
        Path dir = freshConfig(id);
        Path shim = tmp.resolve("shim-" + id);
        Files.createDirectories(shim);
        Files.createSymbolicLink(shim.resolve("firewall-cmd"), OFFLINE_SHIM);
        Path block = tmp.resolve(id + ".sh");
        Files.writeString(block, Plans.commands(fw, c.version(), c.role()));
        List<String> env = List.of("env", "PATH=" + shim + ":" + System.getenv("PATH"), "FWDOCS_FIREWALLD_DIR=" + dir);
        Command.Result result = run(plusAll(env, List.of("sh", "-e", block.toString())), 300);
        if (result.exit() != 0) {
            return c + ": the page commands fail as pasted: " + result.out();
        }
        Command.Result check = run(List.of("firewall-offline-cmd", "--system-config", dir.toString(),
                "--check-config"), 120);
        if (check.exit() != 0) {
            return c + ": check-config: " + check.out();
        }
        Opened want = expected(c);
        String service = "fwdocs-" + c.product() + "-" + c.role().role().id();
        Set<String> ports = new TreeSet<>();
        if (!want.ports().isEmpty()) {
            Command.Result got = run(List.of("firewall-offline-cmd", "--system-config", dir.toString(),
                    "--service=" + service, "--get-ports"), 60);
            ports.addAll(List.of(got.out().strip().split("\\s+")));
            Command.Result zone = run(List.of("firewall-offline-cmd", "--system-config", dir.toString(),
                    "--list-services"), 60);
            if (!List.of(zone.out().strip().split("\\s+")).contains(service)) {
                return c + ": the default zone does not list " + service + ": " + zone.out();
            }
        }
        Command.Result rules = run(List.of("firewall-offline-cmd", "--system-config", dir.toString(),
                "--list-rich-rules"), 60);
        Set<String> rich = new TreeSet<>(rules.out().lines().filter(l -> !l.isBlank()).toList());
        if (!ports.equals(want.ports()) || !rich.equals(want.rich())) {
            return c + ": after the page, ports " + ports + " and rich rules " + rich + "; expected " + want;
        }
        return "OK";
    }

    /**
     * What the page's note says about running the script later: it takes over the page's service (narrowing a role
     * moves that role's ports out of it, undo deletes it) and leaves the page's rich rules alone.
     */
    @Test
    @Tag("firewall")
    void theScriptTakesOverThePagesService() throws Exception {
        Environment.requireFirewallLab("firewall-offline-cmd", "cp");
        RoleVersion c = Catalogs.role(Catalogs.combined("featurama"), "2.0", "server");
        Path dir = freshConfig("takeover");
        Path out = tmp.resolve("takeover-out");
        GeneratedFiles.write(out, Plans.files(fw, c.version(), c.role()));
        Path shim = tmp.resolve("takeover-shim");
        Files.createDirectories(shim);
        Files.createSymbolicLink(shim.resolve("firewall-cmd"), OFFLINE_SHIM);
        Path block = tmp.resolve("takeover-page.sh");
        Files.writeString(block, Plans.commands(fw, c.version(), c.role()));
        List<String> env = List.of("env", "PATH=" + shim + ":" + System.getenv("PATH"), "FWDOCS_FIREWALLD_DIR=" + dir);
        Command.Result page = run(plusAll(env, List.of("sh", "-e", block.toString())), 300);
        assertEquals(0, page.exit(), page.out());
        String script = out.resolve("firewalld.sh").toString();
        Command.Result narrow = run(plusAll(env, List.of("sh", script, "--from-agent=10.77.0.0/16",
                "--from-workstation=10.78.0.0/16", "--from-server=10.79.0.0/16")), 300);
        assertEquals(0, narrow.exit(), narrow.out());
        String service = Files.readString(dir.resolve("services/fwdocs-featurama-server.xml"));
        // only the ports from any address are left in the service; the roles' ports went to their ipsets
        assertEquals(List.of("80/tcp", "443/tcp"), service.lines().filter(l -> l.contains("<port "))
                .map(l -> l.replaceAll(".*port=\"([^\"]*)\" protocol=\"([^\"]*)\".*", "$1/$2")).toList(), service);
        Command.Result undo = run(plusAll(env, List.of("sh", script, "--undo")), 300);
        assertEquals(0, undo.exit(), undo.out());
        assertFalse(Files.exists(dir.resolve("services/fwdocs-featurama-server.xml")), "undo deletes the service");
        String zone = Files.readString(dir.resolve("zones/public.xml"));
        assertFalse(zone.contains("fwdocs-featurama-server"), zone);
        assertTrue(zone.contains("<source address=\"198.51.100.0/28\"/>"), "the page's rich rules stay: " + zone);
        assertTrue(Plans.plan(fw, c.version(), c.role()).page().notes().stream()
                .anyMatch(n -> n.contains("takes over the service fwdocs-featurama-server but leaves these rich rules alone")));
    }

    private static List<String> plusAll(List<String> a, List<String> b) {
        List<String> o = new ArrayList<>(a);
        o.addAll(b);
        return o;
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
    // the one marker file the injection catalog's payloads would create, shared with two other tests
    @ResourceLock("/tmp/fwdocs-pwned")
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
