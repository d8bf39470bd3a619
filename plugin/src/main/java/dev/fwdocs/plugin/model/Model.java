package dev.fwdocs.plugin.model;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.plugin.rules.RolePlan;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one shared input of every output, built once per run: each product's versions, their roles' facts, and per
 * role and selected backend the translated plan ({@link #facts}, then {@link #planned}). No output resolves or
 * translates anything again.
 */
public record Model(Catalog catalog, List<RuleBackend> backends, List<ProductModel> products) {

    public Model {
        Objects.requireNonNull(catalog, "catalog");
        backends = List.copyOf(backends);
        products = List.copyOf(products);
    }

    /**
     * The facts of the catalog: every version resolved once, each role's facts, the changes between versions, and no
     * plan yet (check the backends against these facts, then call {@link #planned}).
     */
    public static Model facts(Catalog catalog) {
        // One product each in parallel (products are independent); the list keeps catalog order.
        return new Model(catalog, List.of(), catalog.products().parallelStream().map(Model::facts).toList());
    }

    private static ProductModel facts(ProductCatalog pc) {
        List<ResolvedVersion> resolved = Resolver.resolveAll(pc);
        List<VersionModel> versions = new ArrayList<>();
        for (int i = 0; i < resolved.size(); i++) {
            versions.add(VersionModel.of(resolved.get(i), i == 0 ? null : resolved.get(i - 1)));
        }
        return new ProductModel(pc, versions);
    }

    /**
     * The same facts with each backend's plan of every role and every {@link FlowSet} of every version, each made
     * once.
     */
    public Model planned(List<RuleBackend> selected) {
        return planned(selected, true);
    }

    /**
     * As {@link #planned(List)}; without {@code flowSets}, only the roles are planned (the flow sets are for the
     * bundles' apply.sh: a run without bundles need not translate them, about as many plans again). The plans are
     * kept for the whole run.
     */
    public Model planned(List<RuleBackend> selected, boolean flowSets) {
        return planned(selected, flowSets, Integer.MAX_VALUE);
    }

    /**
     * As {@link #planned(List, boolean)}, with each version's plans made when an output first asks for them and
     * dropped after {@code passes} passes over the model have read them ({@link VersionModel#plansRead}).
     */
    public Model planned(List<RuleBackend> selected, boolean flowSets, int passes) {
        return planned(selected, flowSets, passes, 0);
    }

    /**
     * As {@link #planned(List, boolean, int)}, with the first {@code keptFileBytes} bytes of files the plans print
     * kept with their plans, for a second pass that prints them again ({@link KeptFiles}).
     */
    public Model planned(List<RuleBackend> selected, boolean flowSets, int passes, long keptFileBytes) {
        List<RuleBackend> backends = List.copyOf(selected);
        KeptFiles kept = new KeptFiles(keptFileBytes);
        List<ProductModel> out = new ArrayList<>();
        for (ProductModel p : products) {
            List<VersionModel> versions = new ArrayList<>();
            for (VersionModel v : p.versions()) {
                versions.add(v.withPlans(VersionPlans.lazy(planner(p, v, backends, flowSets, kept), passes)));
            }
            out.add(new ProductModel(p.catalog(), versions));
        }
        return new Model(catalog, backends, out);
    }

    /**
     * The plans of one role or flow set id of a version: every selected backend's, in their order; empty for an id
     * the version has neither as a role nor as a flow set (a flow set takes the id's place when both have it).
     */
    private static Function<String, Map<String, RolePlan>> planner(ProductModel product, VersionModel v,
            List<RuleBackend> selected, boolean flowSets, KeptFiles kept) {
        // The flow sets of the bundles' apply.sh (the version's and the retired ones), planned here too so that no
        // output translates anything; found once per version, when the first id is asked for.
        List<FlowSet> sets = new ArrayList<>();
        boolean[] found = {false};
        return id -> {
            if (flowSets && !found[0]) {
                sets.addAll(FlowSet.of(v));
                sets.addAll(FlowSet.retired(product, v));
                found[0] = true;
            }
            RoleModel role = null;
            for (FlowSet set : sets) {
                if (set.id().equals(id)) {
                    role = set.role();
                }
            }
            // Only a role's files are printed twice (the scripts output and the bundles); a flow set's once.
            boolean twice = role == null;
            if (role == null) {
                role = v.role(id).orElse(null);
            }
            if (role == null) {
                return Map.of();
            }
            Map<String, RolePlan> byBackend = new LinkedHashMap<>();
            for (RuleBackend b : selected) {
                RolePlan plan = b.plan(v, role);
                byBackend.put(b.id(), twice ? kept.keep(plan) : plan);
            }
            return byBackend;
        };
    }

    public Optional<ProductModel> product(String id) {
        return products.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Every version of every product, products in catalog order, versions oldest first. */
    public List<VersionModel> versions() {
        return products.stream().flatMap(p -> p.versions().stream()).toList();
    }
}
