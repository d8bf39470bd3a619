package dev.fwdocs.plugin.generate;

import dev.fwdocs.plugin.output.Output;
import dev.fwdocs.plugin.pages.Distro;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one {@code fwdocs:generate} run needs, with paths already resolved against the project folder: the
 * selected backends and outputs, and the page settings. {@code templateOverrides} may be null (no overrides).
 * {@code movedOutputs} maps an output id to the folder its files go to instead of their place in {@code outputDir}
 * (the pages of a flavor written into the site); {@code mergeIdenticalTabs} shows distros whose commands are the same
 * on a page as one tab.
 */
public record GenerateRequest(Path baseDir, Path catalog, Path outputDir, List<RuleBackend> backends,
        List<Output> outputs, List<Distro> distros, FrontMatterSettings frontMatter, Path templateOverrides,
        Map<String, Path> movedOutputs, boolean mergeIdenticalTabs) {

    /** A request that writes everything into {@code outputDir} and merges identical tabs. */
    public GenerateRequest(Path baseDir, Path catalog, Path outputDir, List<RuleBackend> backends,
            List<Output> outputs, List<Distro> distros, FrontMatterSettings frontMatter, Path templateOverrides) {
        this(baseDir, catalog, outputDir, backends, outputs, distros, frontMatter, templateOverrides, Map.of(), true);
    }

    public GenerateRequest {
        movedOutputs = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(movedOutputs));
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(outputDir, "outputDir");
        backends = List.copyOf(backends);
        outputs = List.copyOf(outputs);
        distros = List.copyOf(distros);
        Objects.requireNonNull(frontMatter, "frontMatter");
    }
}
