package dev.fwdocs.plugin.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.plugin.generate.GenerateRequest;
import dev.fwdocs.plugin.generate.Generator;
import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.BackendFacts;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.RolePlan;
import dev.fwdocs.plugin.rules.RuleBackend;
import dev.fwdocs.plugin.testing.Catalogs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The seam between the model and the outputs: one plan per role and backend per run, whatever the outputs. */
class OutputSeamTest {

    /** Counts the plans a backend is asked for, per product, version and role. */
    private static final class Counting implements RuleBackend {
        private final RuleBackend real;
        final Map<String, AtomicInteger> plans = new ConcurrentHashMap<>();

        Counting(RuleBackend real) {
            this.real = real;
        }

        @Override
        public String id() {
            return real.id();
        }

        @Override
        public String displayName() {
            return real.displayName();
        }

        @Override
        public BackendFacts facts() {
            return real.facts();
        }

        @Override
        public RolePlan plan(VersionModel version, RoleModel role) {
            plans.computeIfAbsent(version.productId() + " " + version.version() + " " + role.id(),
                    k -> new AtomicInteger()).incrementAndGet();
            return real.plan(version, role);
        }
    }

    private static GenerateRequest request(List<RuleBackend> backends, List<Output> outputs) {
        return new GenerateRequest(Path.of("."), Path.of("."), Path.of("out"), backends, outputs,
                BackendRegistry.defaultDistros(backends), FrontMatterSettings.defaults(), null);
    }

    @Test
    void everyRoleIsPlannedOncePerBackendWhateverTheOutputs() throws Exception {
        Catalog catalog = new Catalog(Catalogs.seeds(), List.of());
        List<Counting> counting = BackendRegistry.standard().all().stream().map(Counting::new).toList();
        List<RuleBackend> backends = new ArrayList<>(counting);
        Generator.Rendered out = Generator.render(catalog, request(backends, Outputs.standard().all()));
        assertTrue(out.files().size() > 100, "scripts and five flavors of pages: " + out.files().size());
        int roles = catalog.products().stream()
                .mapToInt(p -> p.product().versions().size() * p.roles().size()).sum();
        int sets = dev.fwdocs.plugin.model.Model.facts(catalog).versions().stream()
                .mapToInt(v -> dev.fwdocs.plugin.model.FlowSet.of(v).size()).sum();
        for (Counting c : counting) {
            assertEquals(roles + sets, c.plans.size(), c.id() + " planned every role and flow set of every version");
            c.plans.forEach((role, n) -> assertEquals(1, n.get(), c.id() + " planned " + role + " " + n + " times"));
        }
    }

    @Test
    void theScriptsOnAPageAndInTheScriptsOutputComeFromTheSamePlan() throws Exception {
        Catalog catalog = new Catalog(List.of(Catalogs.seed("storageos")), List.of());
        List<RuleBackend> backends = BackendRegistry.standard().all();
        List<GeneratedFile> files = Generator.render(catalog,
                request(backends, Outputs.standard().select(List.of("scripts", "markdown-plain")))).files();
        Layout layout = Layout.standard();
        assertTrue(files.stream().anyMatch(f -> f.path().equals(
                layout.roleDir("storageos", "1.5", "node") + "/" + layout.scriptName("iptables"))), "script path");
        assertTrue(files.stream().anyMatch(f -> f.path().startsWith(layout.productPages(
                dev.fwdocs.plugin.pages.markdown.Flavor.PLAIN, "storageos") + "/latest/")), "latest pages");
        assertTrue(files.stream().allMatch(f -> f.path().startsWith("rules/") || f.path().startsWith("pages/plain/")),
                "only the selected outputs are written");
    }

    @Test
    void unknownOutputsAreNamedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Outputs.standard().select(List.of("scripts", "pdf", "markdown-asciidoc")));
        assertTrue(e.getMessage().startsWith("unknown outputs pdf, markdown-asciidoc; known: scripts, "),
                e.getMessage());
    }

    @Test
    void defaultTabsComeFromTheBackendsFactsInRankOrder() {
        List<String> tabs = BackendRegistry.defaultDistros(BackendRegistry.standard().all()).stream()
                .map(d -> d.id() + "=" + String.join("+", d.backends())).toList();
        assertEquals(List.of("ubuntu-debian=ufw", "rhel=firewalld", "suse=firewalld", "linux=nftables+iptables"),
                tabs);
        List<RuleBackend> two = BackendRegistry.standard().select(List.of("iptables", "ufw"));
        assertEquals(List.of("ubuntu-debian=ufw", "linux=iptables"), BackendRegistry.defaultDistros(two).stream()
                .map(d -> d.id() + "=" + String.join("+", d.backends())).toList());
    }
}
