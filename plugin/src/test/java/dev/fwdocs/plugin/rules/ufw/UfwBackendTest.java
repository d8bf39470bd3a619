package dev.fwdocs.plugin.rules.ufw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.Plans;
import dev.fwdocs.plugin.testing.Catalogs.RoleVersion;
import dev.fwdocs.plugin.testing.Catalogs;
import dev.fwdocs.plugin.testing.Command;
import dev.fwdocs.plugin.testing.Environment;
import dev.fwdocs.plugin.testing.GeneratedFiles;
import dev.fwdocs.plugin.testing.Parallel;
import dev.fwdocs.plugin.testing.ScriptResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The ufw script: what it reports and notes for what ufw cannot express, its options, and (in the firewall lab) real
 * ufw in a private mount and network namespace: apply twice, dry run, undo, and a re-run with other options.
 */
class UfwBackendTest {

    /** The sandbox scripts that run ufw on private copies of its configuration. */
    private static final Path SANDBOX = Path.of("src/test/resources/rules/ufw").toAbsolutePath();

    private final UfwBackend ufw = new UfwBackend();

    @TempDir
    Path tmp;

    @Test
    void reportsSctpAndIcmpTypesUfwCannotOpen() {
        var pc = Catalogs.combined("featurama");
        List<Diagnostic> d10 = Plans.unsupported(ufw, Resolver.resolve(pc, "1.0"));
        List<Diagnostic> d20 = Plans.unsupported(ufw, Resolver.resolve(pc, "2.0"));
        assertEquals(1, d10.size(), d10.toString());
        assertTrue(d10.get(0).message().contains("rule timestamps") && d10.get(0).location().line() > 0, d10.toString());
        assertEquals(1, d20.size(), d20.toString());
        assertTrue(d20.get(0).message().contains("rule sctp-signal: ufw cannot express SCTP"), d20.toString());
        // echo-request and packet-too-big are in ufw's before*.rules: not unsupported
        assertFalse((d10 + "" + d20).contains("ping"));
    }

    @Test
    void icmpAndSctpAreNeverDroppedSilently() {
        String s = script(Catalogs.combined("featurama"), "1.0", "server");
        assertTrue(s.contains("fwdocs_note 'rule timestamps: NOT opened: ICMP timestamp-request"), s);
        assertTrue(s.contains("fwdocs_note 'rule ping: ICMP echo-request is accepted by the default ufw"
                + " /etc/ufw/before.rules from any address"), s);
        assertTrue(s.contains("fwdocs_note 'rule ping6: ICMPv6 packet-too-big is accepted"), s);
        assertTrue(script(Catalogs.combined("featurama"), "2.0", "server").contains("rule sctp-signal: NOT opened"));
    }

    @Test
    void anAddressWithoutIpv6GetsNoIpv6Rule() {
        String s = script(Catalogs.combined("featurama"), "2.0", "agent");
        assertTrue(s.contains("\tfwdocs_ufw_rule 4 pull out tcp 443 203.0.113.7/32\n"), s);
        assertFalse(s.contains("fwdocs_ufw_rule 6 pull"), s);
        // the host-name-only address makes no rule at all, and the script says so
        assertTrue(s.contains("host names of cloud-api are not resolved"), s);
    }

    @Test
    void everyUfwCommandCarriesTheTagAndOnlyIds() {
        String s = script(Catalogs.feature("injection"), "1.0", "node");
        assertTrue(s.contains("FWDOCS_TAG='fwdocs injection node'\n"), s);
        assertFalse(s.contains("$(touch"), s);
        assertFalse(s.contains("`touch"), s);
    }

    private String script(ProductCatalog catalog, String version, String role) {
        RoleVersion c = Catalogs.role(catalog, version, role);
        List<GeneratedFile> files = Plans.files(ufw, c.version(), c.role());
        assertEquals(List.of("ufw.sh"), files.stream().map(GeneratedFile::path).toList());
        assertTrue(files.get(0).executable());
        return files.get(0).text();
    }

