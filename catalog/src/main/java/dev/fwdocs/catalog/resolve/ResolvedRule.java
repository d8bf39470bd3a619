package dev.fwdocs.catalog.resolve;

import dev.fwdocs.catalog.Rule;
import java.util.List;

/** A rule in force in one version, with its {@code from} and {@code to} ids resolved to roles and addresses. */
public record ResolvedRule(Rule rule, List<Peer> from, List<Peer> to) {

    public ResolvedRule {
        from = List.copyOf(from);
        to = List.copyOf(to);
    }

    public String id() {
        return rule.id();
    }

    /** True when the rule's {@code from} names the role. */
    public boolean isFrom(String roleId) {
        return from.stream().anyMatch(p -> p instanceof Peer.RolePeer r && r.role().id().equals(roleId));
    }

    /** True when the rule's {@code to} names the role. */
    public boolean isTo(String roleId) {
        return to.stream().anyMatch(p -> p instanceof Peer.RolePeer r && r.role().id().equals(roleId));
    }
}
