package dev.fwdocs.plugin.rules;

import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.plugin.rules.iptables.IptablesBackend;
import dev.fwdocs.plugin.rules.nftables.NftablesBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        list.add(new dev.fwdocs.plugin.rules.ufw.UfwBackend());
        list.add(new dev.fwdocs.plugin.rules.firewalld.FirewalldBackend());
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
     * Everything the given backends cannot express in the given versions, all at once, sorted by catalog location,
     * without repeats (the same rule in two versions reports once). Call before rendering; render only when no
     * diagnostic {@link Diagnostic#isError() is an error}.
     */
    public static List<Diagnostic> unsupported(List<RuleBackend> backends, List<ResolvedVersion> versions) {
        TreeSet<Diagnostic> all = new TreeSet<>();
        for (RuleBackend b : backends) {
            for (ResolvedVersion v : versions) {
                all.addAll(b.unsupported(v));
            }
        }
        return List.copyOf(all);
    }

    /** {@link #unsupported(List, List)} for every backend of this registry. */
    public List<Diagnostic> unsupported(List<ResolvedVersion> versions) {
        return unsupported(backends, versions);
    }
}
