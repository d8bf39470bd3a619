package dev.fwdocs.plugin.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.testing.Catalogs.RoleVersion;
import dev.fwdocs.plugin.testing.Catalogs;
import dev.fwdocs.plugin.testing.Command;
import dev.fwdocs.plugin.testing.Environment;
import dev.fwdocs.plugin.testing.GeneratedFiles;
import dev.fwdocs.plugin.testing.KnownFinding;
import dev.fwdocs.plugin.testing.Parallel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every script of every backend, for every role and version of every test catalog and seed, passes shellcheck. */
@Tag("shellcheck")
class ShellcheckTest {

    /** shellcheck is single-threaded and takes about half a second a script: two at once on CI's two cores. */
    private static final int BATCHES = 2;

    /** Findings known and not yet fixed, by backend. */
    private static final Map<String, List<KnownFinding>> KNOWN = Map.of("ufw", List.of(new KnownFinding(
            "edge/[0-9.]+/worker/ufw\\.sh:[0-9:]+ warning: FROM_WORKER_V[46] appears unused\\..*\\[SC2034\\]",
            "the ufw script of edge's worker takes --from-worker although the only rule from workers is SCTP,"
                    + " which ufw cannot express (UfwBackend)")));

    /**
     * The scripts of every bundle of every catalog that the per-role test does not cover: apply.sh, check.sh and the
     * flow-set scripts apply.sh runs, those of each product's newest version (the role scripts in a bundle are the
     * same bytes as the ones below).
     */
    @org.junit.jupiter.api.Test
    void everyBundleScriptIsShellcheckClean(@TempDir Path dir) throws Exception {
        Path shellcheck = Environment.requireTool("shellcheck", "FWDOCS_SHELLCHECK", "apt-get install shellcheck");
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < BATCHES; i++) {
            batches.add(new ArrayList<>());
        }
        int n = 0;
        dev.fwdocs.plugin.model.Model model = dev.fwdocs.plugin.model.Model.facts(new dev.fwdocs.catalog.Catalog(
                Catalogs.all(), List.of())).planned(BackendRegistry.standard().all());
        dev.fwdocs.plugin.output.OutputContext context = new dev.fwdocs.plugin.output.OutputContext(model,
                dev.fwdocs.plugin.output.Layout.standard(), List.of(),
                dev.fwdocs.plugin.pages.FrontMatterSettings.defaults(), null);
        for (dev.fwdocs.plugin.model.ProductModel p : model.products()) {
            for (dev.fwdocs.plugin.model.VersionModel v : p.versions()) {
                // The set scripts are printed by the same backend code as the role scripts above: those of each
                // product's newest version stand for the others (this test's time grows with every one).
                boolean newest = v == p.latest();
                List<GeneratedFile> scripts = dev.fwdocs.plugin.bundle.BundleOutput.members(context, p, v).stream()
                        .filter(f -> f.path().endsWith(".sh") && !f.path().contains("/roles/"))
                        .filter(f -> newest || !f.path().contains("/sets/")).toList();
                for (Path f : GeneratedFiles.write(dir, scripts)) {
                    Command.Result syntax = Command.of("sh", "-n", f.toString()).mergeErrors().run();
                    assertEquals(0, syntax.exit(), f + ": sh -n: " + syntax.output());
                    batches.get(n++ % BATCHES).add(dir.relativize(f).toString());
                }
            }
        }
        assertTrue(n > 40, "expected apply.sh, check.sh and set scripts of every bundle, found " + n);
        List<Callable<Command.Result>> jobs = new ArrayList<>();
        for (List<String> batch : batches) {
            List<String> argv = new ArrayList<>(List.of(shellcheck.toString(), "-S", "style", "-o",
                    "check-unassigned-uppercase", "-f", "gcc"));
            argv.addAll(batch);
            jobs.add(() -> Command.of(argv).in(dir).timeout(Duration.ofMinutes(10)).mergeErrors().run());
        }
        List<String> findings = new ArrayList<>();
        for (Command.Result r : Parallel.run(jobs, BATCHES)) {
            assertTrue(r.exit() == 0 || r.exit() == 1, "shellcheck did not run: " + r.describe());
            r.output().lines().filter(l -> !l.isBlank()).forEach(findings::add);
        }
        assertEquals("", String.join("\n", KnownFinding.unknown(findings, BUNDLE_KNOWN)), "shellcheck findings");
    }

    /**
     * Roles named like reserved words of sh ({@code catalogs/hostile/shell-words.yaml}, roles {@code do} and
     * {@code esac}): every script of its bundle, which holds each role's script of every backend, the flow-set
     * scripts, apply.sh and check.sh.
     */
    @org.junit.jupiter.api.Test
    void scriptsOfRolesNamedLikeReservedWordsAreShellcheckClean(@TempDir Path dir) throws Exception {
        Path shellcheck = Environment.requireTool("shellcheck", "FWDOCS_SHELLCHECK", "apt-get install shellcheck");
        dev.fwdocs.catalog.ProductCatalog catalog = Catalogs.read(
                Path.of("src/test/resources/catalogs/hostile/shell-words.yaml"));
        dev.fwdocs.plugin.model.Model model = dev.fwdocs.plugin.model.Model.facts(new dev.fwdocs.catalog.Catalog(
                List.of(catalog), List.of())).planned(BackendRegistry.standard().all());
        dev.fwdocs.plugin.output.OutputContext context = new dev.fwdocs.plugin.output.OutputContext(model,
                dev.fwdocs.plugin.output.Layout.standard(), List.of(),
                dev.fwdocs.plugin.pages.FrontMatterSettings.defaults(), null);
        dev.fwdocs.plugin.model.ProductModel p = model.products().get(0);
        List<GeneratedFile> scripts = dev.fwdocs.plugin.bundle.BundleOutput.members(context, p, p.latest()).stream()
                .filter(f -> f.path().endsWith(".sh")).toList();
        assertTrue(scripts.stream().anyMatch(f -> f.path().endsWith("/roles/do/iptables.sh")), scripts.toString());
        List<String> argv = new ArrayList<>(List.of(shellcheck.toString(), "-S", "style", "-o",
                "check-unassigned-uppercase", "-f", "gcc"));
        for (Path f : GeneratedFiles.write(dir, scripts)) {
            argv.add(dir.relativize(f).toString());
        }
        Command.Result r = Command.of(argv).in(dir).timeout(Duration.ofMinutes(5)).mergeErrors().run();
        assertEquals(0, r.exit(), "shellcheck findings:\n" + r.output());
    }

    /** The per-role finding of edge's worker, in the ufw script of the flow set that holds that SCTP rule. */
    private static final List<KnownFinding> BUNDLE_KNOWN = List.of(new KnownFinding(
            "edge-[0-9.]+-firewall/sets/set-[0-9a-f]+/ufw\\.sh:[0-9:]+ warning: FROM_WORKER_V[46] appears unused\\..*"
                    + "\\[SC2034\\]", "as for the per-role script: the only rule from workers there is SCTP, which ufw"
                    + " cannot express (UfwBackend)"));

    static Stream<RuleBackend> backends() {
        return BackendRegistry.standard().all().stream();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void everyScriptIsShellcheckClean(RuleBackend backend, @TempDir Path dir) throws Exception {
        Path shellcheck = Environment.requireTool("shellcheck", "FWDOCS_SHELLCHECK", "apt-get install shellcheck");
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < BATCHES; i++) {
            batches.add(new ArrayList<>());
        }
        int n = 0;
        for (RoleVersion r : Catalogs.roles(Catalogs.all())) {
            for (GeneratedFile f : Plans.files(backend, r.version(), r.role())) {
                if (!f.path().endsWith(".sh")) {
                    continue;
                }
                Path p = GeneratedFiles.write(dir.resolve(r.dir()), List.of(f)).get(0);
                Command.Result syntax = Command.of("sh", "-n", p.toString()).mergeErrors().run();
                assertEquals(0, syntax.exit(), r + "/" + f.path() + ": sh -n: " + syntax.output());
                batches.get(n++ % BATCHES).add(dir.relativize(p).toString());
            }
        }
        assertTrue(n > 20, "expected a script per role of every catalog, found " + n);
        List<Callable<Command.Result>> jobs = new ArrayList<>();
        for (List<String> batch : batches) {
            List<String> argv = new ArrayList<>(List.of(shellcheck.toString(), "-S", "style", "-f", "gcc"));
            argv.addAll(batch);
            jobs.add(() -> Command.of(argv).in(dir).timeout(Duration.ofMinutes(5)).mergeErrors().run());
        }
        List<String> findings = new ArrayList<>();
        for (Command.Result r : Parallel.run(jobs, BATCHES)) {
            assertTrue(r.exit() == 0 || r.exit() == 1, "shellcheck did not run: " + r.describe());
            r.output().lines().filter(l -> !l.isBlank()).forEach(findings::add);
        }
        assertEquals("", String.join("\n", KnownFinding.unknown(findings, KNOWN.getOrDefault(backend.id(), List.of()))),
                "shellcheck findings");
    }
}
