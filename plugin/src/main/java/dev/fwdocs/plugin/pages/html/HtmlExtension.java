package dev.fwdocs.plugin.pages.html;

import dev.fwdocs.plugin.pages.Templates;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import java.util.Map;

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
        return Map.of("md", Templates.filter(markdown::block, true), "mdinline",
                Templates.filter(markdown::inline, true));
    }
}
