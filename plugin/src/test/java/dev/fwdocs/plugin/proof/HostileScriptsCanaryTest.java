package dev.fwdocs.plugin.proof;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.CatalogException;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.read.CatalogReader;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.Plans;
import dev.fwdocs.plugin.rules.RuleBackend;
import dev.fwdocs.plugin.testing.Command;
import dev.fwdocs.plugin.testing.Environment;
import dev.fwdocs.plugin.testing.GeneratedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Every generated script of the hostile catalogs (and the injection feature catalog) run for real, with the catalog
 * texts' shell payloads pointed at a fresh canary folder: help, dry run, apply, undo (which must leave the baseline
 * exactly), and bad option and environment values that themselves carry payloads (exit 2). Each backend's scripts
 * are shared out over a few namespace sessions (more for the backends whose every command starts Python), all at
 * once; after every step the canary folder must still be empty. A control write from the same context as the
 * scripts, in every session, shows that the folder would see what a payload creates.
 */
@Tag("firewall")
@Execution(ExecutionMode.CONCURRENT)
class HostileScriptsCanaryTest {

    /** The catalogs under test, relative to the test resources' catalog folder. */
    static final List<String> CATALOGS = List.of("hostile/shell.yaml", "hostile/hostile.yaml",
            "hostile/markdown.yaml", "features/injection.yaml");

    /** One variant per backend: iptables-legacy and firewalld without a zone run the same scripts. */
    static final List<Variant> VARIANTS = List.of(Variant.FIREWALLD, Variant.UFW, Variant.IPTABLES_NFT,
            Variant.NFTABLES);

    /** Every session at once: the chain of firewalld's scripts, one after the other, was this test's whole time. */
    private static final ExecutorService POOL = Executors.newFixedThreadPool(
            VARIANTS.stream().mapToInt(HostileScriptsCanaryTest::sessions).sum());

    /**
     * The sessions a variant's scripts are shared out over: firewalld and ufw start Python for every firewall
     * command of a script, the others a small C program.
     */
    static int sessions(Variant v) {
        return switch (v) {
            case FIREWALLD, FIREWALLD_UNBOUND -> 3;
            case UFW -> 2;
            default -> 1;
        };
    }

