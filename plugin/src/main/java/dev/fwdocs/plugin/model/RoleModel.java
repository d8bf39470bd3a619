package dev.fwdocs.plugin.model;

import dev.fwdocs.catalog.Address;
import dev.fwdocs.catalog.Cidr;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.Role;
import dev.fwdocs.catalog.Rule;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.catalog.resolve.RoleView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What every output needs to know about one role in one version, computed once: its inbound and outbound rules, the
 * roles whose addresses its scripts take ({@code --from-ROLE}), its configurable ports ({@code --port-RULE}), the
 * host-name notes its scripts print, and per address family the flows that exist there.
 */
public record RoleModel(RoleView view, List<Role> addressRoles, List<Rule> configurable,
        List<HostNameNote> hostNameNotes, boolean flowSet) {

    public RoleModel {
        Objects.requireNonNull(view, "view");
        addressRoles = List.copyOf(addressRoles);
        configurable = List.copyOf(configurable);
        hostNameNotes = List.copyOf(hostNameNotes);
    }

    /** An address of a rule that a firewall cannot enforce because it is given by host names. */
    public record HostNameNote(String ruleId, boolean inbound, Address address) {

        /** The sentence a script prints and a page shows. */
        public String text() {
            return (inbound ? "inbound" : "outbound") + " rule " + ruleId + ": host names of " + address.id()
                    + " are not resolved: " + String.join(", ", address.hosts())
                    + (inbound ? "; allow them yourself if needed"
                            : "; if your output policy drops, allow them yourself");
        }
    }

    /** One rule seen from this role in one direction and address family: the peers that exist in that family. */
    public record Flow(ResolvedRule rule, boolean inbound, int family, List<Peer> peers) {
        public Flow {
            Objects.requireNonNull(rule, "rule");
            peers = List.copyOf(peers);
        }
    }

    /** A named address of a rule with no network in one family: that family gets no rule for it, never "any". */
    public record LeftOut(ResolvedRule rule, Address address, int family) {
        public LeftOut {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(address, "address");
        }

        /** The remark a script makes where the rule would be. */
        public String text() {
            return rule.id() + ": " + address.id() + " has no IPv" + family + " address, so no IPv" + family + " rule";
        }
    }

    /** Computes the facts of one role from its resolved view; the role and rule order is the catalog's. */
    public static RoleModel of(List<Role> catalogRoles, List<ResolvedRule> versionRules, RoleView view) {
        return of(catalogRoles, versionRules, view, false);
    }

    /** The same for the synthetic role of a {@link FlowSet}, which texts name as a flow set, not as a role. */
    public static RoleModel ofFlowSet(List<Role> catalogRoles, List<ResolvedRule> versionRules, RoleView view) {
        return of(catalogRoles, versionRules, view, true);
    }

    private static RoleModel of(List<Role> catalogRoles, List<ResolvedRule> versionRules, RoleView view,
            boolean flowSet) {
        Map<String, Role> seen = new LinkedHashMap<>();
        for (ResolvedRule r : view.inbound()) {
            for (Peer p : r.sources()) {
                if (p instanceof Peer.RolePeer rp) {
                    seen.put(rp.role().id(), rp.role());
                }
            }
        }
        for (ResolvedRule r : view.outbound()) {
            for (Peer p : r.to()) {
                if (p instanceof Peer.RolePeer rp) {
                    seen.put(rp.role().id(), rp.role());
                }
            }
        }
        List<Role> roles = catalogRoles.stream().filter(r -> seen.containsKey(r.id())).toList();
        List<Rule> configurable = versionRules.stream()
                .filter(r -> r.rule().configurable() != null
                        && (view.inbound().contains(r) || view.outbound().contains(r)))
                .map(ResolvedRule::rule).distinct().toList();
        List<HostNameNote> notes = new ArrayList<>();
        for (ResolvedRule r : view.inbound()) {
            for (Peer p : r.sources()) {
                if (p instanceof Peer.AddressPeer ap && !ap.address().hosts().isEmpty()) {
                    notes.add(new HostNameNote(r.id(), true, ap.address()));
                }
            }
        }
        for (ResolvedRule r : view.outbound()) {
            for (Peer p : r.to()) {
                if (p instanceof Peer.AddressPeer ap && !ap.address().hosts().isEmpty()) {
                    notes.add(new HostNameNote(r.id(), false, ap.address()));
                }
            }
        }
        return new RoleModel(view, roles, configurable, notes, flowSet);
    }

    public Role role() {
        return view.role();
    }

    /**
     * How a script's texts name what it is for, given the name as the text shows it: "role NAME (ID)", or for a flow
     * set, whose synthetic name already says whose flows they are, "flow set ID (NAME)".
     */
    public String title(String name) {
        return flowSet ? label() + " (" + name + ")" : "role " + name + " (" + id() + ")";
    }

    /** What a script's messages name, by id: "role ID", or "flow set ID". */
    public String label() {
        return (flowSet ? "flow set " : "role ") + id();
    }

    /** The same without a role's id: "role NAME", or "flow set ID (NAME)". */
    public String subject(String name) {
        return flowSet ? title(name) : "role " + name;
    }

    public String id() {
        return view.role().id();
    }

    public List<ResolvedRule> inbound() {
        return view.inbound();
    }

    public List<ResolvedRule> outbound() {
        return view.outbound();
    }

    public boolean hasRules() {
        return !view.inbound().isEmpty() || !view.outbound().isEmpty();
    }

    /**
     * The flows of one direction and family (4 or 6), in rule order: a rule appears when it has something in that
     * family (a port protocol, or ICMP of that family) and at least one peer there (any, a role, or an address with a
     * CIDR of that family). An address with no CIDR of the family is left out, never widened to "any".
     */
    public List<Flow> flows(boolean inbound, int family) {
        checkFamily(family);
        List<Flow> out = new ArrayList<>();
        for (ResolvedRule r : inbound ? view.inbound() : view.outbound()) {
            List<Peer> peers = peers(r, inbound, family);
            if (!peers.isEmpty()) {
                out.add(new Flow(r, inbound, family, peers));
            }
        }
        return out;
    }

    /**
     * The peers of one rule of this role's direction that exist in a family: those of its flow there
     * ({@link #flows}), or none when the rule has no flow in that family. For a backend that walks the rules one by
     * one, without making every flow of the direction for each rule.
     */
    public List<Peer> peers(ResolvedRule rule, boolean inbound, int family) {
        checkFamily(family);
        if (!applies(rule, family)) {
            return List.of();
        }
        List<Peer> candidates = inbound ? rule.sources() : rule.to();
        List<Peer> peers = null;
        for (int i = 0; i < candidates.size(); i++) {
            Peer p = candidates.get(i);
            boolean present = !(p instanceof Peer.AddressPeer ap) || hasNetwork(ap.address(), family);
            if (present && peers != null) {
                peers.add(p);
            } else if (!present && peers == null) {
                // The first peer left out: the ones before it are kept, in order (most rules leave none out).
                peers = new ArrayList<>(candidates.subList(0, i));
            }
        }
        return peers == null ? candidates : List.copyOf(peers);
    }

    private static boolean hasNetwork(Address address, int family) {
        for (Cidr c : address.cidrs()) {
            if (c.family() == family) {
                return true;
            }
        }
        return false;
    }

    private static void checkFamily(int family) {
        if (family != 4 && family != 6) {
            throw new IllegalArgumentException("family must be 4 or 6");
        }
    }

    /**
     * The named addresses that {@link #flows} leaves out of one direction and family, in rule order: a rule has
     * something in that family, but the address has no network there, so that family gets no rule for it.
     */
    public List<LeftOut> leftOut(boolean inbound, int family) {
        List<LeftOut> out = new ArrayList<>();
        for (ResolvedRule r : inbound ? view.inbound() : view.outbound()) {
            if (!applies(r, family)) {
                continue;
            }
            for (Peer p : inbound ? r.sources() : r.to()) {
                if (p instanceof Peer.AddressPeer ap && ap.address().cidrs(family).isEmpty()) {
                    out.add(new LeftOut(r, ap.address(), family));
                }
            }
        }
        return out;
    }

    /** Whether a rule has anything in a family: a port protocol, or ICMP of that family. */
    private static boolean applies(ResolvedRule r, int family) {
        for (Protocol p : r.rule().protocols()) {
            if (!p.isIcmp() || p.family() == family) {
                return true;
            }
        }
        return false;
    }

    /** The CIDRs of a named address for one family, sorted, possibly none (never "any"). */
    public static List<Cidr> cidrs(Address address, int family) {
        return address.cidrs(family).stream().sorted().toList();
    }
}
