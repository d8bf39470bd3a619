package dev.fwdocs.plugin.mojo;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code <frontMatter>} block of the plugin configuration; unset fields keep fwdocs' defaults. */
public class FrontMatterConfig {

    /** Title of version pages; {@code {product}}, {@code {id}} and {@code {version}} are replaced. */
    String title;

    /** Title of changelog pages. */
    String changelogTitle;

    /** Title of a product's index page. */
    String indexTitle;

    /** Weight (order) of the product's pages in the site's navigation. */
    Integer weight;

    /** Layout name (Jekyll, Hugo). */
    String layout;

    /** Slug pattern. */
    String slug;

    /** {@code yaml} (default) or {@code toml} (Hugo only). */
    String format;

    /** Extra keys copied into every page's front matter. */
    Map<String, String> extra = new LinkedHashMap<>();
}
