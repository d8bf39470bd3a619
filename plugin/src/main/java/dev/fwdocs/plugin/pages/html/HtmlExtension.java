package dev.fwdocs.plugin.pages.html;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The filters the HTML templates use for catalog Markdown: {@code md} (blocks: a summary, a note) and
 * {@code mdinline} (one line: a description). Everything else a template prints is escaped by Pebble's HTML
 * auto-escaping.
 */
final class HtmlExtension extends AbstractExtension {

    private final CatalogMarkdown markdown;

    HtmlExtension(CatalogMarkdown markdown) {
        this.markdown = markdown;
    }

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of("md", filter(markdown::block), "mdinline", filter(markdown::inline));
    }

    private static Filter filter(UnaryOperator<String> f) {
        return new Filter() {
            @Override
            public List<String> getArgumentNames() {
                return List.of();
            }

            @Override
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                    int lineNumber) {
                return new SafeString(input == null ? "" : f.apply(input.toString()));
            }
        };
    }
}