    /** A script to run: where it comes from, its role and text. */
    private record Script(String label, RoleView role, String text) {
    }

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    @TestFactory
    Stream<DynamicTest> noCatalogTextRuns() throws Exception {
        Environment.requireFirewallLab(ProofSession.TOOLS);
        Path canary = Files.createTempDirectory("fwdocs-canary-");
        List<ProductCatalog> catalogs = new ArrayList<>();
        for (String name : CATALOGS) {
            catalogs.add(withCanary(Path.of("src/test/resources/catalogs").resolve(name), canary));
        }
        Map<Variant, List<Future<List<String>>>> runs = new LinkedHashMap<>();
        for (Variant v : VARIANTS) {
            List<Script> scripts = scripts(v, catalogs);
            List<Future<List<String>>> parts = new ArrayList<>();
            for (List<Script> part : shares(scripts, sessions(v))) {
                parts.add(POOL.submit(() -> session(v, part, canary)));
            }
            runs.put(v, parts);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (var e : runs.entrySet()) {
            String title = "hostile catalogs' scripts run nothing of theirs on " + e.getKey();
            tests.add(DynamicTest.dynamicTest(title, () -> {
                List<String> failures = new ArrayList<>();
                for (Future<List<String>> f : e.getValue()) {
                    failures.addAll(f.get());
                }
                assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
            }));
        }
        tests.add(DynamicTest.dynamicTest("the canary folder is empty after every run", () -> {
            for (List<Future<List<String>>> parts : runs.values()) {
                for (Future<List<String>> f : parts) {
                    f.get();
                }
            }
            try (Stream<Path> left = Files.list(canary)) {
                List<String> names = left.map(p -> p.getFileName().toString()).sorted().toList();
                assertTrue(names.isEmpty(), () -> "catalog text ran: " + names);
            }
            Files.delete(canary);
        }));
        return tests.stream();
    }

    /** The catalog with CANARY (and the injection catalog's /tmp/fwdocs-pwned) pointing into the canary folder. */
    static ProductCatalog withCanary(Path file, Path canary) throws IOException {
        String stem = file.getFileName().toString().replace(".yaml", "");
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("CANARY", canary.toString())
                .replace("/tmp/fwdocs-pwned", canary + "/" + stem);
        String name = "src/fwdocs/catalog/" + file.getFileName();
        try {
            return CatalogReader.read(name, Map.of(name, text)).products().get(0);
        } catch (CatalogException e) {
            throw new IllegalStateException(file + " with the canary is invalid: " + e.getMessage(), e);
        }
    }

    /** Every {@code .sh} of every role and version of the catalogs for the variant's backend. */
    static List<Script> scripts(Variant v, List<ProductCatalog> catalogs) {
        RuleBackend backend = BackendRegistry.standard().find(v.backendId()).orElseThrow();
        List<Script> out = new ArrayList<>();
        for (ProductCatalog pc : catalogs) {
            for (String version : pc.product().versions()) {
                ResolvedVersion rv = Resolver.resolve(pc, version);
                for (RoleView role : rv.roles()) {
                    for (GeneratedFile f : Plans.files(backend, rv, role)) {
                        if (f.path().endsWith(".sh")) {
                            out.add(new Script(pc.product().id() + "/" + version + "/" + role.role().id() + "/"
                                    + f.path(), role, f.text()));
                        }
                    }
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no scripts for " + v);
        }
        return out;
    }

    /** The scripts dealt out in turn into {@code n} lists (fewer when there are fewer scripts), each in order. */
    static List<List<Script>> shares(List<Script> scripts, int n) {
        List<List<Script>> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, scripts.size()); i++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < scripts.size(); i++) {
            out.get(i % out.size()).add(scripts.get(i));
        }
        return out;
    }

    /** One namespace pair and baseline for the variant, these scripts run in it; the failures, none when all held. */
    static List<String> session(Variant v, List<Script> scripts, Path canary) throws IOException {
        List<String> failures = new ArrayList<>();
        Path work = Files.createTempDirectory("fwdocs-canary-run-");
        Lab lab = null;
        Firewall fw = null;
        try {
            lab = Lab.create();
            fw = Firewall.of(v, lab, work);
            fw.setUp();
            String baseline = fw.dump();
            // next to the canary folder, not in it: the other sessions check it meanwhile; named after this session
            Path control = canary.resolveSibling(canary.getFileName() + "-control-" + work.getFileName());
            Command.Result wrote = Command.of(fw.wrap(List.of("/bin/sh", "-c", "touch \"$1\"", "sh",
                    control.toString()))).timeout(Firewall.COMMAND_TIMEOUT).run();
            if (!wrote.ok() || !Files.deleteIfExists(control)) {
                failures.add("a file touched where the scripts run does not appear at " + control + ": "
                        + wrote.describe());
            }
            int i = 0;
            for (Script s : scripts) {
                Path p = Files.createDirectories(work.resolve("s" + i++)).resolve(v.backendId() + ".sh");
                Files.writeString(p, s.text(), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                List<String> from = OperatorSession.defaultApply(s.role()).options();
                Runner run = new Runner(fw, work, p, s.label(), canary, failures);
                run.expect(0, List.of("--help"), Map.of());
                run.expect(0, with(from, "--dry-run"), Map.of());
                run.expect(0, from, Map.of());
                run.expect(0, with(from, "--undo"), Map.of());
                String after = fw.dump();
                if (!after.equals(baseline)) {
                    failures.add(s.label() + ": --undo did not bring back the baseline");
                }
                for (String role : Expect.sourceRoles(s.role())) {
                    String payload = "$(touch " + canary + "/opt-" + role + ")";
                    run.expect(2, List.of("--dry-run", "--from-" + role + "=" + payload), Map.of());
                    run.expect(2, List.of("--dry-run", "--from-" + role + "='" + payload + "'"), Map.of());
                    run.expect(2, List.of("--dry-run"), Map.of("FWDOCS_FROM_" + role.toUpperCase().replace('-', '_'),
                            "169.254.77.0/24;touch " + canary + "/env-" + role));
                }
                for (ResolvedRule r : s.role().inbound()) {
                    if (r.rule().configurableSetting().isPresent()) {
                        run.expect(2, with(from, "--dry-run", "--port-" + r.id() + "=`touch " + canary + "/port-"
                                + r.id() + "`"), Map.of());
                    }
                }
                run.expect(2, List.of("--dry-run", "--$(touch " + canary + "/option)"), Map.of());
            }
        } catch (RuntimeException e) {
            failures.add("harness stopped: " + e);
        } finally {
            if (fw != null) {
                fw.close();
            }
            if (lab != null) {
                lab.close();
            }
            GeneratedFiles.deleteTree(work);
        }
        return failures;
    }

    private static List<String> with(List<String> options, String... more) {
        List<String> out = new ArrayList<>(options);
        out.addAll(List.of(more));
        return out;
    }

    /** Runs one script with options and environment, checks its exit status and that the canary is still empty. */
    private record Runner(Firewall fw, Path work, Path script, String label, Path canary, List<String> failures) {
        void expect(int exit, List<String> options, Map<String, String> env) {
            List<String> argv = new ArrayList<>(List.of(script.toString()));
            argv.addAll(options);
            Command c = Command.of(fw.wrap(argv)).timeout(Firewall.COMMAND_TIMEOUT)
                    .env("FWDOCS_STATE_DIR", work.resolve("state").toString()).env(env);
            Command.Result r = c.run();
            String what = label + " " + String.join(" ", options) + (env.isEmpty() ? "" : " with " + env);
            if (r.exit() != exit) {
                failures.add(what + ": exit " + r.exit() + ", not " + exit + ": " + r.describe());
            }
            try (Stream<Path> left = Files.list(canary)) {
                List<String> names = left.map(p -> p.getFileName().toString()).sorted().toList();
                if (!names.isEmpty()) {
                    failures.add(what + ": catalog or option text ran, the canary folder holds " + names);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
