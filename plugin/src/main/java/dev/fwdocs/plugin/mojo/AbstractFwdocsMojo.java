package dev.fwdocs.plugin.mojo;

import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What every fwdocs goal takes: the catalog, the project folder paths resolve against, and {@code skip}. */
public abstract class AbstractFwdocsMojo extends AbstractMojo {

    /** The catalog: one YAML file, or a folder searched for {@code .yaml}/{@code .yml} files (one product each). */
    @Parameter(property = "fwdocs.catalog", defaultValue = "${project.basedir}/src/fwdocs/catalog")
    protected File catalog;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    protected File baseDir;

    /** Skip this goal. */
    @Parameter(property = "fwdocs.skip", defaultValue = "false")
    protected boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("fwdocs: skipped (fwdocs.skip=true)");
            return;
        }
        run();
    }

    /** The goal's work, when it is not skipped. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;
}
