package dev.fwdocs.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Everything one catalog file says about one product: the product, its roles, named addresses and rules. */
public record ProductCatalog(String source, Product product, List<Role> roles, List<Address> addresses,
        List<Rule> rules) {

    public ProductCatalog {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(product, "product");
        roles = List.copyOf(roles);
        addresses = List.copyOf(addresses);
        rules = List.copyOf(rules);
    }

    public Optional<Role> role(String id) {
        return roles.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public Optional<Address> address(String id) {
        return addresses.stream().filter(a -> a.id().equals(id)).findFirst();
    }
}
