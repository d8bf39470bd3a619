package dev.fwdocs.catalog;

import java.util.Objects;

/** Says that the operator can move a rule's port, and where: the setting's name and the file or flag that holds it. */
public record Configurable(String setting, String where, String description, SourceLocation location) {

    public Configurable {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(where, "where");
        description = description == null ? "" : description;
        Objects.requireNonNull(location, "location");
    }
}
