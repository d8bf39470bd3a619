package dev.fwdocs.plugin.pages.markdown;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A product named like one of Hugo's default taxonomies (content/tags/, content/categories/) gets a warning for the
 * Hugo flavor only: where the pages are the site's content/, Hugo builds them as taxonomy terms and fails on their
 * links (REF_NOT_FOUND), with the taxonomies' pages enabled or not, unless the site configures its own taxonomies.
 */
class HugoTaxonomyTest {

    private static final String CATALOG = """
            fwdocs: 1
            product:
              id: tags
              name: Tags
              summary: A product named like a Hugo taxonomy.
              versions: ["1.0"]
            roles:
              - id: node
                name: Node
            rules:
              - id: api
                name: API
                protocol: tcp
                ports: 8080
                from: any
                to: node
            """;

    @Test
    void onlyTheHugoFlavorWarnsAboutAProductNamedLikeATaxonomy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tags.yaml");
        Files.writeString(file, CATALOG);
        Catalog catalog = new Catalog(List.of(Catalogs.read(file)), List.of());
        List<RuleBackend> backends = BackendRegistry.standard().all();
        for (String output : List.of("markdown-hugo", "markdown-plain", "markdown-docusaurus")) {
            GenerateRequest r = new GenerateRequest(Path.of("."), Path.of("unused"), Path.of("unused"), backends,
                    Outputs.standard().select(List.of(output)), BackendRegistry.defaultDistros(backends),
                    FrontMatterSettings.defaults(), null);
            List<Diagnostic> taxonomy = Generator.render(catalog, r).warnings().stream()
                    .filter(d -> d.message().contains("taxonomy")).toList();
            assertEquals(output.equals("markdown-hugo") ? 1 : 0, taxonomy.size(), output + ": " + taxonomy);
            if (!taxonomy.isEmpty()) {
                Diagnostic d = taxonomy.get(0);
                assertTrue(!d.isError() && d.toString().startsWith("src/fwdocs/catalog/tags.yaml:"), d.toString());
                assertTrue(d.message().contains("reads content/tags/ as the taxonomy's terms")
                        && d.message().endsWith("configure the site's taxonomies without tags"), d.message());
            }
        }
    }
}
