package dev.fwdocs.plugin.rules.ufw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.RulesBFixtures;
import dev.fwdocs.plugin.rules.RulesBFixtures.Case;
import dev.fwdocs.plugin.rules.RulesBFixtures.Run;
import dev.fwdocs.plugin.rules.RulesBGolden;
import dev.fwdocs.plugin.rules.RulesBSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UfwBackendTest {

    private final UfwBackend ufw = new UfwBackend();

    @TempDir
    Path tmp;

    @Test
    void goldenFiles() throws Exception {
        RulesBGolden.check(ufw);
    }

    @Test
    void everyScriptOfEverySeedIsShellcheckClean() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("shellcheck", "-S", "style", "-f", "gcc"));
        for (Case c : RulesBFixtures.cases()) {
            RulesBFixtures.write(tmp.resolve(c.dir()), ufw.render(c.version(), c.role()));
            cmd.add(tmp.resolve(c.dir()).resolve("ufw.sh").toString());
        }
        assertTrue(cmd.size() > 20, "expected scripts of every seed");
        Run r = RulesBFixtures.run(cmd, 300);
        assertEquals("", r.out(), "shellcheck findings");
        assertEquals(0, r.code());
    }

    @Test
    void reportsSctpAndIcmpTypesUfwCannotOpen() {
        var pc = RulesBFixtures.load(RulesBFixtures.OWN.resolve("features.yaml"));
        List<Diagnostic> d10 = ufw.unsupported(Resolver.resolve(pc, "1.0"));
        List<Diagnostic> d20 = ufw.unsupported(Resolver.resolve(pc, "2.0"));
        assertEquals(1, d10.size(), d10.toString());
        assertTrue(d10.get(0).message().contains("rule timestamps") && d10.get(0).location().line() > 0, d10.toString());
        assertEquals(1, d20.size(), d20.toString());
        assertTrue(d20.get(0).message().contains("rule sctp-signal: ufw cannot express SCTP"), d20.toString());
        // echo-request and packet-too-big are in ufw's before*.rules: not unsupported
        assertFalse((d10 + "" + d20).contains("ping"));
    }

    @Test
    void icmpAndSctpAreNeverDroppedSilently() {
        String s = script("featurama", "1.0", "server");
        assertTrue(s.contains("fwdocs_note 'rule timestamps: NOT opened: ICMP timestamp-request"), s);
        assertTrue(s.contains("fwdocs_note 'rule ping: ICMP echo-request is accepted by the default ufw"
                + " /etc/ufw/before.rules from any address"), s);
        assertTrue(s.contains("fwdocs_note 'rule ping6: ICMPv6 packet-too-big is accepted"), s);
        assertTrue(script("featurama", "2.0", "server").contains("rule sctp-signal: NOT opened"));
    }

    @Test
    void anAddressWithoutIpv6GetsNoIpv6Rule() {
        String s = script("featurama", "2.0", "agent");
        assertTrue(s.contains("\tfwdocs_ufw_rule 4 pull out tcp 443 203.0.113.7/32\n"), s);
        assertFalse(s.contains("fwdocs_ufw_rule 6 pull"), s);
        // the host-name-only address makes no rule at all, and the script says so
        assertTrue(s.contains("host names of cloud-api are not resolved"), s);
    }

    @Test
    void everyUfwCommandCarriesTheTagAndOnlyIds() {
        String s = script("evil", "1.0", "node");
        assertTrue(s.contains("FWDOCS_TAG='fwdocs evil node'\n"), s);
        assertFalse(s.contains("$(touch"), s);
        assertFalse(s.contains("`touch"), s);
    }

    private String script(String product, String version, String role) {
        Case c = RulesBFixtures.find(product, version, role);
        List<GeneratedFile> files = ufw.render(c.version(), c.role());
        assertEquals(List.of("ufw.sh"), files.stream().map(GeneratedFile::path).toList());
        assertTrue(files.get(0).executable());
        return files.get(0).text();
    }

    /** A scenario run inside the sandbox: the output, and whether it ended with SCENARIO OK. */
    private Run scenario(Case c, String adminRule, List<String> options) throws Exception {
        Path dir = tmp.resolve("sandbox").resolve(c.dir());
        RulesBFixtures.write(dir, ufw.render(c.version(), c.role()));
        List<String> cmd = new ArrayList<>(List.of("env", "ADMIN_RULE=" + adminRule,
                RulesBSandbox.RESOURCES.resolve("ufw-sandbox.sh").toString(),
                RulesBSandbox.RESOURCES.resolve("ufw-scenario.sh").toString(), dir.resolve("ufw.sh").toString()));
        cmd.addAll(options);
        return RulesBFixtures.run(cmd, 400);
    }

    @Test
    void realUfwApplyTwiceUndoDryRun() throws Exception {
        RulesBSandbox.requireNamespacesAnd("ufw");
        Path pwned = Path.of("/tmp/pwned");
        Files.deleteIfExists(pwned);
        List<Callable<Run>> jobs = new ArrayList<>();
        // an admin rule equal to one the script would add: kept by undo
        jobs.add(() -> scenario(RulesBFixtures.find("storageos", "1.5", "node"), "allow 5705/tcp", List.of()));
        jobs.add(() -> scenario(RulesBFixtures.find("featurama", "2.0", "server"), "allow 80/tcp",
                List.of("--from-agent=10.77.0.0/16", "--from-workstation=fd00:77::/64",
                        "--from-server=10.1.0.0/16,fd00:1::/64", "--port-api=40001")));
        jobs.add(() -> scenario(RulesBFixtures.find("featurama", "1.0", "agent"), "", List.of()));
        jobs.add(() -> scenario(RulesBFixtures.find("evil", "1.0", "node"), "", List.of("--port-grpc=5799")));
        for (Case c : RulesBFixtures.cases()) {
            if (c.product().equals("konvoy") && c.version().isLatest()) {
                jobs.add(() -> scenario(c, "", List.of()));
            }
        }
        List<Run> runs = RulesBSandbox.parallel(jobs, 6);
        for (Run r : runs) {
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

    private static String afterApply(String out) {
        int a = out.indexOf("=== after apply");
        int b = out.indexOf("=== apply output");
        return out.substring(a, b);
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnyChange() throws Exception {
        Case c = RulesBFixtures.find("featurama", "2.0", "server");
        Path dir = tmp.resolve("bad");
        RulesBFixtures.write(dir, ufw.render(c.version(), c.role()));
        String sh = dir.resolve("ufw.sh").toString();
        assertEquals(2, RulesBFixtures.run(List.of("sh", sh, "--from-agent=10.0.0.300/8"), 20).code());
        assertEquals(2, RulesBFixtures.run(List.of("sh", sh, "--port-api=65536"), 20).code());
        assertEquals(2, RulesBFixtures.run(List.of("sh", sh, "--nonsense"), 20).code());
        Run help = RulesBFixtures.run(List.of("sh", sh, "--help"), 20);
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--from-agent=CIDR"), help.out());
    }
}
