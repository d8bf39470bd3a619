package dev.fwdocs.catalog;

import java.util.Objects;

/** A titled piece of Markdown a product page shows beside the port tables (a config switch, a caveat). */
public record Note(String title, String text, SourceLocation location) {

    public Note {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(location, "location");
    }
}