    /** A scenario run inside the sandbox: the output, and whether it ended with SCENARIO OK. */
    private Command.Result scenario(RoleVersion c, String adminRule, List<String> options) {
        Path dir = tmp.resolve("sandbox").resolve(c.dir());
        GeneratedFiles.write(dir, Plans.files(ufw, c.version(), c.role()));
        List<String> cmd = new ArrayList<>(List.of(SANDBOX.resolve("ufw-sandbox.sh").toString(),
                SANDBOX.resolve("ufw-scenario.sh").toString(), dir.resolve("ufw.sh").toString()));
        cmd.addAll(options);
        return Command.of(cmd).env("ADMIN_RULE", adminRule).timeout(Duration.ofSeconds(400)).mergeErrors().run();
    }

    @Test
    @Tag("firewall")
    // the one marker file the injection catalog's payloads would create, shared with two other tests
    @ResourceLock("/tmp/fwdocs-pwned")
    void realUfwApplyTwiceUndoDryRun() throws Exception {
        Environment.requireFirewallLab("ufw", "unshare", "iptables", "ip6tables");
        Path pwned = Path.of("/tmp/fwdocs-pwned");
        Files.deleteIfExists(pwned);
        var featurama = Catalogs.combined("featurama");
        List<Callable<Command.Result>> jobs = new ArrayList<>();
        // an admin rule equal to one the script would add: kept by undo
        jobs.add(() -> scenario(Catalogs.role(Catalogs.seed("storageos"), "1.5", "node"), "allow 5705/tcp", List.of()));
        jobs.add(() -> scenario(Catalogs.role(featurama, "2.0", "server"), "allow 80/tcp",
                List.of("--from-agent=10.77.0.0/16", "--from-workstation=fd00:77::/64",
                        "--from-server=10.1.0.0/16,fd00:1::/64", "--port-api=40001")));
        jobs.add(() -> scenario(Catalogs.role(featurama, "1.0", "agent"), "", List.of()));
        jobs.add(() -> scenario(Catalogs.role(Catalogs.feature("injection"), "1.0", "node"), "",
                List.of("--port-grpc=5799")));
        for (RoleVersion c : Catalogs.latestRoles(List.of(Catalogs.seed("konvoy")))) {
            jobs.add(() -> scenario(c, "", List.of()));
        }
        List<Command.Result> runs = Parallel.run(jobs, 6);
        for (Command.Result r : runs) {
            assertTrue(r.out().contains("SCENARIO OK"), r.out());
        }
        assertFalse(Files.exists(pwned), "catalog text ran a command");

        String storageos = runs.get(0).out();
        assertTrue(storageos.contains("ufw already has this rule without this script's comment; left as it is"),
                storageos);
        String features = afterApply(runs.get(1).out());
        assertTrue(features.matches("(?s).*40001/tcp +ALLOW IN +10\\.77\\.0\\.0/16 +# fwdocs featurama server api.*"),
                features);
        assertTrue(features.matches("(?s).*40001/tcp +ALLOW IN +fd00:77::/64 +# fwdocs featurama server api.*"),
                features);
        assertFalse(features.matches("(?s).*40001/tcp[^\\n]*Anywhere.*"), "api must not be open to any: " + features);
        assertFalse(features.contains("8443"), features);
        assertTrue(features.matches("(?s).*7946/udp +ALLOW IN +fd00:1::/64 +# fwdocs featurama server gossip.*"),
                features);
        assertTrue(features.matches("(?s).*443/tcp +ALLOW IN +Anywhere +# fwdocs featurama server web.*"), features);
        assertTrue(features.matches("(?s).*9100/tcp +ALLOW IN +198\\.51\\.100\\.0/28 +# fwdocs featurama server metrics.*"),
                features);
        // the admin's own 80/tcp stays the admin's (no fwdocs comment put on it)
        assertTrue(features.matches("(?s).*\\] 80/tcp +ALLOW IN +Anywhere *\\n.*"), features);
    }

