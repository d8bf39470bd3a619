package dev.fwdocs.plugin.pages.markdown;

import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.pages.Templates;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/**
 * The Pebble filters and functions the Markdown templates use to escape catalog text for one flavor
 * ({@code text}, {@code cell}, {@code md}, {@code mdinline}, {@code mdcell}, {@code code}, {@code codecell},
 * {@code codeblock(lang)}, {@code indent(n)}) and to link pages ({@code link(path)}).
 */
final class MarkdownExtension extends AbstractExtension {

    private final Flavor flavor;
    private final MarkdownEscaper esc;

    MarkdownExtension(Flavor flavor) {
        this.flavor = flavor;
        this.esc = new MarkdownEscaper(flavor);
    }

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of(
                "text", Templates.filter(esc::text, false),
                "navtext", Templates.filter(esc::navText, false),
                "cell", Templates.filter(esc::cellText, false),
                "md", Templates.filter(esc::markdown, false),
                "mdinline", Templates.filter(esc::inlineMarkdown, false),
                "mdcell", Templates.filter(esc::cellMarkdown, false),
                "code", Templates.filter(esc::code, false),
                "codecell", Templates.filter(esc::cellCode, false),
                "codeblock", new CodeBlock(),
                "indent", new Indent());
    }

    @Override
    public Map<String, Function> getFunctions() {
        return Map.of("link", new Link());
    }

    /**
     * A page link for this flavor, from a path relative to the current page without extension ({@code 2.4/index});
     * {@code folder} is the current page's folder in its product's folder ({@code 2.4}, {@code latest}), or null
     * for a page in the product's folder itself.
     */
    String link(String path, String folder) {
        return switch (flavor) {
            case HUGO -> {
                String file = path.equals("index") || path.endsWith("/index")
                        ? path.substring(0, path.length() - "index".length()) + "_index.md" : path + ".md";
                yield "{{< relref \"" + file + "\" >}}";
            }
            case DOCUSAURUS -> path + ".mdx";
            case JEKYLL -> jekyll(path, folder) + ".md";
            default -> path + ".md";
        };
    }

    /**
     * jekyll-relative-links joins the page's folder and the link, then unescapes that path as a form value, where
     * '+' is a space (a version such as {@code 1.0+build.5}): the link writes '+' as {@code %2B} ({@link Layout#href}),
     * and a page in such a folder links from its parent, so that the folder's own name is not read with a space.
     */
    static String jekyll(String path, String folder) {
        return Layout.href(folder != null && folder.indexOf('+') >= 0 ? "../" + folder + "/" + path : path);
    }

    private final class CodeBlock implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of("language");
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                int lineNumber) {
            Object lang = args.get("language");
            return esc.codeBlock(input == null ? "" : input.toString(), lang == null ? null : lang.toString());
        }
    }

    /** Indents every non-empty line (MkDocs tab content); empty lines stay empty so no trailing spaces appear. */
    private static final class Indent implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of("width");
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                int lineNumber) {
            int width = ((Number) args.getOrDefault("width", 4L)).intValue();
            String pad = " ".repeat(width);
            String[] lines = (input == null ? "" : input.toString()).split("\n", -1);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    sb.append('\n');
                }
                if (!lines[i].isBlank()) {
                    sb.append(pad).append(lines[i]);
                }
            }
            return sb.toString();
        }
    }

    private final class Link implements Function {
        @Override
        public List<String> getArgumentNames() {
            return List.of("path");
        }

        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                int lineNumber) {
            String path = String.valueOf(args.get("path"));
            // A version's folder may not be its name (Hugo pages with a slug): the page passes the folders.
            Object folders = context.getVariable("folders");
            int slash = path.indexOf('/');
            if (folders instanceof Map<?, ?> map && slash > 0 && map.get(path.substring(0, slash)) != null) {
                path = map.get(path.substring(0, slash)) + path.substring(slash);
            }
            Object folder = context.getVariable("pageFolder");
            return link(path, folder == null ? null : folder.toString());
        }
    }
}
