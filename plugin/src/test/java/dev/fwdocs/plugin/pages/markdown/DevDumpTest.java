package dev.fwdocs.plugin.pages.markdown;

import dev.fwdocs.plugin.pages.FakeBackend;
import dev.fwdocs.plugin.pages.Fixtures;
import dev.fwdocs.plugin.render.GeneratedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevDumpTest {
    @Test
    void dump() throws Exception {
        var cats = List.of(Fixtures.testCatalog("storageos.yaml"), Fixtures.testCatalog("chef-automate.yaml"),
                Fixtures.testCatalog("escaping.yaml"));
        for (Flavor f : Flavor.values()) {
            for (GeneratedFile g : MarkdownPages.render(PageRequest.of(cats, f, FakeBackend.all()))) {
                Path p = Path.of("target/dev-pages").resolve(g.path());
                Files.createDirectories(p.getParent());
                Files.write(p, g.content());
            }
        }
    }
}
