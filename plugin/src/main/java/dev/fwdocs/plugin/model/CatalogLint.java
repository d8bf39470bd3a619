package dev.fwdocs.plugin.model;

import dev.fwdocs.catalog.Address;
import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Warnings about what a catalog means for every firewall, whichever backends are selected: host names are
 * documentation only (no firewall script resolves them), and an address with host names and no CIDR gets no rule.
 */
public final class CatalogLint {

    private CatalogLint() {
    }

    /** Every warning of every version, sorted by location, each once (a rule in several versions warns once). */
    public static List<Diagnostic> warnings(Model facts) {
        TreeSet<Diagnostic> out = new TreeSet<>();
        for (VersionModel v : facts.versions()) {
            for (ResolvedRule r : v.resolved().rules()) {
                List<Peer> peers = new ArrayList<>(r.sources());
                peers.addAll(r.to());
                for (Peer p : peers) {
                    if (p instanceof Peer.AddressPeer ap && !ap.address().hosts().isEmpty()) {
                        Address a = ap.address();
                        out.add(Diagnostic.warning(r.rule().location(), "rule " + r.id() + " uses address " + a.id()
                                + " with host names (" + String.join(", ", a.hosts()) + "); firewall scripts do not"
                                + " resolve host names, so " + (a.cidrs().isEmpty() ? "this address gets no rule"
                                        : "only its CIDRs get rules") + " and the script prints a note"));
                    }
                }
            }
        }
        return List.copyOf(out);
    }
}
