package dev.fwdocs.plugin.generate;

import dev.fwdocs.plugin.output.Output;
import dev.fwdocs.plugin.pages.Distro;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything one {@code fwdocs:generate} run needs, with paths already resolved against the project folder: the
 * selected backends and outputs, and the page settings. {@code templateOverrides} may be null (no overrides).
 */
public record GenerateRequest(Path baseDir, Path catalog, Path outputDir, List<RuleBackend> backends,
        List<Output> outputs, List<Distro> distros, FrontMatterSettings frontMatter, Path templateOverrides) {

    public GenerateRequest {
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(outputDir, "outputDir");
        backends = List.copyOf(backends);
        outputs = List.copyOf(outputs);
        distros = List.copyOf(distros);
        Objects.requireNonNull(frontMatter, "frontMatter");
    }
}
