package dev.fwdocs.plugin.pages.html;

import dev.fwdocs.plugin.testing.Command;
import dev.fwdocs.plugin.testing.Environment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every page of the site (every seed, the escaping and the hostile catalog) is valid HTML5 by the Nu HTML Checker
 * ({@code vnu.jar} from npm's vnu-jar, run on this JVM), with zero errors.
 */
@Tag("browser")
class HtmlValidityTest {

    @Test
    void everyPageIsValidHtml5() throws Exception {
        Path vnu = Environment.requireTool("vnu", "FWDOCS_VNU", HtmlBrowserTest.INSTALL).toRealPath();
        Path jar = vnu.getParent().resolve("build/dist/vnu.jar");
        assertTrue(Files.isRegularFile(jar), "no vnu.jar next to " + vnu);
        Path dir = Path.of("target/vnu-site").toAbsolutePath();
        var site = Sites.fullSite(Sites.catalogs());
        Sites.write(dir, site);
        long pages = site.keySet().stream().filter(p -> p.endsWith(".html")).count();
        assertTrue(pages >= 50, "pages: " + pages);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Command.Result r = Command.of(List.of(java.toString(), "-jar", jar.toString(), "--errors-only",
                "--format", "gnu", "--skip-non-html", dir.resolve("site").toString())).in(dir).mergeErrors().run();
        assertEquals("", r.output().strip(), "the Nu HTML Checker found errors");
        assertEquals(0, r.exit(), r.output());
    }
}
