package dev.fwdocs.catalog;

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
        return protocols.stream().filter(p -> !p.isIcmp()).toList();
    }

    /** The ICMP types of one protocol ({@link Protocol#ICMP} or {@link Protocol#ICMPV6}). */
    public List<IcmpType> icmpTypes(Protocol family) {
        return icmpTypes.stream().filter(t -> t.protocol() == family).toList();
    }
}
