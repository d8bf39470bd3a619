package dev.fwdocs.plugin.mojo;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.ProductCatalog;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Checks the catalog and prints every problem with its location; fails the build when there is an error. */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true, requiresProject = true)
public class ValidateMojo extends AbstractFwdocsMojo {

    /** Skip this goal only. */
    @Parameter(property = "fwdocs.validate.skip", defaultValue = "false")
    private boolean skipValidate;

    @Override
    protected String goal() {
        return "validate";
    }

    @Override
    protected boolean goalSkipped() {
        return skipValidate;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Catalog result = Catalogs.read(baseDir.toPath(), catalogPath(), getLog());
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
