package dev.fwdocs.plugin.pages;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What goes into the front matter of generated pages. Titles and the slug are patterns in which {@code {product}}
 * (the product name), {@code {id}} (the product id) and {@code {version}} are replaced; a null value leaves the key
 * out. In titles {@code {version}} is the real version, also on the {@code latest} copy; in the slug it is the folder
 * ({@code latest} for the copy), so the copy's URL does not collide with its version's. {@code weight} orders the
 * product's index page; version pages are ordered newest first below it.
 */
public record FrontMatterSettings(String title, String changelogTitle, String indexTitle, Integer weight,
        String layout, String slug, Map<String, String> extra, Format format) {

    /** Front matter syntax for Hugo, which accepts both; every other generator reads YAML. */
    public enum Format { YAML, TOML }

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    public FrontMatterSettings {
        title = title == null ? "{product} {version} firewall ports" : title;
        changelogTitle = changelogTitle == null ? "{product} {version} port changes" : changelogTitle;
        indexTitle = indexTitle == null ? "{product} firewall ports" : indexTitle;
        format = format == null ? Format.YAML : format;
        Map<String, String> copy = new LinkedHashMap<>();
        if (extra != null) {
            extra.forEach((k, v) -> {
                Objects.requireNonNull(k, "front matter key");
                if (!KEY.matcher(k).matches()) {
                    throw new IllegalArgumentException("front matter key '" + k
                            + "' must be a plain key ([A-Za-z_][A-Za-z0-9_-]*)");
                }
                copy.put(k, Objects.requireNonNull(v, "value of front matter key " + k));
            });
        }
        extra = java.util.Collections.unmodifiableMap(copy);
    }

    /** Defaults: titles as above, no weight, layout or slug, no extra keys, YAML. */
    public static FrontMatterSettings defaults() {
        return new FrontMatterSettings(null, null, null, null, null, null, Map.of(), Format.YAML);
    }

    /** Replaces the placeholders of a pattern. */
    public static String expand(String pattern, String productName, String productId, String version) {
        if (pattern == null) {
            return null;
        }
        // One pass, so that a product name containing "{version}" is not expanded again.
        java.util.regex.Matcher m = Pattern.compile("\\{(product|id|version)}").matcher(pattern);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "product" -> productName;
                case "id" -> productId;
                default -> version == null ? "" : version;
            };
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString().strip().replaceAll("\\s{2,}", " ");
    }
}
