package dev.fwdocs.plugin.pages.markdown;

import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.output.Output;
import dev.fwdocs.plugin.output.OutputContext;
import dev.fwdocs.plugin.render.GeneratedFile;
import java.util.Arrays;
import java.util.List;

/** The Markdown pages of one flavor ({@code markdown-hugo}, ...), printed from the shared page model. */
public final class MarkdownOutput implements Output {

    private final Flavor flavor;

    public MarkdownOutput(Flavor flavor) {
        this.flavor = java.util.Objects.requireNonNull(flavor, "flavor");
    }

    /** One output per flavor, in the flavors' order. */
    public static List<Output> all() {
        return Arrays.stream(Flavor.values()).<Output>map(MarkdownOutput::new).toList();
    }

    /** The id of a flavor's output: {@code markdown-<flavor>}. */
    public static String id(Flavor flavor) {
        return "markdown-" + flavor.id();
    }

    public Flavor flavor() {
        return flavor;
    }

    @Override
    public String id() {
        return id(flavor);
    }

    @Override
    public String description() {
        return "Markdown pages for " + flavor.id();
    }

    @Override
    public boolean byDefault() {
        return false;
    }

    @Override
    public String movableFolder(Layout layout) {
        return layout.pagesRoot(flavor);
    }

    @Override
    public List<GeneratedFile> render(OutputContext context) {
        return MarkdownPages.render(context, flavor);
    }
}
