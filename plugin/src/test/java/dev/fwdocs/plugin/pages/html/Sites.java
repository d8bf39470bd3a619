package dev.fwdocs.plugin.pages.html;

import dev.fwdocs.plugin.testing.Catalogs;
import dev.fwdocs.plugin.testing.GeneratedFiles;
import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.plugin.generate.GenerateRequest;
import dev.fwdocs.plugin.generate.Generator;
import dev.fwdocs.plugin.output.Output;
import dev.fwdocs.plugin.output.Outputs;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Renders sites for the HTML tests, through the generator as a run does: one model, the selected outputs in order. */
final class Sites {

    private Sites() {
    }

    /**
     * The catalogs the site tests render: every seed, the Markdown escaping catalog, the hostile one, and versions
     * named with '+'.
     */
    static List<ProductCatalog> catalogs() throws Exception {
        List<ProductCatalog> all = new ArrayList<>(Catalogs.seeds());
        all.add(Catalogs.feature("escaping"));
        all.add(Catalogs.read(Path.of("src/test/resources/catalogs/hostile/hostile.yaml").toAbsolutePath()));
        // versions named with '+', which links write as %2B
        all.add(Catalogs.read(Path.of("src/test/resources/pages/catalogs/site-versions.yaml").toAbsolutePath()));
        return List.copyOf(all);
    }

    /** The files of a run of these outputs, by path. */
    static Map<String, GeneratedFile> render(List<ProductCatalog> catalogs, List<Output> outputs, Path templates)
            throws Exception {
        return render(catalogs, outputs, templates, BackendRegistry.standard().all());
    }

    /** The same with these backends (fakes with page notes, say). */
    static Map<String, GeneratedFile> render(List<ProductCatalog> catalogs, List<Output> outputs, Path templates,
            List<RuleBackend> backends) throws Exception {
        GenerateRequest request = new GenerateRequest(Path.of("."), Path.of("."), Path.of("out"), backends, outputs,
                BackendRegistry.defaultDistros(backends), FrontMatterSettings.defaults(), templates);
        Map<String, GeneratedFile> out = new LinkedHashMap<>();
        Generator.render(new Catalog(catalogs, List.of()), request).files().forEach(f -> out.put(f.path(), f));
        return out;
    }

    /** Writes the files into a fresh folder (what was there before is removed). */
    static void write(Path dir, Map<String, GeneratedFile> files) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        GeneratedFiles.write(dir, List.copyOf(files.values()));
    }

    /** The standard outputs with these ids, in registry order. */
    static List<Output> outputs(String... ids) {
        return Outputs.standard().select(List.of(ids));
    }

    /** The site with every download this build can write: the scripts, and the data when that output exists. */
    static Map<String, GeneratedFile> fullSite(List<ProductCatalog> catalogs) throws Exception {
        List<String> ids = new ArrayList<>(List.of("scripts", HtmlOutput.ID));
        if (Outputs.standard().ids().contains("data")) {
            ids.add("data");
        }
        return render(catalogs, Outputs.standard().select(ids), null);
    }
}
