package dev.fwdocs.plugin.model;

import dev.fwdocs.catalog.ProductCatalog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** One product of the catalog with every documented version, oldest first. */
public record ProductModel(ProductCatalog catalog, List<VersionModel> versions) {

    public ProductModel {
        Objects.requireNonNull(catalog, "catalog");
        versions = List.copyOf(versions);
    }

    public String id() {
        return catalog.product().id();
    }

    /**
     * The catalog file as generated files name it: its path relative to the project, or only its file name when it
     * lies outside (an absolute path would make the output depend on where the project is checked out).
     */
    public String sourceName() {
        String source = catalog.source();
        return source.startsWith("/") || source.matches("^[A-Za-z]:.*")
                ? java.nio.file.Path.of(source).getFileName().toString() : source;
    }

    public VersionModel latest() {
        return versions.get(versions.size() - 1);
    }

    /** The versions, newest first, as version indexes and switchers list them. */
    public List<VersionModel> newestFirst() {
        List<VersionModel> out = new ArrayList<>(versions);
        Collections.reverse(out);
        return List.copyOf(out);
    }
}
