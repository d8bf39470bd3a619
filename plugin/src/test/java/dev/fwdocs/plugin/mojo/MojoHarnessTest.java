package dev.fwdocs.plugin.mojo;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * The goals as maven-plugin-testing-harness configures them from a test pom and the plugin descriptor (the
 * descriptor's defaults and the pom's configuration as Maven applies them): a bad catalog is a failure with located
 * messages in every goal that reads it, an unknown flavor a failure naming it, and the skips run nothing.
 */
@MojoTest
class MojoHarnessTest {

    private static final String BAD = "src/test/resources/mojo/bad";

    private static void assertLocated(MojoFailureException e) {
        assertTrue(e.getMessage().contains("src/fwdocs/catalog/shop.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("nosuchrole"), e.getMessage());
    }

    @Test
    @Basedir(BAD)
    @InjectMojo(goal = "validate", pom = "pom.xml")
    @MojoParameter(name = "baseDir", value = "${basedir}")
    @MojoParameter(name = "packaging", value = "jar")
    void validateLocatesTheErrorsOfABadCatalog(ValidateMojo mojo) {
        assertLocated(assertThrows(MojoFailureException.class, mojo::execute));
    }

    @Test
    @Basedir(BAD)
    @InjectMojo(goal = "generate", pom = "pom.xml")
    @MojoParameter(name = "baseDir", value = "${basedir}")
    @MojoParameter(name = "packaging", value = "jar")
    @MojoParameter(name = "outputDirectory", value = "${basedir}/target/fwdocs")
    @MojoParameter(name = "buildDirectory", value = "${basedir}/target")
    void generateLocatesTheErrorsOfABadCatalogAndWritesNothing(GenerateMojo mojo) {
        assertLocated(assertThrows(MojoFailureException.class, mojo::execute));
        // The test project is in the source tree: a failing run must leave it as it is.
        assertFalse(Files.exists(Path.of(BAD, "target")));
    }

    @Test
    @Basedir(BAD)
    @InjectMojo(goal = "check", pom = "pom.xml")
    @MojoParameter(name = "baseDir", value = "${basedir}")
    @MojoParameter(name = "packaging", value = "jar")
    @MojoParameter(name = "outputDirectory", value = "${basedir}/target/fwdocs")
    @MojoParameter(name = "buildDirectory", value = "${basedir}/target")
    void checkLocatesTheErrorsOfABadCatalog(CheckMojo mojo) {
        assertLocated(assertThrows(MojoFailureException.class, mojo::execute));
    }

    @Test
    @Basedir(BAD)
    @InjectMojo(goal = "generate", pom = "unknown-flavor.xml")
    @MojoParameter(name = "baseDir", value = "${basedir}")
    @MojoParameter(name = "packaging", value = "jar")
    @MojoParameter(name = "outputDirectory", value = "${basedir}/target/fwdocs")
    @MojoParameter(name = "buildDirectory", value = "${basedir}/target")
    void anUnknownFlavorIsAFailureNamingIt(GenerateMojo mojo) {
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("<flavors>: unknown flavor 'nosuch'"), e.getMessage());
    }

    @Test
    @Basedir(BAD)
    @InjectMojo(goal = "validate", pom = "pom.xml")
    @MojoParameter(name = "baseDir", value = "${basedir}")
    @MojoParameter(name = "packaging", value = "jar")
    @MojoParameter(name = "skip", value = "true")
    void fwdocsSkipSkipsValidate(ValidateMojo mojo) {
        assertDoesNotThrow(mojo::execute);
    }

    @Test
    @Basedir(BAD)
    @InjectMojo(goal = "generate", pom = "pom.xml")
    @MojoParameter(name = "baseDir", value = "${basedir}")
    @MojoParameter(name = "packaging", value = "jar")
    @MojoParameter(name = "outputDirectory", value = "${basedir}/target/fwdocs")
    @MojoParameter(name = "buildDirectory", value = "${basedir}/target")
    @MojoParameter(name = "skipGenerate", value = "true")
    void theGenerateSkipSkipsGenerate(GenerateMojo mojo) {
        assertDoesNotThrow(mojo::execute);
        assertFalse(Files.exists(Path.of(BAD, "target")));
    }

    @Test
    @Basedir(BAD)
    @InjectMojo(goal = "check", pom = "pom.xml")
    @MojoParameter(name = "baseDir", value = "${basedir}")
    @MojoParameter(name = "packaging", value = "jar")
    @MojoParameter(name = "outputDirectory", value = "${basedir}/target/fwdocs")
    @MojoParameter(name = "buildDirectory", value = "${basedir}/target")
    @MojoParameter(name = "skipCheck", value = "true")
    void theCheckSkipSkipsCheck(CheckMojo mojo) {
        assertDoesNotThrow(mojo::execute);
    }
}
