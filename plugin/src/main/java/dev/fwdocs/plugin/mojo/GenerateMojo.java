package dev.fwdocs.plugin.mojo;

import dev.fwdocs.plugin.generate.GenerateRequest;
import dev.fwdocs.plugin.generate.Generator;
import dev.fwdocs.plugin.generate.OutputWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import dev.fwdocs.plugin.bundle.BundleOutput;
import dev.fwdocs.plugin.output.Layout;

/**
 * Generates the selected outputs (firewall scripts, data export, script bundles, Markdown pages, HTML site; see
 * {@code outputs}) of every product and version in the catalog into {@code outputDirectory}, and attaches the
 * bundles to the build (see {@code attachBundles}). It never overwrites or deletes a file it did not generate. When
 * nothing changed since the last run (catalog files, templates, configuration, plugin) it renders and writes
 * nothing; when only some products' catalog files changed, only those render.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true, requiresProject = true)
public class GenerateMojo extends AbstractRenderMojo {

    /** Skip this goal only. */
    @Parameter(property = "fwdocs.generate.skip", defaultValue = "false")
    private boolean skipGenerate;

    /**
     * Keep an up-to-date state (under {@code target/fwdocs-state}) and render only what changed; false renders and
     * compares everything on every run.
     */
    @Parameter(property = "fwdocs.incremental", defaultValue = "true")
    private boolean incremental;

    /** Attach the bundles to the project (classifier {@code <product>-<version>-firewall}, zip and tar.gz). */
    @Parameter(property = "fwdocs.attachBundles", defaultValue = "true")
    private boolean attachBundles;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Component
    private MavenProjectHelper projectHelper;

    @Override
    protected String goal() {
        return "generate";
    }

    @Override
    protected boolean goalSkipped() {
        return skipGenerate;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        GenerateRequest request = request();
        Path state = incremental ? stateFile() : null;
        if (!incremental) {
            // A full run leaves no state behind that a later incremental run could trust.
            try {
                java.nio.file.Files.deleteIfExists(stateFile());
            } catch (java.io.IOException e) {
                throw new MojoExecutionException("fwdocs: cannot remove " + stateFile() + ": " + e.getMessage(), e);
            }
        }
        Generator.Outcome outcome = call(() -> Generator.generate(request, state));
        warn(outcome.warnings());
        if (outcome.upToDate()) {
            getLog().info("fwdocs: up to date, nothing rendered or written (" + outcome.keptProducts().size() + " "
                    + ValidateMojo.plural(outcome.keptProducts().size(), "product") + " in "
                    + display(request.outputDir()) + " as the last run left them)");
        } else {
            summary(outcome);
        }
        attachBundles(request);
    }

    /**
     * Attaches each bundle the output folder holds as fwdocs wrote it (its manifest lists it), also when the run was
     * up to date, so that {@code mvn install} and {@code mvn deploy} publish them: type {@code zip} or
     * {@code tar.gz}, classifier {@code <product>-<version>-firewall}.
     */
    private void attachBundles(GenerateRequest request) throws MojoExecutionException {
        if (!attachBundles || project == null || projectHelper == null
                || request.outputs().stream().noneMatch(o -> o.id().equals(BundleOutput.ID))) {
            return;
        }
        List<String> attached = new ArrayList<>();
        try {
            String root = Layout.standard().bundlesRoot() + "/";
            for (String path : OutputWriter.generated(request.outputDir())) {
                String name = path.substring(path.lastIndexOf('/') + 1);
                String type = name.endsWith(".tar.gz") ? "tar.gz" : name.endsWith(".zip") ? "zip" : null;
                if (path.startsWith(root) && type != null) {
                    String classifier = name.substring(0, name.length() - type.length() - 1);
                    projectHelper.attachArtifact(project, type, classifier,
                            request.outputDir().resolve(path).toFile());
                    attached.add(name);
                }
            }
        } catch (java.io.IOException e) {
            throw new MojoExecutionException("fwdocs: cannot read the bundles in " + display(request.outputDir())
                    + ": " + e.getMessage(), e);
        }
        if (!attached.isEmpty()) {
            // A few names on the line (a large catalog attaches hundreds); all of them at debug level (-X).
            int shown = Math.min(attached.size(), 4);
            getLog().info("fwdocs: attached " + attached.size() + " bundles to " + project.getArtifactId() + ": "
                    + String.join(", ", attached.subList(0, shown))
                    + (attached.size() > shown ? " and " + (attached.size() - shown) + " more" : ""));
            if (getLog().isDebugEnabled()) {
                getLog().debug("fwdocs: attached bundles: " + String.join(", ", attached));
            }
        }
    }

    /** The summary: per folder what was written, then what was rendered and what was kept. */
    private void summary(Generator.Outcome outcome) {
        for (Map.Entry<Path, OutputWriter.Result> e : outcome.folders().entrySet()) {
            OutputWriter.Result r = e.getValue();
            getLog().info(String.format("fwdocs: %s: %d written, %d unchanged, %d stale removed",
                    display(e.getKey()), r.written(), r.unchanged(), r.deleted()));
        }
        List<String> parts = new ArrayList<>();
        parts.add(outcome.renderedProducts().size() + " " + ValidateMojo.plural(outcome.renderedProducts().size(),
                "product") + " rendered " + outcome.renderedProducts());
        if (!outcome.keptProducts().isEmpty()) {
            parts.add(outcome.keptProducts().size() + " up to date " + outcome.keptProducts());
        }
        OutputWriter.Result t = outcome.written();
        int files = t.written() + t.unchanged();
        getLog().info(String.format("fwdocs: %s; %d %s (%d written, %d unchanged, %d stale removed)",
                String.join(", ", parts), files, ValidateMojo.plural(files, "file"), t.written(), t.unchanged(),
                t.deleted()));
    }

    /** The up-to-date state of this execution: one file per execution id, so executions do not share one. */
    private Path stateFile() {
        // Maven always names the execution; an embedder or test harness may not.
        String id = mojoExecution == null || mojoExecution.getExecutionId() == null
                ? "default" : mojoExecution.getExecutionId();
        return baseDir.toPath().resolve(buildDirectory.toPath()).resolve("fwdocs-state")
                .resolve(id.replaceAll("[^A-Za-z0-9._-]", "_") + ".state");
    }
}
