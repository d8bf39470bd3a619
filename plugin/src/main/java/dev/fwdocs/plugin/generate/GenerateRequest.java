package dev.fwdocs.plugin.generate;

import dev.fwdocs.plugin.pages.Distro;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.pages.markdown.Flavor;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything one {@code fwdocs:generate} run needs, with paths already resolved against the project folder.
 * {@code templateOverrides} may be null (no overrides); an empty {@code flavors} list writes no Markdown.
 */
public record GenerateRequest(Path baseDir, Path catalog, Path outputDir, List<RuleBackend> backends,
        boolean scripts, List<Flavor> flavors, List<Distro> distros, FrontMatterSettings frontMatter,
        Path templateOverrides) {

    public GenerateRequest {
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(outputDir, "outputDir");
        backends = List.copyOf(backends);
        flavors = List.copyOf(flavors);
        distros = List.copyOf(distros);
        Objects.requireNonNull(frontMatter, "frontMatter");
    }
}
