package dev.fwdocs.plugin.model;

import dev.fwdocs.catalog.Address;
import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.SourceLocation;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Warnings about what a catalog means for every firewall, whichever backends are selected: host names are
 * documentation only (no firewall script resolves them), and an address with host names and no CIDR gets no rule.
 */
public final class CatalogLint {

    private CatalogLint() {
    }

    /**
     * Every warning of every version, sorted by location: per catalog file one warning about the addresses with host
     * names (at the first rule that uses one), listing each such address once with the rules that use it.
     */
    public static List<Diagnostic> warnings(Model facts) {
        // file -> address id -> (address, rule ids); the first location per file carries the warning.
        Map<String, Map<String, Map.Entry<Address, TreeSet<String>>>> byFile = new TreeMap<>();
        Map<String, SourceLocation> first = new TreeMap<>();
        for (VersionModel v : facts.versions()) {
            for (ResolvedRule r : v.resolved().rules()) {
                List<Peer> peers = new ArrayList<>(r.sources());
                peers.addAll(r.to());
                for (Peer p : peers) {
                    if (p instanceof Peer.AddressPeer ap && !ap.address().hosts().isEmpty()) {
                        Address a = ap.address();
                        SourceLocation at = r.rule().location();
                        first.merge(at.file(), at, (x, y) -> x.compareTo(y) <= 0 ? x : y);
                        byFile.computeIfAbsent(at.file(), f -> new TreeMap<>())
                                .computeIfAbsent(a.id(), id -> Map.entry(a, new TreeSet<>())).getValue()
                                .add(r.id());
                    }
                }
            }
        }
        TreeSet<Diagnostic> out = new TreeSet<>();
        byFile.forEach((file, addresses) -> {
            List<String> parts = new ArrayList<>();
            addresses.forEach((id, e) -> parts.add(id + " (" + String.join(", ", e.getKey().hosts()) + "; "
                    + (e.getKey().cidrs().isEmpty() ? "no CIDR, so no rule" : "rules for its CIDRs only")
                    + "; used by " + String.join(", ", e.getValue()) + ")"));
            out.add(Diagnostic.warning(first.get(file), addresses.size() + " "
                    + (addresses.size() == 1 ? "address has" : "addresses have") + " host names, which firewall "
                    + "scripts do not resolve (each script prints a note where one is left out): "
                    + String.join("; ", parts)));
        });
        return List.copyOf(out);
    }
}
