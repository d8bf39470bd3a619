package dev.fwdocs.plugin.rules;

import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.plugin.model.Model;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.pages.Distro;
import dev.fwdocs.plugin.rules.iptables.IptablesBackend;
import dev.fwdocs.plugin.rules.nftables.NftablesBackend;
import dev.fwdocs.plugin.rules.ufw.UfwBackend;
import dev.fwdocs.plugin.rules.firewalld.FirewalldBackend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The explicit list of firewall backends, in display order, with lookup by id and the check done before rendering. */
public final class BackendRegistry {

    private final List<RuleBackend> backends;

    /** A registry of exactly these backends; ids must be unique. */
    public BackendRegistry(List<RuleBackend> backends) {
        Map<String, RuleBackend> byId = new LinkedHashMap<>();
        for (RuleBackend b : backends) {
            if (byId.putIfAbsent(b.id(), b) != null) {
                throw new IllegalArgumentException("two backends with id " + b.id());
            }
        }
        this.backends = List.copyOf(backends);
    }

    /** Every backend fwdocs ships. */
    public static BackendRegistry standard() {
        List<RuleBackend> list = new ArrayList<>();
        list.add(new IptablesBackend());
        list.add(new NftablesBackend());
        list.add(new UfwBackend());
        list.add(new FirewalldBackend());
        return new BackendRegistry(list);
    }

    public List<RuleBackend> all() {
        return backends;
    }

    public List<String> ids() {
        return backends.stream().map(RuleBackend::id).toList();
    }

    public Optional<RuleBackend> find(String id) {
        return backends.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /**
     * The backends with these ids, in registry order; an empty list selects all. Throws
     * {@link IllegalArgumentException} naming every unknown id and the known ones.
     */
    public List<RuleBackend> select(List<String> ids) {
        if (ids.isEmpty()) {
            return backends;
        }
        List<String> unknown = ids.stream().filter(id -> find(id).isEmpty()).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown firewall backend" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown) + "; known: " + String.join(", ", ids()));
        }
        return backends.stream().filter(b -> ids.contains(b.id())).toList();
    }

    /**
     * Everything the given backends cannot express in the catalog, all at once, sorted by catalog location, without
     * repeats (the same rule in two versions reports once): a protocol outside a backend's
     * {@link BackendFacts#protocols()}, what each backend's own {@link RuleBackend#unsupported} finds, and mistakes in
     * the backends' declared facts. Call before any plan is made; plan only when no diagnostic
     * {@link Diagnostic#isError() is an error}.
     */
    public static List<Diagnostic> unsupported(List<RuleBackend> backends, Model facts) {
        checkFacts(backends);
        TreeSet<Diagnostic> all = new TreeSet<>();
        for (RuleBackend b : backends) {
            Set<Protocol> can = b.facts().protocols();
            for (VersionModel v : facts.versions()) {
                for (ResolvedRule r : v.resolved().rules()) {
                    for (Protocol p : r.rule().protocols()) {
                        if (!can.contains(p)) {
                            all.add(Diagnostic.warning(r.rule().location(), "rule " + r.id() + ": " + b.id()
                                    + " cannot express " + p.label() + "; the " + b.id() + " script does not open it"
                                    + " and says so when it runs"));
                        }
                    }
                }
                all.addAll(b.unsupported(v));
            }
        }
        return List.copyOf(all);
    }

    /** The backends' declared facts must fit together: a status command each, one label per distro tab id. */
    private static void checkFacts(List<RuleBackend> backends) {
        List<String> problems = new ArrayList<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (RuleBackend b : backends) {
            if (b.facts().statusCommand().isBlank()) {
                problems.add(b.id() + " declares no status command");
            }
            for (BackendFacts.DefaultTab t : b.facts().defaultTabs()) {
                String before = labels.putIfAbsent(t.id(), t.label());
                if (before != null && !before.equals(t.label())) {
                    problems.add(b.id() + " labels distro tab " + t.id() + " '" + t.label() + "', another backend '"
                            + before + "'");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the backends' facts disagree: " + String.join("; ", problems));
        }
    }

    /**
     * The default distro tabs of the given backends: each tab once, ordered by the lowest rank any backend gives it,
     * listing the backends that declare it in the order of their ranks.
     */
    public static List<Distro> defaultDistros(List<RuleBackend> backends) {
        checkFacts(backends);
        Map<String, BackendFacts.DefaultTab> tabs = new LinkedHashMap<>();
        Map<String, List<Map.Entry<Integer, String>>> users = new LinkedHashMap<>();
        for (RuleBackend b : backends) {
            for (BackendFacts.DefaultTab t : b.facts().defaultTabs()) {
                tabs.merge(t.id(), t, (x, y) -> x.rank() <= y.rank() ? x : y);
                users.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(Map.entry(t.rank(), b.id()));
            }
        }
        return tabs.values().stream().sorted(Comparator.comparingInt(BackendFacts.DefaultTab::rank))
                .map(t -> new Distro(t.id(), t.label(), users.get(t.id()).stream()
                        .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList()))
                .toList();
    }
}
