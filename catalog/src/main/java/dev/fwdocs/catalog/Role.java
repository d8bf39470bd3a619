package dev.fwdocs.catalog;

import java.util.Objects;

/** A kind of machine the product runs on (or that talks to it), such as a control plane node or a workstation. */
public record Role(String id, String name, String description, SourceLocation location) {

    public Role {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id : name;
        description = description == null ? "" : description;
        Objects.requireNonNull(location, "location");
    }
}
