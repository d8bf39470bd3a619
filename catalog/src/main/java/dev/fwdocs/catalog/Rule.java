package dev.fwdocs.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One allowed flow: the {@code to} side accepts these protocols and ports (or ICMP types) from the {@code from} side.
 * Every listed protocol applies to every listed port; {@code from} and {@code to} hold role or address ids
 * ({@code any} is allowed in {@code from}); {@code since} and {@code until} bound the versions the rule is in.
 */
public record Rule(String id, String name, List<Protocol> protocols, List<PortRange> ports,
        List<IcmpType> icmpTypes, List<String> from, List<String> to, String description, String notes,
        boolean optional, Configurable configurable, String verify, String since, String until,
        SourceLocation location) {

    /** The id that stands for "any source". */
    public static final String ANY = "any";

    public Rule {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id : name;
        protocols = List.copyOf(protocols);
        ports = List.copyOf(ports);
        icmpTypes = List.copyOf(icmpTypes);
        from = List.copyOf(from);
        to = List.copyOf(to);
        description = description == null ? "" : description;
        notes = notes == null ? "" : notes;
        Objects.requireNonNull(location, "location");
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("rule " + id + " needs a protocol");
        }
        if (configurable != null && (ports.size() != 1 || !ports.get(0).isSingle())) {
            throw new IllegalArgumentException("rule " + id + " is configurable and must have exactly one port");
        }
    }

    public Optional<Configurable> configurableSetting() {
        return Optional.ofNullable(configurable);
    }

    public Optional<String> verifyCommand() {
        return Optional.ofNullable(verify);
    }

    /** True when {@code since}/{@code until} put this rule in the given version of the product. */
    public boolean inVersion(Product product, String version) {
        int v = product.indexOf(version);
        if (v < 0) {
            throw new IllegalArgumentException("unknown version " + version);
        }
        int s = since == null ? 0 : product.indexOf(since);
        int u = until == null ? Integer.MAX_VALUE : product.indexOf(until);
        return v >= s && v < u;
    }

    /** The protocols that carry ports (TCP, UDP, SCTP). */
    public List<Protocol> portProtocols() {
        // Asked for by every output for every rule: the protocols themselves (no copy) when none is ICMP.
        int icmp = 0;
        for (Protocol p : protocols) {
            if (p.isIcmp()) {
                icmp++;
            }
        }
        if (icmp == 0) {
            return protocols;
        }
        List<Protocol> out = new ArrayList<>(protocols.size() - icmp);
        for (Protocol p : protocols) {
            if (!p.isIcmp()) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /** The ICMP types of one protocol ({@link Protocol#ICMP} or {@link Protocol#ICMPV6}). */
    public List<IcmpType> icmpTypes(Protocol family) {
        if (icmpTypes.isEmpty()) {
            return icmpTypes;
        }
        List<IcmpType> out = new ArrayList<>(icmpTypes.size());
        for (IcmpType t : icmpTypes) {
            if (t.protocol() == family) {
                out.add(t);
            }
        }
        return out.size() == icmpTypes.size() ? icmpTypes : List.copyOf(out);
    }
}
