package dev.fwdocs.plugin.mojo;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * What every fwdocs goal takes: the catalog, the project folder paths resolve against, and the skips. As everywhere in
 * Maven, a value configured in the pom wins over the {@code -D} property of the same name; a pom that wants a property
 * to override it writes the property into the value ({@code <catalog>${fwdocs.catalog}</catalog>} with a default
 * in {@code <properties>}).
 */
public abstract class AbstractFwdocsMojo extends AbstractMojo {

    /** Where the catalog is by default, relative to the project folder. */
    static final String DEFAULT_CATALOG = "src/fwdocs/catalog";

    /**
     * The catalog: one YAML file, or a folder searched for {@code .yaml}/{@code .yml} files (one product each),
     * relative to the project folder. Default {@code src/fwdocs/catalog}; a {@code pom} module (an aggregator)
     * without a catalog there is skipped with one line, while a catalog named here that does not exist is an error.
     */
    @Parameter(property = "fwdocs.catalog")
    protected File catalog;

    /**
     * The catalog as a Maven artifact, {@code groupId:artifactId:version}: a jar of catalog files ({@code .yaml} or
     * {@code .yml}, one product each, in any folder), released on its own so that several doc repositories share one
     * canonical catalog. Resolved through the project's repositories (offline from the local repository with
     * {@code -o}) and unpacked into {@code target/fwdocs-catalog/<artifactId>-<version>}; instead of {@code catalog}.
     */
    @Parameter(property = "fwdocs.catalogArtifact")
    protected String catalogArtifact;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    protected File baseDir;

    /** The build folder: the unpacked catalog artifact and the up-to-date state go there. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    protected File buildDirectory;

    @Component
    private RepositorySystem repositorySystem;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
    private RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    private List<RemoteRepository> remoteRepositories;

    /** The unpacked catalog artifact, once resolved. */
    private Path unpacked;

    @Parameter(defaultValue = "${project.packaging}", readonly = true)
    protected String packaging;

    /** Skip every fwdocs goal. */
    @Parameter(property = "fwdocs.skip", defaultValue = "false")
    protected boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("fwdocs: skipped (fwdocs.skip=true)");
            return;
        }
        if (goalSkipped()) {
            getLog().info("fwdocs: " + goal() + " skipped (fwdocs." + goal() + ".skip=true)");
            return;
        }
        if (catalogArtifact != null && !catalogArtifact.isBlank()) {
            if (catalog != null) {
                throw new MojoFailureException("fwdocs: set <catalog> or <catalogArtifact>, not both");
            }
            unpacked = CatalogArtifact.unpack(catalogArtifact.strip(), repositorySystem, repositorySession,
                    remoteRepositories, baseDir.toPath().resolve(buildDirectory.toPath()).resolve("fwdocs-catalog"));
            getLog().info("fwdocs: catalog " + catalogArtifact.strip() + " unpacked into "
                    + new dev.fwdocs.catalog.read.CatalogReader(baseDir.toPath()).display(unpacked));
        } else if (catalog == null && "pom".equals(packaging) && !Files.exists(catalogPath())) {
            getLog().info("fwdocs: no catalog at " + DEFAULT_CATALOG + " in this pom module; nothing to do (set "
                    + "<catalog> to use one)");
            return;
        }
        run();
    }

    /** The goal's name, for its skip property ({@code fwdocs.<goal>.skip}). */
    protected abstract String goal();

    /** This goal's own skip flag. */
    protected abstract boolean goalSkipped();

    /** The catalog's path, resolved against the project folder (not the folder Maven runs in). */
    protected Path catalogPath() {
        if (unpacked != null) {
            return unpacked;
        }
        return baseDir.toPath().resolve(catalog == null ? Path.of(DEFAULT_CATALOG) : catalog.toPath());
    }

    /** The goal's work, when it is not skipped. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;
}
