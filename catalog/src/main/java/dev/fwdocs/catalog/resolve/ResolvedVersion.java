package dev.fwdocs.catalog.resolve;

import dev.fwdocs.catalog.ProductCatalog;
import java.util.List;
import java.util.Optional;

/** The view of one product version: the rules in force, each role's inbound and outbound rules, and its place in history. */
public record ResolvedVersion(ProductCatalog catalog, String version, List<ResolvedRule> rules, List<RoleView> roles) {

    public ResolvedVersion {
        rules = List.copyOf(rules);
        roles = List.copyOf(roles);
    }

    public boolean isLatest() {
        return catalog.product().latestVersion().equals(version);
    }

    /** The version before this one, if any. */
    public Optional<String> previousVersion() {
        int i = catalog.product().indexOf(version);
        return i > 0 ? Optional.of(catalog.product().versions().get(i - 1)) : Optional.empty();
    }

    public Optional<RoleView> role(String id) {
        return roles.stream().filter(r -> r.role().id().equals(id)).findFirst();
    }

    /** The rules that can be moved by the operator. */
    public List<ResolvedRule> configurableRules() {
        return rules.stream().filter(r -> r.rule().configurable() != null).toList();
    }
}
