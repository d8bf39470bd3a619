package dev.fwdocs.plugin.model;

import dev.fwdocs.plugin.rules.RolePlan;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The plans of one version (role or flow set id, then backend id), made on first use and dropped once every pass of
 * a run that reads them (the scripts, the bundles, the page model) has read them, so that a large catalog holds the
 * plans of the versions being rendered rather than of every version. A plan asked for after that is made again, the
 * same: backends are pure functions.
 */
public final class VersionPlans {

    private static final VersionPlans NONE = new VersionPlans(null, Map.of(), Integer.MAX_VALUE);

    private final Supplier<Map<String, Map<String, RolePlan>>> planner;
    private final int passes;
    private Map<String, Map<String, RolePlan>> plans;
    private int read;

    private VersionPlans(Supplier<Map<String, Map<String, RolePlan>>> planner, Map<String, Map<String, RolePlan>> plans,
            int passes) {
        this.planner = planner;
        this.plans = plans;
        this.passes = passes;
    }

    /** No plans (the facts of a version, before any backend translated it). */
    public static VersionPlans none() {
        return NONE;
    }

    /** Plans made by {@code planner} on first use, kept until {@code passes} passes have {@link #read()} them. */
    public static VersionPlans lazy(Supplier<Map<String, Map<String, RolePlan>>> planner, int passes) {
        return new VersionPlans(planner, null, passes);
    }

    /** The plan of one role (or flow set) and backend, or null when that backend was not selected. */
    synchronized RolePlan get(String roleId, String backendId) {
        if (plans == null) {
            plans = planner.get();
        }
        return plans.getOrDefault(roleId, Map.of()).get(backendId);
    }

    /** One pass is done with these plans; after the last, they are dropped. */
    synchronized void read() {
        if (planner != null && ++read >= passes) {
            plans = null;
        }
    }
}
