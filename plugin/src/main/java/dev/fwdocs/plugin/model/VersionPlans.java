package dev.fwdocs.plugin.model;

import dev.fwdocs.plugin.rules.RolePlan;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The plans of one version (role or flow set id, then backend id), each role's made when it is first asked for and
 * all dropped once every pass of a run that reads them (the scripts, the bundles, the page model) has read them, so
 * that a large catalog holds the plans of the versions being rendered rather than of every version, and a role no
 * output asks about is not translated (the page model takes a role's commands from the previous version when the
 * role's rules are the same). A plan asked for after that is made again, the same: backends are pure functions.
 */
public final class VersionPlans {

    private static final VersionPlans NONE = new VersionPlans(id -> Map.of(), Integer.MAX_VALUE, false);

    private final Function<String, Map<String, RolePlan>> planner;
    private final int passes;
    private final boolean lazy;
    private final Map<String, Map<String, RolePlan>> plans = new HashMap<>();
    private int read;

    private VersionPlans(Function<String, Map<String, RolePlan>> planner, int passes, boolean lazy) {
        this.planner = planner;
        this.passes = passes;
        this.lazy = lazy;
    }

    /** No plans (the facts of a version, before any backend translated it). */
    public static VersionPlans none() {
        return NONE;
    }

    /**
     * Plans made by {@code planner} (the plan of every selected backend for one role or flow set id; empty for an
     * unknown id) on first use of that id, kept until {@code passes} passes have {@link #read()} them.
     */
    public static VersionPlans lazy(Function<String, Map<String, RolePlan>> planner, int passes) {
        return new VersionPlans(planner, passes, true);
    }

    /** The plan of one role (or flow set) and backend, or null when that backend was not selected. */
    synchronized RolePlan get(String roleId, String backendId) {
        Map<String, RolePlan> byBackend = plans.get(roleId);
        if (byBackend == null) {
            byBackend = planner.apply(roleId);
            if (lazy) {
                plans.put(roleId, byBackend);
            }
        }
        return byBackend.get(backendId);
    }

    /** One pass is done with these plans; after the last, they are dropped. */
    synchronized void read() {
        if (lazy && ++read >= passes) {
            plans.clear();
        }
    }
}
