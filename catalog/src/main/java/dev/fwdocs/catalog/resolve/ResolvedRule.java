package dev.fwdocs.catalog.resolve;

import dev.fwdocs.catalog.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A rule in force in one version, with its {@code from} and {@code to} ids resolved to roles and addresses. */
public record ResolvedRule(Rule rule, List<Peer> from, List<Peer> to) {

    public ResolvedRule {
        from = List.copyOf(from);
        to = List.copyOf(to);
    }

    /** What {@link #sources} is for a rule from {@code any}: asked for per rule by every backend, made once. */
    private static final List<Peer> ANY = List.of(new Peer.Any());

    public String id() {
        return rule.id();
    }

    /** The ids of {@code rules}: whether a role's list holds a rule, asked by id (unique within a version). */
    public static Set<String> ids(List<ResolvedRule> rules) {
        Set<String> ids = new HashSet<>();
        rules.forEach(r -> ids.add(r.id()));
        return ids;
    }

    /**
     * The sources a firewall must admit: {@link #from()}, or only {@link Peer.Any} when it is among them (a role
     * next to {@code any} matters for the docs, where the port shows in that role's outbound list, but would only
     * repeat the rule on a firewall).
     */
    public List<Peer> sources() {
        for (Peer p : from) {
            if (p instanceof Peer.Any) {
                return ANY;
            }
        }
        return from;
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
