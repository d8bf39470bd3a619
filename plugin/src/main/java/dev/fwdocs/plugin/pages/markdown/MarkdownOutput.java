package dev.fwdocs.plugin.pages.markdown;

import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.plugin.model.ProductModel;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.output.Output;
import dev.fwdocs.plugin.output.OutputContext;
import dev.fwdocs.plugin.render.GeneratedFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * For Hugo, the slug names each version's folder ({@link MarkdownPages#folders}): every folder must be one path
     * segment, and the folders of a product's versions and of {@code latest} must differ.
     */
    @Override
    public List<Diagnostic> unsupported(OutputContext context) {
        List<Diagnostic> out = new ArrayList<>();
        if (flavor != Flavor.HUGO || context.frontMatter().slug() == null) {
            return out;
        }
        for (ProductModel p : context.model().products()) {
            var product = p.catalog().product();
            Map<String, String> folders = MarkdownPages.folders(flavor, context.frontMatter(), product.name(), p.id(),
                    p.versions().stream().map(v -> v.version()).toList());
            Map<String, String> seen = new HashMap<>();
            var at = product.location();
            folders.forEach((version, folder) -> {
                if (folder.isBlank() || folder.equals(".") || folder.equals("..") || folder.matches(".*[/\\\\].*")) {
                    out.add(Diagnostic.error(at, "frontMatter slug '" + context.frontMatter().slug() + "' gives "
                            + "version " + version + " of " + p.id() + " the folder '" + folder + "', which is not "
                            + "one folder name (Hugo takes a section's URL from its folder)"));
                } else if (seen.putIfAbsent(folder, version) != null) {
                    out.add(Diagnostic.error(at, "frontMatter slug '" + context.frontMatter().slug() + "' gives "
                            + "versions " + seen.get(folder) + " and " + version + " of " + p.id() + " the same "
                            + "folder '" + folder + "'; put {version} in it"));
                }
            });
        }
        return out;
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
