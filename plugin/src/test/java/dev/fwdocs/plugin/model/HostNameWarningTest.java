package dev.fwdocs.plugin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.plugin.generate.GenerateRequest;
import dev.fwdocs.plugin.generate.Generator;
import dev.fwdocs.plugin.output.Outputs;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.RuleBackend;
import dev.fwdocs.plugin.testing.Catalogs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Host names in a catalog give one warning per catalog file, naming each address once with the rules that use it,
 * whether or not scripts are written (the IBM seed printed a dozen before).
 */
class HostNameWarningTest {

    @Test
    void oneGroupedWarningPerFileFromTheLintWhateverTheOutputs() throws Exception {
        Catalog ibm = new Catalog(List.of(Catalogs.seed("ibm-cloud-kubernetes")), List.of());
        List<Diagnostic> lint = CatalogLint.warnings(Model.facts(ibm));
        assertEquals(1, lint.size(), lint.toString());
        String w = lint.get(0).toString();
        assertTrue(w.contains("host names, which firewall scripts do not resolve"), w);
        assertTrue(w.startsWith("src/fwdocs/catalog/ibm-cloud-kubernetes.yaml:"), w);

        List<RuleBackend> backends = BackendRegistry.standard().all();
        for (List<String> outputs : List.of(List.of("scripts", "html"), List.of("markdown-plain"))) {
            GenerateRequest r = new GenerateRequest(Path.of("."), Path.of("unused"), Path.of("unused"), backends,
                    Outputs.standard().select(outputs), BackendRegistry.defaultDistros(backends),
                    FrontMatterSettings.defaults(), null);
            List<Diagnostic> all = Generator.render(ibm, r).warnings();
            long hostWarnings = all.stream().filter(d -> d.message().contains("host name")).count();
            assertEquals(1, hostWarnings, outputs + ": " + all);
        }
    }
}
