package dev.fwdocs.plugin.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.plugin.rules.iptables.IptablesBackend;
import dev.fwdocs.plugin.rules.nftables.NftablesBackend;
import dev.fwdocs.plugin.testing.Catalogs;
import dev.fwdocs.plugin.testing.Command;
import dev.fwdocs.plugin.testing.Environment;
import dev.fwdocs.plugin.testing.Parallel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Loads the generated scripts with the real tools inside a fresh network namespace ({@code unshare -n}) per run:
 * apply, apply again (same ruleset), dry-run (nothing changes), undo (back to the ruleset from before, including
 * other software's rules). iptables runs as iptables-nft and as iptables-legacy through a PATH shim.
 */
@Tag("firewall")
@Execution(ExecutionMode.CONCURRENT)
class IptablesNftablesLoadTest {

    /**
     * Sets up the administrator's firewall of {@code $kind} and defines {@code save}, which prints the ruleset; the
     * drivers below start with it ({@code $1} kind, {@code $2} script, {@code $3} output folder).
     */
    private static final String BASELINE = """
            set -eu
            kind=$1
            script=$2
            out=$3
            shift 3
            save() {
            \tif [ "$kind" = nft ] || [ "$kind" = nft-custom ]; then
            \t\tnft list ruleset
            \telse
            \t\t{ iptables-save; ip6tables-save; } | grep -v '^#' | sed 's/\\[[0-9]*:[0-9]*\\]//'
            \tfi
            }
            # the administrator's firewall (Debian's /etc/nftables.conf shape, policy drop) and other software's
            # rules, which the script must leave alone
            if [ "$kind" = nft ]; then
            \tnft -f - <<'EOF'
            table inet filter {
            \tchain input {
            \t\ttype filter hook input priority filter; policy drop;
            \t\tiif "lo" accept
            \t\tct state established,related accept
            \t\ttcp dport 22 accept comment "admin ssh"
            \t}
            \tchain forward {
            \t\ttype filter hook forward priority filter; policy drop;
            \t}
            \tchain output {
            \t\ttype filter hook output priority filter; policy drop;
            \t\toif "lo" accept
            \t\tudp dport 53 accept comment "admin dns"
            \t}
            }
            table inet other {
            \tchain input {
            \t\ttype filter hook input priority 0; policy accept;
            \t\ttcp dport 22 accept
            \t}
            }
            EOF
            elif [ "$kind" = nft-custom ]; then
            \tnft -f - <<'EOF'
            table inet fw {
            \tchain in_chain {
            \t\ttype filter hook input priority filter; policy drop;
            \t\ttcp dport 22 accept
            \t}
            \tchain out_chain {
            \t\ttype filter hook output priority filter; policy drop;
            \t}
            }
            table inet filter {
            \tchain input {
            \t\ttype filter hook input priority filter; policy accept;
            \t}
            }
            EOF
            else
            \tfor t in iptables ip6tables; do
            \t\t$t -w -N OTHER
            \t\t$t -w -A OTHER -p tcp --dport 22 -j ACCEPT
            \t\t$t -w -A INPUT -j OTHER
            \t\t$t -w -A OUTPUT -p udp --dport 53 -j ACCEPT
            \tdone
            fi
            save >"$out/before"
            """;

    /** Applies a script twice, dry-runs, undoes, and prints the rulesets in between; any difference fails. */
    private static final String DRIVER = BASELINE + """
            sh "$script" --dry-run "$@" >"$out/dry1.log" 2>&1
            save | cmp -s - "$out/before" || { echo "dry-run changed the ruleset"; exit 11; }
            sh "$script" "$@" >"$out/apply1.log" 2>&1 || { cat "$out/apply1.log"; exit 12; }
            save >"$out/after1"
            sh "$script" "$@" >"$out/apply2.log" 2>&1 || { cat "$out/apply2.log"; exit 13; }
            save >"$out/after2"
            cmp -s "$out/after1" "$out/after2" || { diff "$out/after1" "$out/after2"; echo "second apply differs"; exit 14; }
            sh "$script" --dry-run "$@" >"$out/dry2.log" 2>&1
            sh "$script" --dry-run --undo >"$out/dry3.log" 2>&1
            save | cmp -s - "$out/after1" || { echo "dry-run changed the ruleset"; exit 15; }
            sh "$script" --undo >"$out/undo.log" 2>&1 || { cat "$out/undo.log"; exit 16; }
            save >"$out/undone"
            cmp -s "$out/before" "$out/undone" || { diff "$out/before" "$out/undone"; echo "undo left changes"; exit 17; }
            sh "$script" --undo >"$out/undo2.log" 2>&1 || { cat "$out/undo2.log"; exit 18; }
            echo ok
            """;

    /**
     * Runs a page's command block ({@code $4}) twice with {@code sh -e} (same ruleset), then the role's script (its
     * rules replace the page's in the same chains), then the script's undo (back to the ruleset from before).
     */
    private static final String PAGE_DRIVER = BASELINE + """
            page=$1
            sh -e "$page" >"$out/page1.log" 2>&1 || { cat "$out/page1.log"; exit 21; }
            save >"$out/page1"
            sh -e "$page" >"$out/page2.log" 2>&1 || { cat "$out/page2.log"; exit 22; }
            save >"$out/page2"
            cmp -s "$out/page1" "$out/page2" || { diff "$out/page1" "$out/page2"; echo "second page run differs"; exit 23; }
            sh "$script" >"$out/apply.log" 2>&1 || { cat "$out/apply.log"; exit 24; }
            save >"$out/applied"
            sh "$script" --undo >"$out/undo.log" 2>&1 || { cat "$out/undo.log"; exit 25; }
            save >"$out/undone"
            cmp -s "$out/before" "$out/undone" || { diff "$out/before" "$out/undone"; echo "undo left changes"; exit 26; }
            echo ok
            """;

    static Path shims;

    @BeforeAll
    static void namespacesWork(@TempDir Path dir) throws IOException {
        Environment.requireFirewallLab("unshare", "nft", "xtables-nft-multi", "xtables-legacy-multi", "setpriv");
        shims = dir;
        for (String variant : List.of("nft", "legacy")) {
            Path d = Files.createDirectories(dir.resolve(variant));
            Path multi = Environment.find("xtables-" + variant + "-multi");
            for (String tool : List.of("iptables", "ip6tables", "iptables-restore", "ip6tables-restore",
                    "iptables-save", "ip6tables-save")) {
                Files.createSymbolicLink(d.resolve(tool), multi);
            }
        }
        Files.writeString(dir.resolve("driver.sh"), DRIVER, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("page-driver.sh"), PAGE_DRIVER, StandardCharsets.UTF_8);
    }

    /** Runs the driver for one script in a fresh namespace; returns the directory holding the rulesets. */
    private static Path load(String kind, Rendered r, Path work, List<String> options) throws IOException {
        return run("driver.sh", kind, r, work, options);
    }

    /** Runs {@code driver} for one script in a fresh namespace; returns the directory holding the rulesets. */
    private static Path run(String driver, String kind, Rendered r, Path work, List<String> options)
            throws IOException {
        Path out = Files.createDirectories(work.resolve(kind + "-" + driver + "-" + r.name().replace('/', '_')));
        Path script = out.resolve("script.sh");
        Files.write(script, r.file().content());
        String path = System.getenv("PATH") + ":/usr/sbin:/sbin";
        if (!kind.equals("nft") && !kind.equals("nft-custom")) {
            path = shims.resolve(kind) + ":" + path;
        }
        List<String> cmd = new ArrayList<>(List.of("unshare", "-n", "sh", shims.resolve(driver).toString(), kind,
                script.toString(), out.toString()));
        cmd.addAll(options);
        Command.Result res = Command.of(cmd).env("XTABLES_LOCKFILE", out.resolve("xtables.lock").toString())
                .env("PATH", path).timeout(Duration.ofSeconds(60)).mergeErrors().run();
        assertEquals(0, res.exit(), kind + " " + r.name() + " " + options + ":\n" + res.output());
        return out;
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** Namespaces at once for the independent loads below: each is a chain of short processes, CI has two cores. */
    private static final int LOADS = 2;

    @Test
    void everySeedScriptLoadsIsIdempotentAndUndoes(@TempDir Path work) throws Exception {
        List<ProductCatalog> catalogs = Catalogs.all();
        // each load runs in a fresh namespace with its own folder and lock file: independent of the others
        List<Callable<Path>> loads = new ArrayList<>();
        for (ProductCatalog c : catalogs) {
            for (Rendered r : Rendered.latest(new IptablesBackend(), c)) {
                loads.add(() -> load("nft-variant", r, work, List.of()));
            }
            for (Rendered r : Rendered.latest(new NftablesBackend(), c)) {
                loads.add(() -> load("nft", r, work, List.of()));
            }
        }
        // iptables-legacy on a combined catalog and a seed (same scripts, other kernel path)
        for (ProductCatalog c : List.of(Catalogs.combined("edge"), Catalogs.seed("konvoy"))) {
            for (Rendered r : Rendered.latest(new IptablesBackend(), c)) {
                loads.add(() -> load("legacy", r, work, List.of()));
            }
        }
        assertTrue(loads.size() > 10, "runs: " + loads.size());
        assertEquals(loads.size(), Parallel.run(loads, LOADS).size());
    }

    @Test
    void pageCommandsRunTwiceAndTheScriptTakesThemOver(@TempDir Path work) throws IOException {
        int runs = 0;
        for (ProductCatalog c : List.of(Catalogs.combined("edge"), Catalogs.seed("storageos"))) {
            for (RuleBackend b : List.of(new IptablesBackend(), new NftablesBackend())) {
                for (Rendered r : Rendered.latest(b, c)) {
                    if (r.role().inbound().isEmpty()) {
                        continue;
                    }
                    Path page = Files.createDirectories(work.resolve("pages")).resolve(r.name().replace('/', '_'));
                    String commands = Plans.commands(b, r.version(), r.role());
                    Files.writeString(page, commands, StandardCharsets.UTF_8);
                    String kind = b.id().equals("nftables") ? "nft" : "nft-variant";
                    Path out = run("page-driver.sh", kind, r, work, List.of(page.toString()));
                    String onPage = read(out.resolve("page1"));
                    String applied = read(out.resolve("applied"));
                    String in = b.id().equals("nftables") ? NftablesBackend.chain(r.version(), r.role(), "in")
                            : IptablesBackend.chain(r.version(), r.role(), "IN");
                    String jump = b.id().equals("nftables") ? "jump " + in + " " : "-j " + in;
                    int families = b.id().equals("nftables") ? 1 : 2;
                    assertEquals(families, count(onPage, jump), "the page jumps once per family:\n" + onPage);
                    assertEquals(families, count(applied, jump), "the script reuses the page's jump:\n" + applied);
                    runs++;
                }
            }
        }
        assertTrue(runs >= 4, "runs: " + runs);
    }

    @Test
    void sourcesAndFamiliesAreExactInTheLoadedRuleset(@TempDir Path work) throws IOException {
        List<String> opts = List.of("--from-control-plane=10.0.0.0/8,fd00::/8,10.1.0.0/16", "--from-worker=192.168.1.1",
                "--port-api=7443");
        Rendered ipt = Rendered.latest(new IptablesBackend(), Catalogs.combined("edge")).stream()
                .filter(r -> r.role().role().id().equals("worker")).findFirst().orElseThrow();
        for (String kind : List.of("nft-variant", "legacy")) {
            String rules = read(load(kind, ipt, work, opts).resolve("after1"));
            // worker addresses given as IPv4 only: SCTP from workers has an IPv4 rule and no IPv6 rule
            assertTrue(rules.contains("-A FWD-edge-worker-IN -s 192.168.1.1/32 -p sctp -m sctp --dport 3868"), rules);
            assertEquals(2, count(rules, "--dport 3868 -m comment"), "IPv4 in and out only:\n" + rules);
            // metrics: only the fixed CIDRs of each family, never without a source
            assertEquals(3, count(rules, "--dport 9100"), rules);
            assertFalse(rules.contains("-A FWD-edge-worker-IN -p tcp -m tcp --dport 9100"), rules);
            // the moved port, outbound to the control plane in both families
            assertTrue(rules.contains("-A FWD-edge-worker-OUT -d 10.0.0.0/8 -p tcp -m tcp --dport 7443"), rules);
            assertTrue(rules.contains("-A FWD-edge-worker-OUT -d fd00::/8 -p tcp -m tcp --dport 7443"), rules);
            // each protocol with its own ports; multiport split in two
            // three control-plane sources (two IPv4, one IPv6) x TCP and UDP
            assertEquals(6, count(rules, "-m multiport --dports 8472,9000:9010"), rules);
            assertEquals(3, count(rules, "--dports 7040:7041,7050,7051"), rules); // per destination
            assertTrue(rules.contains("--icmpv6-type 135"), rules);
        }
        Rendered nft = Rendered.latest(new NftablesBackend(), Catalogs.combined("edge")).stream()
                .filter(r -> r.role().role().id().equals("worker")).findFirst().orElseThrow();
        Path out = load("nft", nft, work, opts);
        String rules = read(out.resolve("after1"));
        assertTrue(rules.contains("elements = { 10.0.0.0/8 }"), "overlapping entries merge:\n" + rules);
        assertTrue(rules.contains("ip saddr @fwdocs_edge_worker_role_worker_v4 sctp dport 3868 accept"), rules);
        assertFalse(rules.contains("role_worker_v6"), "no IPv6 worker address given, so no IPv6 worker rule:\n" + rules);
        assertTrue(rules.contains("ip6 daddr @fwdocs_edge_worker_role_control-plane_v6 tcp dport 7443 accept"), rules);
        assertTrue(rules.contains("table inet other"), rules);
        // the rules live in the administrator's table, reached by one jump at the top of input and of output
        String input = chainText(rules, "input");
        assertTrue(input.startsWith("type filter hook input priority filter; policy drop;\n"
                + "jump fwdocs_edge_worker_in comment \"fwdocs edge worker\"\n"), input);
        assertEquals(1, count(rules, "jump fwdocs_edge_worker_in "), rules);
        assertTrue(input.contains("tcp dport 22 accept comment \"admin ssh\""), input);
        String output = chainText(rules, "output");
        assertTrue(output.contains("\njump fwdocs_edge_worker_out comment \"fwdocs edge worker\"\noif \"lo\" accept"), output);
        assertEquals(1, count(rules, "jump fwdocs_edge_worker_out "), rules);
        assertTrue(chainText(rules, "fwdocs_edge_worker_in").contains("icmpv6 type { nd-router-solicit"), rules);
        assertTrue(read(out.resolve("apply2.log")).contains("already jumps to fwdocs_edge_worker_in"));
    }

    /** The rules of a chain in an {@code nft list ruleset} dump, one per line, without indentation. */
    private static String chainText(String ruleset, String chain) {
        int start = ruleset.indexOf("\tchain " + chain + " {\n");
        assertTrue(start >= 0, "no chain " + chain + " in:\n" + ruleset);
        int end = ruleset.indexOf("\n\t}\n", start);
        StringBuilder b = new StringBuilder();
        for (String line : ruleset.substring(ruleset.indexOf('\n', start) + 1, end + 1).split("\n")) {
            b.append(line.strip()).append('\n');
        }
        return b.toString();
    }

    /**
     * Konvoy's worker sends calico's ports to the control plane and to the workers: given no --from- option, both
     * roles mean any address, and each such flow must be one rule in the loaded chain (it was two, one per role).
     */
    @Test
    void flowsOfTwoRolesWithTheSameAddressesAreOneRule(@TempDir Path work) throws IOException {
        for (RuleBackend b : List.of(new IptablesBackend(), new NftablesBackend())) {
            Rendered worker = Rendered.latest(b, Catalogs.seed("konvoy")).stream()
                    .filter(r -> r.role().role().id().equals("worker")).findFirst().orElseThrow();
            String kind = b.id().equals("nftables") ? "nft" : "nft-variant";
            String rules = read(load(kind, worker, work, List.of()).resolve("after1"));
            // iptables-save prints one table per family; nft one chain per block: a rule twice within one is doubled
            List<String> seen = new ArrayList<>();
            for (String line : rules.split("\n")) {
                String l = line.strip();
                if (l.equals("*filter") || l.startsWith("chain ")) {
                    seen.clear();
                }
                if (l.contains("--dport 9099") || l.contains("tcp dport 9099")) {
                    assertFalse(seen.contains(l), b.id() + ": a rule twice in one chain: " + l + "\n" + rules);
                    seen.add(l);
                }
            }
            assertEquals(4, count(rules, "9099"), b.id() + ": in and out, IPv4 and IPv6, once each:\n" + rules);
        }
    }

    @Test
    void anotherTableAndChainsAreNamedByOptions(@TempDir Path work) throws IOException {
        Rendered nft = Rendered.latest(new NftablesBackend(), Catalogs.combined("edge")).stream()
                .filter(r -> r.role().role().id().equals("worker")).findFirst().orElseThrow();
        String rules = read(load("nft-custom", nft, work, List.of("--nft-table=inet fw", "--nft-input-chain=in_chain",
                "--nft-output-chain=out_chain")).resolve("after1"));
        assertTrue(chainText(rules, "in_chain").contains("jump fwdocs_edge_worker_in comment"), rules);
        assertTrue(chainText(rules, "out_chain").contains("jump fwdocs_edge_worker_out comment"), rules);
        String filter = rules.substring(rules.indexOf("table inet filter {"));
        assertFalse(filter.contains("fwdocs"), "nothing in the table that was not named:\n" + rules);
        assertTrue(rules.contains("table inet fw {\n\tset fwdocs_edge_worker_addr_monitoring_v4"), rules);
    }

    @Test
    void aMissingTableOrChainIsReportedBeforeAnythingChanges(@TempDir Path work) throws IOException {
        Rendered nft = Rendered.latest(new NftablesBackend(), Catalogs.combined("edge")).stream()
                .filter(r -> r.role().role().id().equals("worker")).findFirst().orElseThrow();
        Path script = work.resolve("nftables.sh");
        Files.write(script, nft.file().content());
        String base = "nft -f - <<'EOF'\ntable inet filter {\n\tchain input {\n"
                + "\t\ttype filter hook input priority filter; policy drop;\n\t}\n}\nEOF\n";
        record Case(String setUp, List<String> args, int code, String message) {
        }
        List<Case> cases = List.of(
                new Case("", List.of(), 4, "there is no nftables table inet filter"),
                new Case("", List.of("--dry-run"), 4, "With no nftables filter that drops, there is nothing to open"),
                new Case(base, List.of("--nft-input-chain=INPUT"), 4, "has no chain INPUT: pass --nft-input-chain"),
                new Case(base, List.of("--nft-output-chain=output"), 4, "has no chain output (--nft-output-chain)"),
                new Case(base, List.of("--nft-table=inet fw"), 4, "there is no nftables table inet fw"),
                // the default output chain is missing: the inbound rules are applied, and the script says so
                new Case(base, List.of(), 0, "table inet filter has no chain output, so it does not filter outbound"));
        for (Case c : cases) {
            List<String> cmd = new ArrayList<>(List.of("unshare", "-n", "sh", "-c",
                    c.setUp() + "nft list ruleset >\"$0.before\"; sh \"$0\" \"$@\"; code=$?; "
                            + "if [ $code != 0 ]; then nft list ruleset | cmp -s - \"$0.before\" || echo CHANGED; fi; "
                            + "exit $code",
                    script.toString()));
            cmd.addAll(c.args());
            Command.Result r = run(cmd, Map.of());
            assertEquals(c.code(), r.exit(), c + ": " + r.output());
            assertTrue(r.output().contains(c.message()), c + ": " + r.output());
            assertFalse(r.output().contains("CHANGED"), c + ": " + r.output());
        }
    }

    @Test
    void badOptionsAreRejectedBeforeAnythingChanges(@TempDir Path work) throws IOException {
        Rendered nft = Rendered.latest(new NftablesBackend(), Catalogs.combined("edge")).get(0);
        Path script = work.resolve("nftables.sh");
        Files.write(script, nft.file().content());
        List<List<String>> bad = List.of(List.of("--port-api=0"), List.of("--port-api=65536"), List.of("--port-api=08"),
                List.of("--port-api=1e3"), List.of("--from-worker=10.0.0.0/33"), List.of("--from-worker=10.0.0.256"),
                List.of("--from-worker=fd00:::1"), List.of("--from-worker=fd00::/129"), List.of("--from-worker=1:2:3:4:5:6:7:8:9"),
                List.of("--from-worker=10.0.0.0/8,"), List.of("--from-worker=$(id)"), List.of("--from-worker=*"),
                List.of("--frobnicate"), List.of("--from-worker"), List.of("--nft-table=ip filter"),
                List.of("--nft-table=ip6 filter"), List.of("--nft-table=filter"), List.of("--nft-table=inet $(id)"),
                List.of("--nft-table=inet 9x"), List.of("--nft-table=inet a b"), List.of("--nft-input-chain=in put"),
                List.of("--nft-input-chain=-x"), List.of("--nft-output-chain=a;b"));
        for (List<String> args : bad) {
            List<String> cmd = new ArrayList<>(List.of("unshare", "-n", "sh", script.toString()));
            cmd.addAll(args);
            Command.Result r = run(cmd, Map.of());
            assertEquals(2, r.exit(), args + ": " + r.output());
        }
        Command.Result env = run(List.of("unshare", "-n", "sh", script.toString(), "--dry-run"),
                Map.of("FWDOCS_PORT_API", "70000"));
        assertEquals(2, env.exit(), env.output());
        Command.Result ipTable = run(List.of("unshare", "-n", "sh", script.toString(), "--nft-table=ip filter"),
                Map.of());
        assertTrue(ipTable.output().contains("holds only IPv4 or only IPv6, and these rules need both"), ipTable.output());
        Command.Result envTable = run(List.of("unshare", "-n", "sh", script.toString(), "--dry-run"),
                Map.of("FWDOCS_NFT_INPUT_CHAIN", "x y"));
        assertEquals(2, envTable.exit(), envTable.output());
        Command.Result good = run(List.of("unshare", "-n", "sh", "-c",
                "nft add table inet filter && nft add chain inet filter input && sh \"$@\"", "sh", script.toString(),
                "--dry-run", "--from-worker=10.0.0.0/8,fd00::1,::/0,0.0.0.0/0,2001:db8::/32", "--port-api=65535"),
                Map.of("FWDOCS_FROM_CONTROL_PLANE", ""));
        assertEquals(0, good.exit(), good.output());
        Command.Result help = run(List.of("sh", script.toString(), "--help"), Map.of());
        assertEquals(0, help.exit());
        assertTrue(help.output().contains("--from-worker=CIDR"), help.output());
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Command.Result notRoot = run(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "sh",
                script.toString(), "--dry-run"), Map.of());
        assertEquals(3, notRoot.exit(), notRoot.output());
    }

    @Test
    // the one marker file the injection catalog's payloads would create, shared with two other tests
    @ResourceLock("/tmp/fwdocs-pwned")
    void injectedCatalogTextDoesNothing(@TempDir Path work) throws IOException {
        Path marker = Path.of("/tmp/fwdocs-pwned");
        Files.deleteIfExists(marker);
        for (RuleBackend b : List.of(new IptablesBackend(), new NftablesBackend())) {
            for (Rendered r : Rendered.all(b, Catalogs.feature("injection"))) {
                Path out = load(b.id().equals("nftables") ? "nft" : "nft-variant", r, work, List.of());
                String rules = read(out.resolve("after1"));
                assertTrue(rules.contains("rm -rf /"), "the text is kept as an inert comment:\n" + rules);
                assertFalse(rules.contains("$("), rules);
            }
        }
        assertFalse(Files.exists(marker), "catalog text was executed");
    }

    /** Runs a command with output and errors merged, twenty seconds at most. */
    private static Command.Result run(List<String> argv, Map<String, String> env) {
        return Command.of(argv).env(env).timeout(Duration.ofSeconds(20)).mergeErrors().run();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
