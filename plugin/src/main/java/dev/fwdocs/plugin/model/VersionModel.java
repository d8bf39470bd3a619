package dev.fwdocs.plugin.model;

import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.catalog.resolve.VersionDiff;
import dev.fwdocs.plugin.rules.RolePlan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One product version as every output sees it: the resolved rules, each role's facts, the changes from the previous
 * version, and per role and selected backend the one translated plan that its script, XML and page commands are
 * printed from.
 */
public record VersionModel(ResolvedVersion resolved, List<RoleModel> roles, VersionDiff changes, VersionPlans plans) {

    public VersionModel {
        Objects.requireNonNull(resolved, "resolved");
        roles = List.copyOf(roles);
        Objects.requireNonNull(plans, "plans");
    }

    /** The facts of one resolved version (no plans); {@code previous} may be null (then no changes are known). */
    public static VersionModel of(ResolvedVersion resolved, ResolvedVersion previous) {
        List<RoleModel> roles = resolved.roles().stream()
                .map(view -> RoleModel.of(resolved.catalog().roles(), resolved.rules(), view)).toList();
        return new VersionModel(resolved, roles, previous == null ? null : Resolver.diff(previous, resolved),
                VersionPlans.none());
    }

    /** The same facts with these plans. */
    public VersionModel withPlans(VersionPlans newPlans) {
        return new VersionModel(resolved, roles, changes, newPlans);
    }

    /** A pass of the run (scripts, bundles, page model) is done with this version's plans ({@link VersionPlans}). */
    public void plansRead() {
        plans.read();
    }

    public String version() {
        return resolved.version();
    }

    public String productId() {
        return resolved.catalog().product().id();
    }

    public Optional<RoleModel> role(String id) {
        return roles.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The changes from the previous version; empty for the first version. */
    public Optional<VersionDiff> diff() {
        return Optional.ofNullable(changes);
    }

    /**
     * The plan of one role (or {@link FlowSet}, by its id) and backend; throws when that backend was not selected for
     * this run.
     */
    public RolePlan plan(String roleId, String backendId) {
        RolePlan plan = plans.get(roleId, backendId);
        if (plan == null) {
            throw new IllegalArgumentException("no plan for role " + roleId + " and backend " + backendId
                    + " in " + productId() + " " + version());
        }
        return plan;
    }
}
