package dev.fwdocs.plugin.mojo;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

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

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    protected File baseDir;

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
        if (catalog == null && "pom".equals(packaging) && !Files.exists(catalogPath())) {
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
        return baseDir.toPath().resolve(catalog == null ? Path.of(DEFAULT_CATALOG) : catalog.toPath());
    }

    /** The goal's work, when it is not skipped. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;
}
