package dev.fwdocs.catalog;

import java.util.Locale;
import java.util.Optional;

/** A transport or control protocol a rule can allow. */
public enum Protocol {
    TCP, UDP, SCTP, ICMP, ICMPV6;

    /** Asked for in every rule of every generated file: made once, not per call. */
    private final String id = name().toLowerCase(Locale.ROOT);

    /** The catalog spelling: {@code tcp}, {@code udp}, {@code sctp}, {@code icmp}, {@code icmpv6}. */
    public String id() {
        return id;
    }

    /** True for ICMP and ICMPv6, which carry types instead of ports. */
    public boolean isIcmp() {
        return this == ICMP || this == ICMPV6;
    }

    /** The IP family an ICMP protocol belongs to (4 or 6); 0 for protocols that run on both. */
    public int family() {
        return switch (this) {
            case ICMP -> 4;
            case ICMPV6 -> 6;
            default -> 0;
        };
    }

    /** Display form for pages: {@code TCP}, {@code UDP}, {@code SCTP}, {@code ICMP}, {@code ICMPv6}. */
    public String label() {
        return this == ICMPV6 ? "ICMPv6" : name();
    }

    public static Optional<Protocol> fromId(String id) {
        for (Protocol p : values()) {
            if (p.id().equals(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
