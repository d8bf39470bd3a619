package dev.fwdocs.plugin.generate;

import dev.fwdocs.plugin.rules.RuleBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Everything one {@code fwdocs:generate} run needs, with paths already resolved against the project folder. */
public record GenerateRequest(Path baseDir, Path catalog, Path outputDir, List<RuleBackend> backends) {

    public GenerateRequest {
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(outputDir, "outputDir");
        backends = List.copyOf(backends);
    }
}
