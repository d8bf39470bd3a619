package dev.fwdocs.catalog;

import java.util.List;
import java.util.Objects;

/** A product whose ports a catalog file describes, with its documented versions, oldest first. */
public record Product(String id, String name, String summary, List<String> versions, List<Note> notes,
        SourceLocation location) {

    public Product {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        summary = summary == null ? "" : summary;
        versions = List.copyOf(versions);
        notes = List.copyOf(notes);
        Objects.requireNonNull(location, "location");
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a product needs at least one version");
        }
    }

    /** The newest version, the one {@code latest} points at. */
    public String latestVersion() {
        return versions.get(versions.size() - 1);
    }

    /** Position of a version in {@link #versions()}, or -1. */
    public int indexOf(String version) {
        return versions.indexOf(version);
    }
}
