package dev.fwdocs.plugin.pages.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.CatalogException;
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
 * Folder names Hugo reads as something else, for the Hugo flavor only (tried with Debian's hugo 0.111.3): a product
 * named like a default taxonomy (content/tags/, content/categories/) gets a warning, since where the pages are the
 * site's content/ Hugo builds them as taxonomy terms and fails on their links (REF_NOT_FOUND) unless the site
 * configures its own taxonomies; a product or version folder named index (in any letter case: Hugo lowercases URLs)
 * is an error, since Hugo serves it at its parent's URL and the two pages overwrite each other.
 */
class HugoFolderNamesTest {

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

    private static Catalog catalog(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("tags.yaml");
        Files.writeString(file, yaml);
        return new Catalog(List.of(Catalogs.read(file)), List.of());
    }

    private static GenerateRequest request(String output) {
        List<RuleBackend> backends = BackendRegistry.standard().all();
        return new GenerateRequest(Path.of("."), Path.of("unused"), Path.of("unused"), backends,
                Outputs.standard().select(List.of(output)), BackendRegistry.defaultDistros(backends),
                FrontMatterSettings.defaults(), null);
    }

    @Test
    void aProductOrVersionFolderNamedIndexIsAnErrorForHugoOnly(@TempDir Path dir) throws Exception {
        Catalog product = catalog(dir, CATALOG.replace("id: tags", "id: index"));
        CatalogException e = assertThrows(CatalogException.class,
                () -> Generator.render(product, request("markdown-hugo")));
        assertTrue(e.getMessage().contains("the hugo flavor cannot publish product 'index': Hugo serves a section "
                + "named index at its parent's URL"), e.getMessage());
        Catalog version = catalog(dir, CATALOG.replace("[\"1.0\"]", "[\"1.0\", \"Index\"]"));
        e = assertThrows(CatalogException.class, () -> Generator.render(version, request("markdown-hugo")));
        assertTrue(e.getMessage().contains("the hugo flavor cannot publish version Index of tags in the folder "
                + "'Index': Hugo lowercases URLs"), e.getMessage());
        for (String output : List.of("markdown-plain", "markdown-jekyll", "markdown-mkdocs", "markdown-docusaurus",
                "html")) {
            assertTrue(Generator.render(product, request(output)).warnings().stream().noneMatch(Diagnostic::isError));
            assertTrue(Generator.render(version, request(output)).warnings().stream().noneMatch(Diagnostic::isError));
        }
    }

    @Test
    void onlyTheHugoFlavorWarnsAboutAProductNamedLikeATaxonomy(@TempDir Path dir) throws Exception {
        Catalog catalog = catalog(dir, CATALOG);
        for (String output : List.of("markdown-hugo", "markdown-plain", "markdown-docusaurus")) {
            GenerateRequest r = request(output);
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
