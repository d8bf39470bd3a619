package dev.fwdocs.plugin.pages.html;

import dev.fwdocs.plugin.output.FileSink;
import dev.fwdocs.plugin.output.Output;
import dev.fwdocs.plugin.output.OutputContext;
import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.IOException;
import java.util.List;

/** The standalone HTML site ({@code site/}), printed from the shared page model; see {@link HtmlSite}. */
public final class HtmlOutput implements Output {

    /** The id users select the site by. */
    public static final String ID = "html";

    @Override
    public PlanUse planUse() {
        return PlanUse.PAGE_MODEL;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "a standalone, versioned HTML site (site/)";
    }

    @Override
    public List<GeneratedFile> render(OutputContext context) {
        return HtmlSite.render(context);
    }

    @Override
    public void render(OutputContext context, FileSink sink) throws IOException {
        HtmlSite.render(context, sink);
    }
}
