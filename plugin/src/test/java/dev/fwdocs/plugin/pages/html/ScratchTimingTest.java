package dev.fwdocs.plugin.pages.html;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.plugin.model.Model;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.output.OutputContext;
import dev.fwdocs.plugin.pages.Fixtures;
import dev.fwdocs.plugin.pages.markdown.Flavor;
import dev.fwdocs.plugin.pages.markdown.MarkdownPages;
import dev.fwdocs.plugin.rules.BackendRegistry;
import org.junit.jupiter.api.Test;

class ScratchTimingTest {
    @Test
    void time() throws Exception {
        var backends = BackendRegistry.standard().all();
        Model model = Model.facts(new Catalog(Fixtures.seedCatalogs(), java.util.List.of())).planned(backends);
        for (int round = 0; round < 12; round++) {
            OutputContext ctx = new OutputContext(model, Layout.standard(), BackendRegistry.defaultDistros(backends),
                    dev.fwdocs.plugin.pages.FrontMatterSettings.defaults(), null);
            long t0 = System.nanoTime();
            ctx.pages();
            long t1 = System.nanoTime();
            var files = HtmlSite.render(ctx);
            long t2 = System.nanoTime();
            var md = MarkdownPages.render(ctx, Flavor.PLAIN);
            long t3 = System.nanoTime();
            long bytes = files.stream().mapToLong(f -> f.content().length).sum();
            System.out.printf("round %d: page model %.1f ms, html %d files %d KB %.1f ms, markdown-plain %d files %.1f ms%n",
                    round, (t1 - t0) / 1e6, files.size(), bytes / 1024, (t2 - t1) / 1e6, md.size(), (t3 - t2) / 1e6);
        }
    }
}
