package dev.fwdocs.plugin.pages.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.testing.Catalogs;
import dev.fwdocs.plugin.testing.Command;
import dev.fwdocs.plugin.testing.Environment;
import dev.fwdocs.plugin.testing.GeneratedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hugo flavor, copied over a minimal site skeleton with the shipped shortcodes, builds with Debian's {@code hugo}
 * without errors or warnings; tabs render and every link between the pages resolves.
 */
@Tag("sitegen")
class HugoBuildTest {

    private static final Path SKELETON = Path.of("src/test/resources/pages/hugo-site").toAbsolutePath();

    @Test
    void hugoBuildsTheGeneratedPages(@TempDir Path dir) throws Exception {
        Path hugo = Environment.requireTool("hugo", "FWDOCS_HUGO", "apt-get install hugo");
        Path site = dir.resolve("site");
        try (Stream<Path> s = Files.walk(SKELETON)) {
            for (Path p : s.toList()) {
                Path target = site.resolve(SKELETON.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        List<GeneratedFile> files = MarkdownPages.render(PageRequest.of(Catalogs.all(), Flavor.HUGO,
                BackendRegistry.standard().all()));
        String root = Layout.standard().pagesRoot(Flavor.HUGO) + "/";
        GeneratedFiles.write(site, files.stream().map(f -> new GeneratedFile(f.path().substring(root.length()),
                f.content(), false)).toList());
        Path out = dir.resolve("public");
        Command.Result r = Command.of(hugo.toString(), "--source", site.toString(), "--destination",
                out.toString(), "--cacheDir", dir.resolve("cache").toString(), "--printPathWarnings").in(site)
                .timeout(Duration.ofMinutes(5)).mergeErrors().run();
        assertEquals(0, r.exit(), "hugo failed:\n" + r.output());
        assertFalse(Pattern.compile("(?m)^(WARN|ERROR)").matcher(r.output()).find(), "hugo warned:\n" + r.output());

        String overview = Files.readString(out.resolve("storageos/latest/index.html"));
        assertTrue(overview.contains("class=\"fwdocs-tab-input\""), "tabs did not render");
        assertTrue(overview.contains("<label class=\"fwdocs-tab-label\" for=\"fwdocs-tabs-1-0\">Ubuntu / Debian</label>"),
                overview);
        assertFalse(overview.contains("{{&lt;") || overview.contains("{{<"), "a shortcode was left unexpanded");
        String escaping = Files.readString(out.resolve("escaping/2.0/index.html"));
        assertFalse(escaping.contains("<script>alert"), "catalog HTML reached the site");
        Matcher links = Pattern.compile("href=\"(/[^\"#]*)\"").matcher(Files.readString(out.resolve("storageos/index.html"))
                + overview);
        int count = 0;
        while (links.find()) {
            Path target = out.resolve(links.group(1).substring(1)).resolve("index.html");
            assertTrue(Files.isRegularFile(target), "broken link " + links.group(1));
            count++;
        }
        assertTrue(count >= 5, "expected links between version pages, found " + count);
    }
}