    /**
     * The ufw script's queue (FWDOCS_UFW_PY in its functions.sh: rules added, updated and deleted in one Python run of
     * ufw's own code). The runner runs its items in order and stops at the first call that fails, with the exit code
     * ufw gives for that call alone; the calls after it neither run nor are printed. A ufw that is not Python runs
     * nothing and asks for the call-by-call way (exit 255). A whole script (rules added, replaced, shared with another
     * fwdocs script and undone) prints the same lines and leaves ufw the same through the runner as call by call.
     */
    @Test
    @Tag("firewall")
    void realUfwQueuedCallsDoWhatCallByCallDoes() throws Exception {
        Environment.requireFirewallLab("ufw", "unshare", "iptables", "ip6tables", "python3");
        Path runner = tmp.resolve("ufw-runner.py");
        Files.writeString(runner, ScriptResources.quoted("/dev/fwdocs/plugin/rules/ufw/functions.sh", "FWDOCS_UFW_PY"));
        RoleVersion c = Catalogs.role(Catalogs.combined("featurama"), "2.0", "server");
        Path dir = tmp.resolve("queue").resolve(c.dir());
        GeneratedFiles.write(dir, Plans.files(ufw, c.version(), c.role()));
        String script = dir.resolve("ufw.sh").toString();
        List<Callable<Command.Result>> jobs = List.of(
                () -> queue("runner", runner.toString()),
                () -> queue("script", script, "queued"),
                () -> queue("script", script, "call-by-call"));
        List<Command.Result> runs = Parallel.run(jobs, 3);

        String out = runs.get(0).out();
        String fails = section(out, "### fails", "### alone");
        String alone = section(out, "### alone", "### succeeds");
        assertTrue(alone.contains("=== exit 1\n"), "ufw's exit code for the bad call alone: " + out);
        assertTrue(fails.startsWith("### fails\n=== exit 1\none\n+ ufw allow 7001/tcp\nRule added\nRule added (v6)\ntwo\n"
                + "+ ufw allow 7002/bogus\n=== stderr\nERROR: Bad port\n=== rules\n"), out);
        assertTrue(fails.contains("7001/tcp "), "the call before the failed one ran: " + out);
        assertFalse(fails.contains("7003"), "the call after the failed one did not: " + out);
        String succeeds = section(out, "### succeeds", "### not python");
        assertTrue(succeeds.startsWith("### succeeds\n=== exit 0\n+ ufw allow 7003/tcp\nRule added\nRule added (v6)\nthree\n"
                + "+ ufw --force delete 2\nRule deleted\n=== stderr\n=== rules\n"), out);
        assertFalse(succeeds.matches("(?s).*\\] 7001/tcp  .*"), "rule 2 (7001/tcp over IPv4) deleted: " + out);
        String notPython = out.substring(out.indexOf("### not python"));
        assertTrue(notPython.startsWith("### not python\n=== exit 255\n=== stderr\n=== rules\n"), out);
        assertFalse(notPython.contains("7004"), "nothing ran: " + out);

        String queued = runs.get(1).out();
        String byCall = runs.get(2).out();
        int calls = byCall.indexOf("### wrapper calls\n");
        assertTrue(calls > 0, byCall);
        assertEquals(byCall.substring(0, calls), queued, "the same lines and rules through the runner as call by call");
        assertEquals(3, queued.split("=== exit 0\n", -1).length - 1, queued);
        for (String said : List.of("Rule added", "Rule updated", "Rule deleted", "also wanted by another fwdocs script",
                "only this script's name leaves its comment")) {
            assertTrue(queued.contains(said), said + ": " + queued);
        }
        // call by call really was: every change the transcripts show went through the wrapper, one process each
        List<String> changes = byCall.substring(calls).lines().skip(1)
                .filter(l -> !l.equals("status numbered") && !l.startsWith("--dry-run ")).toList();
        long shown = queued.lines().filter(l -> l.startsWith("+ ufw ")).count();
        assertEquals(shown, changes.size(), byCall);
        assertTrue(shown > 10, queued);
    }

    private static Command.Result queue(String... args) {
        List<String> argv = new ArrayList<>(List.of(SANDBOX.resolve("ufw-sandbox.sh").toString(),
                SANDBOX.resolve("ufw-queue.sh").toString()));
        argv.addAll(List.of(args));
        return run(argv, 300);
    }

