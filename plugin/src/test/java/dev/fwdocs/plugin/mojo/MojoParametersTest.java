package dev.fwdocs.plugin.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.testing.Catalogs;
import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goals' parameter handling and error mapping, with the parameters set as Maven injects them (defaults included,
 * as the plugin descriptor gives them): skips, the pom module without a catalog, a missing explicit catalog,
 * configuration mistakes listed together, a bad catalog as located diagnostics, drift as a failure naming the fix.
 */
class MojoParametersTest {

    /** The log lines of a goal, INFO and WARN. */
    private static final class Captured extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public void info(CharSequence content) {
            lines.add("INFO " + content);
        }

        @Override
        public void warn(CharSequence content) {
            lines.add("WARN " + content);
        }
    }

    private static void set(Object mojo, String name, Object value) throws Exception {
        for (Class<?> c = mojo.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                f.set(mojo, value);
                return;
            } catch (NoSuchFieldException e) {
                // up the hierarchy
            }
        }
        throw new NoSuchFieldException(name);
    }

    /** A goal with the descriptor's defaults for a project in {@code project}. */
    private static <T extends AbstractMojo> T mojo(T mojo, Path project, String packaging) throws Exception {
        set(mojo, "baseDir", project.toFile());
        set(mojo, "packaging", packaging);
        set(mojo, "buildDirectory", project.resolve("target").toFile());
        if (mojo instanceof AbstractRenderMojo) {
            set(mojo, "outputDirectory", project.resolve("target/fwdocs").toFile());
            set(mojo, "scripts", true);
            set(mojo, "flavors", new ArrayList<>(List.of("plain")));
            set(mojo, "templateDirectory", project.resolve("src/fwdocs/templates").toFile());
            set(mojo, "mergeIdenticalTabs", true);
        }
        if (mojo instanceof GenerateMojo) {
            set(mojo, "incremental", true);
        }
        mojo.setLog(new Captured());
        return mojo;
    }

    private static List<String> log(AbstractMojo mojo) {
        return ((Captured) mojo.getLog()).lines;
    }

    private static Path project(Path dir) throws Exception {
        Path catalog = dir.resolve("src/fwdocs/catalog/minimal.yaml");
        Files.createDirectories(catalog.getParent());
        Files.copy(Catalogs.FEATURES.resolve("minimal.yaml"), catalog);
        return dir;
    }

    @Test
    void skipsAndThePomModuleWithoutACatalog(@TempDir Path dir) throws Exception {
        GenerateMojo skipped = mojo(new GenerateMojo(), project(dir), "jar");
        set(skipped, "skip", true);
        skipped.execute();
        assertEquals(List.of("INFO fwdocs: skipped (fwdocs.skip=true)"), log(skipped));
        CheckMojo check = mojo(new CheckMojo(), dir, "jar");
        set(check, "skipCheck", true);
        check.execute();
        assertEquals(List.of("INFO fwdocs: check skipped (fwdocs.check.skip=true)"), log(check));
        assertFalse(Files.exists(dir.resolve("target")));

        Path aggregator = dir.resolve("aggregator");
        Files.createDirectories(aggregator);
        ValidateMojo v = mojo(new ValidateMojo(), aggregator, "pom");
        v.execute();
        assertEquals(1, log(v).size());
        assertTrue(log(v).get(0).startsWith("INFO fwdocs: no catalog at src/fwdocs/catalog in this pom module"));

        // Named explicitly, a missing catalog is an error, also in a pom module; a jar module without one too.
        ValidateMojo explicit = mojo(new ValidateMojo(), aggregator, "pom");
        set(explicit, "catalog", new File("src/fwdocs/catalog"));
        MojoFailureException e = assertThrows(MojoFailureException.class, explicit::execute);
        assertTrue(e.getMessage().contains("src/fwdocs/catalog: the catalog does not exist"), e.getMessage());
        assertThrows(MojoFailureException.class, mojo(new GenerateMojo(), aggregator, "jar")::execute);
    }

    @Test
    void configurationMistakesAreListedTogetherAndABadCatalogIsLocated(@TempDir Path dir) throws Exception {
        GenerateMojo g = mojo(new GenerateMojo(), project(dir), "jar");
        set(g, "flavors", new ArrayList<>(List.of("plain,nosuch")));
        set(g, "backends", new ArrayList<>(List.of("pf")));
        MojoFailureException e = assertThrows(MojoFailureException.class, g::execute);
        assertTrue(e.getMessage().contains("<flavors>: unknown flavor 'nosuch'"), e.getMessage());
        assertTrue(e.getMessage().contains("<backends>: "), e.getMessage());

        Path file = dir.resolve("src/fwdocs/catalog/minimal.yaml");
        Files.writeString(file, Files.readString(file).replace("ports: 443", "ports: 70000"));
        e = assertThrows(MojoFailureException.class, mojo(new GenerateMojo(), dir, "jar")::execute);
        assertTrue(e.getMessage().contains("src/fwdocs/catalog/minimal.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("fix them in the catalog"), e.getMessage());
    }

    @Test
    void generateThenCheckThenDriftFailsNamingTheFix(@TempDir Path dir) throws Exception {
        GenerateMojo g = mojo(new GenerateMojo(), project(dir), "jar");
        g.execute();
        assertTrue(log(g).stream().anyMatch(l -> l.startsWith("INFO fwdocs: 1 product rendered [minimal];")),
                log(g).toString());
        GenerateMojo again = mojo(new GenerateMojo(), dir, "jar");
        again.execute();
        assertTrue(log(again).get(log(again).size() - 1).startsWith("INFO fwdocs: up to date, nothing rendered"));

        CheckMojo ok = mojo(new CheckMojo(), dir, "jar");
        ok.execute();
        assertTrue(log(ok).get(log(ok).size() - 1).startsWith("INFO fwdocs: check OK: "), log(ok).toString());

        Path page = dir.resolve("target/fwdocs/pages/plain/minimal/1.0/index.md");
        Files.writeString(page, Files.readString(page) + "edited\n");
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo(new CheckMojo(), dir, "jar")::execute);
        assertTrue(e.getMessage().contains("differs: target/fwdocs/pages/plain/minimal/1.0/index.md:"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Run 'mvn fwdocs:generate'"), e.getMessage());
    }
}
