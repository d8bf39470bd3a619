package dev.fwdocs.catalog;

import java.util.List;
import java.util.Optional;

/** A whole catalog: one or more products (one per file), in file order, and the warnings found while reading. */
public record Catalog(List<ProductCatalog> products, List<Diagnostic> warnings) {

    public Catalog {
        products = List.copyOf(products);
        warnings = List.copyOf(warnings);
        if (products.isEmpty()) {
            throw new IllegalArgumentException("a catalog needs at least one product");
        }
    }

    public Optional<ProductCatalog> product(String id) {
        return products.stream().filter(p -> p.product().id().equals(id)).findFirst();
    }
}