    /**
     * The security property of a re-run: narrowing a role's sources and moving a port removes the old, wider rules
     * (a re-run must not just add), keeps the rules that are already right untouched, and never touches the admin's
     * rules, including ones equal to what the script wants.
     */
    @Test
    @Tag("firewall")
    void realUfwReRunWithOtherSourcesAndPortReplacesTheOldRules() throws Exception {
        Environment.requireFirewallLab("ufw", "unshare", "iptables", "ip6tables");
        RoleVersion c = Catalogs.role(Catalogs.combined("featurama"), "2.0", "server");
        Path dir = tmp.resolve("converge").resolve(c.dir());
        GeneratedFiles.write(dir, Plans.files(ufw, c.version(), c.role()));
        String a = "--from-agent=10.77.0.0/16 --from-workstation=fd00:77::/64 --from-server=10.1.0.0/16,fd00:1::/64"
                + " --port-api=40001";
        String b = "--from-agent=10.78.0.0/24 --from-workstation=fd00:77::/64 --from-server=10.1.0.0/16"
                + " --port-api=40002";
        // the admin's: one equal to a rule only A wants (media from A's agents), one equal to a rule both want
        String admin = "allow proto udp from 10.77.0.0/16 to any port 10000:10099\n"
                + "allow proto tcp from 10.1.0.0/16 to any port 7946";
        Command.Result r = Command.of(SANDBOX.resolve("ufw-sandbox.sh").toString(),
                SANDBOX.resolve("ufw-converge.sh").toString(), dir.resolve("ufw.sh").toString(), a, b)
                .env("ADMIN_RULES", admin).timeout(Duration.ofSeconds(400)).mergeErrors().run();
        String out = r.out();
        assertTrue(out.contains("CONVERGE OK"), out);
        String afterA = section(out, "=== after A", "=== after B");
        String afterB = section(out, "=== after B", "=== dry run of B output");
        String dryB = section(out, "=== dry run of B output", "=== apply B output");
        String applyB = section(out, "=== apply B output", "=== undo output");
        assertTrue(afterA.matches("(?s).*40001/tcp +ALLOW IN +10\\.77\\.0\\.0/16 +# fwdocs featurama server api .*"), afterA);
        assertTrue(afterA.contains("fd00:1::/64"), afterA);

        // only B's rules are left: A's agents, A's port and the server's IPv6 network are gone
        assertFalse(afterB.contains("40001"), afterB);
        assertFalse(afterB.contains("fd00:1::/64"), afterB);
        for (String line : afterB.split("\n")) {
            assertFalse(line.contains("10.77.0.0/16") && line.contains("# fwdocs"), "A's source left: " + line);
        }
        assertTrue(afterB.matches("(?s).*40002/tcp +ALLOW IN +10\\.78\\.0\\.0/24 +# fwdocs featurama server api in"
                + " tcp/40002 10\\.78\\.0\\.0/24\\n.*"), afterB);
        assertTrue(afterB.matches("(?s).*40002/tcp +ALLOW IN +fd00:77::/64 +# fwdocs featurama server api .*"), afterB);
        assertTrue(afterB.matches("(?s).*10000:10099/udp +ALLOW IN +10\\.78\\.0\\.0/24 +# fwdocs .*"), afterB);
        // the admin's rules stay, without a fwdocs comment
        assertTrue(afterB.matches("(?s).*\\] 10000:10099/udp +ALLOW IN +10\\.77\\.0\\.0/16 *\\n.*"), afterB);
        assertTrue(afterB.matches("(?s).*\\] 7946/tcp +ALLOW IN +10\\.1\\.0\\.0/16 *\\n.*"), afterB);

        // the dry run says what goes and what comes; the real run leaves the rules that were right alone
        assertTrue(dryB.contains("not wanted any more: rule ") && dryB.contains("+ ufw --force delete "), dryB);
        assertTrue(dryB.contains("+ ufw allow in proto tcp from 10.78.0.0/24 to any port 40002 comment"), dryB);
        assertTrue(applyB.contains("+ ufw --force delete "), applyB);
        assertFalse(applyB.matches("(?s).*\\+ ufw [^\\n]*port (80|443|9100) .*"), "right rules must stay untouched: " + applyB);
        assertTrue(applyB.contains("already there: ufw allow in proto tcp from 0.0.0.0/0 to any port 443"), applyB);
    }

    private static String section(String out, String from, String to) {
        int a = out.indexOf(from);
        int b = out.indexOf(to, a);
        assertTrue(a >= 0 && b > a, "no section " + from + " in:\n" + out);
        return out.substring(a, b);
    }

    private static String afterApply(String out) {
        int a = out.indexOf("=== after apply");
        int b = out.indexOf("=== apply output");
        return out.substring(a, b);
    }

