package dev.fwdocs.plugin.mojo;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.ProductCatalog;
import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Checks the catalog and prints every problem with its location; fails the build when there is an error. */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true, requiresProject = true)
public class ValidateMojo extends AbstractMojo {

    /** The catalog: one YAML file, or a folder searched for {@code .yaml}/{@code .yml} files (one product each). */
    @Parameter(property = "fwdocs.catalog", defaultValue = "${project.basedir}/src/fwdocs/catalog")
    private File catalog;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File baseDir;

    /** Skip this goal. */
    @Parameter(property = "fwdocs.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("fwdocs: skipped (fwdocs.skip=true)");
            return;
        }
        Catalog result = Catalogs.read(baseDir.toPath(), catalog.toPath(), getLog());
        int versions = 0;
        int roles = 0;
        int rules = 0;
        for (ProductCatalog p : result.products()) {
            versions += p.product().versions().size();
            roles += p.roles().size();
            rules += p.rules().size();
        }
        getLog().info(String.format("fwdocs: catalog OK: %d %s, %d %s, %d %s, %d %s%s",
                result.products().size(), plural(result.products().size(), "product"),
                versions, plural(versions, "version"), roles, plural(roles, "role"), rules, plural(rules, "rule"),
                result.warnings().isEmpty() ? "" : ", " + result.warnings().size() + " "
                        + plural(result.warnings().size(), "warning")));
    }

    static String plural(int n, String word) {
        return n == 1 ? word : word + "s";
    }
}