    /** The short forms a page must show for a role, from the catalog alone: {@code PORT/PROTO} or {@code PORT/PROTO CIDR}. */
    private static Set<String> expected(RoleVersion c) {
        Set<String> any = new TreeSet<>();
        Set<String> out = new TreeSet<>();
        for (ResolvedRule r : c.role().inbound()) {
            boolean toAny = r.sources().stream().anyMatch(p -> !(p instanceof Peer.AddressPeer));
            for (Protocol p : r.rule().portProtocols()) {
                for (PortRange range : r.rule().ports()) {
                    if (toAny && p != Protocol.SCTP) {
                        any.add(range.format(":") + "/" + p.id());
                    }
                }
            }
        }
        out.addAll(any);
        for (ResolvedRule r : c.role().inbound()) {
            for (Peer peer : r.sources()) {
                if (peer instanceof Peer.AddressPeer ap) {
                    for (Protocol p : r.rule().portProtocols()) {
                        for (PortRange range : r.rule().ports()) {
                            String port = range.format(":") + "/" + p.id();
                            if (p != Protocol.SCTP && !any.contains(port)) {
                                ap.address().cidrs().forEach(cidr -> out.add(port + " " + cidr));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * The page shows ufw's short form for what the catalog allows from any address or a role (the page cannot know a
     * role's addresses), {@code from CIDR} for named addresses, each with the rule's name as comment, and a comment line
     * for every SCTP port and ICMP type, which ufw commands cannot open.
     */
    @Test
    void pageCommandsAreUfwShortFormsWithComments() {
        int seen = 0;
        for (RoleVersion c : Catalogs.roles(Catalogs.all())) {
            if (c.role().inbound().isEmpty()) {
                continue;
            }
            var page = Plans.plan(ufw, c.version(), c.role()).page();
            Set<String> got = new TreeSet<>();
            int comments = 0;
            for (String line : page.commands().lines().toList()) {
                java.util.regex.Matcher shortForm = java.util.regex.Pattern
                        .compile("ufw allow ([0-9]+(:[0-9]+)?/(tcp|udp)) comment .+").matcher(line);
                java.util.regex.Matcher from = java.util.regex.Pattern
                        .compile("ufw allow proto (tcp|udp) from (\\S+) to any port ([0-9]+(:[0-9]+)?) comment .+")
                        .matcher(line);
                if (shortForm.matches()) {
                    got.add(shortForm.group(1));
                } else if (from.matches()) {
                    got.add(from.group(3) + "/" + from.group(1) + " " + from.group(2));
                } else {
                    assertTrue(line.startsWith("# "), c + ": " + line);
                    comments++;
                }
            }
            assertEquals(expected(c), got, c + "\n" + page.commands());
            long cannot = c.role().inbound().stream().mapToLong(r -> r.rule().icmpTypes().size()
                    + (r.rule().portProtocols().contains(Protocol.SCTP) ? 1 : 0)).sum();
            assertTrue(comments >= cannot, c + ": " + cannot + " things ufw cannot open, " + comments
                    + " comments\n" + page.commands());
            if (c.role().inbound().stream().anyMatch(r -> r.sources().stream().anyMatch(p -> p instanceof Peer.RolePeer))) {
                assertTrue(page.notes().stream().anyMatch(n -> n.contains("run the ufw.sh script of role " + c.role().role().id() + " with --from-")), c + ": " + page.notes());
            }
            assertFalse((page.commands() + page.notes()).contains("rules/"), c.toString());
            seen++;
        }
        assertTrue(seen > 20, "too few roles: " + seen);
        String server = Plans.commands(ufw, Catalogs.role(Catalogs.combined("featurama"), "2.0", "server").version(),
                Catalogs.role(Catalogs.combined("featurama"), "2.0", "server").role());
        assertTrue(server.contains("ufw allow 10000:10099/udp comment 'fwdocs featurama server Media range'\n"), server);
        assertTrue(server.contains("# SCTP signalling: ufw cannot open SCTP 3868"), server);
        assertTrue(server.contains("# Ping: ICMP echo-request is accepted by the default rules of ufw"), server);
    }

    /** The page commands run as pasted ({@code sh -e}) on an active ufw and open their ports for IPv4 and IPv6. */
    @Test
    @Tag("firewall")
    void realUfwRunsThePageCommands() throws Exception {
        Environment.requireFirewallLab("ufw", "unshare", "iptables", "ip6tables");
        List<RoleVersion> cases = List.of(Catalogs.role(Catalogs.seed("storageos"), "1.5", "node"),
                Catalogs.role(Catalogs.combined("featurama"), "2.0", "server"), Catalogs.role(Catalogs.seed("konvoy"), "1.5", "control-plane"));
        List<Callable<Command.Result>> jobs = new ArrayList<>();
        for (RoleVersion c : cases) {
            Path block = tmp.resolve(c.dir().replace('/', '_') + "-page.sh");
            Files.writeString(block, Plans.commands(ufw, c.version(), c.role()));
            jobs.add(() -> run(List.of(SANDBOX.resolve("ufw-sandbox.sh").toString(),
                    SANDBOX.resolve("ufw-page.sh").toString(), block.toString()), 300));
        }
        List<Command.Result> runs = Parallel.run(jobs, 2);
        for (int i = 0; i < cases.size(); i++) {
            String out = runs.get(i).out();
            assertTrue(out.contains("PAGE OK"), out);
            String status = out.substring(out.indexOf("=== status"));
            for (String want : expected(cases.get(i))) {
                String[] w = want.split(" ");
                String from = w.length == 1 ? "Anywhere" : java.util.regex.Pattern.quote(w[1]);
                assertTrue(status.matches("(?s).*\\n" + java.util.regex.Pattern.quote(w[0]) + " +ALLOW +" + from
                        + " .*"), want + " in:\n" + status);
                if (w.length == 1) {
                    assertTrue(status.matches("(?s).*\\n" + java.util.regex.Pattern.quote(w[0]) + " \\(v6\\) +ALLOW"
                            + " +Anywhere \\(v6\\) .*"), want + " (v6) in:\n" + status);
                }
            }
        }
        assertTrue(runs.get(0).out().contains("5706:5707/tcp"), runs.get(0).out());
    }

    /**
     * The pasted rules carry the script's tag, so the script takes them for its own: run with {@code --from-node} it
     * replaces the rules open to any address with rules for the given network, and {@code --undo} leaves nothing.
     */
    @Test
    @Tag("firewall")
    void realUfwScriptNarrowsAndUndoesThePastedPage() throws Exception {
        Environment.requireFirewallLab("ufw", "unshare", "iptables", "ip6tables");
        RoleVersion c = Catalogs.role(Catalogs.seed("storageos"), "1.5", "node");
        Path dir = tmp.resolve("narrow").resolve(c.dir());
        GeneratedFiles.write(dir, Plans.files(ufw, c.version(), c.role()));
        Path block = tmp.resolve("narrow-page.sh");
        Files.writeString(block, Plans.commands(ufw, c.version(), c.role()));
        Command.Result r = run(List.of(SANDBOX.resolve("ufw-sandbox.sh").toString(),
                SANDBOX.resolve("ufw-page.sh").toString(), block.toString(),
                dir.resolve("ufw.sh").toString(), "--from-node=10.9.0.0/16"), 300);
        String out = r.out();
        assertTrue(out.contains("PAGE OK"), out);
        String page = section(out, "=== status", "=== after script");
        String narrowed = section(out, "=== after script", "=== after undo");
        String undone = out.substring(out.indexOf("=== after undo"));
        assertTrue(page.matches("(?s).*\\n5701/tcp +ALLOW +Anywhere +# fwdocs storageos node gRPC\\n.*"), page);
        assertTrue(narrowed.matches("(?s).*\\n5701/tcp +ALLOW +10\\.9\\.0\\.0/16 +# fwdocs storageos node grpc .*"),
                narrowed);
        assertFalse(narrowed.matches("(?s).*ALLOW +Anywhere.*"), "the pasted rules open to any address must go: "
                + narrowed);
        assertFalse(undone.contains("ALLOW"), undone);
    }

    /** Runs a command with its errors merged into its output. */
    private static Command.Result run(List<String> argv, int seconds) {
        return Command.of(argv).timeout(Duration.ofSeconds(seconds)).mergeErrors().run();
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnyChange() throws Exception {
        RoleVersion c = Catalogs.role(Catalogs.combined("featurama"), "2.0", "server");
        Path dir = tmp.resolve("bad");
        GeneratedFiles.write(dir, Plans.files(ufw, c.version(), c.role()));
        String sh = dir.resolve("ufw.sh").toString();
        assertEquals(2, Command.of("sh", sh, "--from-agent=10.0.0.300/8").run().exit());
        assertEquals(2, Command.of("sh", sh, "--port-api=65536").run().exit());
        assertEquals(2, Command.of("sh", sh, "--nonsense").run().exit());
        Command.Result help = Command.of("sh", sh, "--help").mergeErrors().run();
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--from-agent=CIDR"), help.out());
    }
}
