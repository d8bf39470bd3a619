package dev.fwdocs.catalog;

import java.util.Optional;

/**
 * An ICMP or ICMPv6 message type a rule can allow, with the name each backend knows it by (they differ:
 * nft {@code nd-neighbor-solicit} is ip6tables and firewalld {@code neighbour-solicitation}).
 */
public enum IcmpType {
    ECHO_REPLY_V4(Protocol.ICMP, "echo-reply", 0, "echo-reply", "echo-reply", "echo-reply"),
    DESTINATION_UNREACHABLE_V4(Protocol.ICMP, "destination-unreachable", 3, "destination-unreachable",
            "destination-unreachable", "destination-unreachable"),
    SOURCE_QUENCH_V4(Protocol.ICMP, "source-quench", 4, "source-quench", "source-quench", "source-quench"),
    REDIRECT_V4(Protocol.ICMP, "redirect", 5, "redirect", "redirect", "redirect"),
    ECHO_REQUEST_V4(Protocol.ICMP, "echo-request", 8, "echo-request", "echo-request", "echo-request"),
    ROUTER_ADVERTISEMENT_V4(Protocol.ICMP, "router-advertisement", 9, "router-advertisement",
            "router-advertisement", "router-advertisement"),
    ROUTER_SOLICITATION_V4(Protocol.ICMP, "router-solicitation", 10, "router-solicitation",
            "router-solicitation", "router-solicitation"),
    TIME_EXCEEDED_V4(Protocol.ICMP, "time-exceeded", 11, "time-exceeded", "time-exceeded", "time-exceeded"),
    PARAMETER_PROBLEM_V4(Protocol.ICMP, "parameter-problem", 12, "parameter-problem", "parameter-problem",
            "parameter-problem"),
    TIMESTAMP_REQUEST_V4(Protocol.ICMP, "timestamp-request", 13, "timestamp-request", "timestamp-request",
            "timestamp-request"),
    TIMESTAMP_REPLY_V4(Protocol.ICMP, "timestamp-reply", 14, "timestamp-reply", "timestamp-reply",
            "timestamp-reply"),

    DESTINATION_UNREACHABLE_V6(Protocol.ICMPV6, "destination-unreachable", 1, "destination-unreachable",
            "destination-unreachable", "destination-unreachable"),
    PACKET_TOO_BIG_V6(Protocol.ICMPV6, "packet-too-big", 2, "packet-too-big", "packet-too-big", "packet-too-big"),
    TIME_EXCEEDED_V6(Protocol.ICMPV6, "time-exceeded", 3, "time-exceeded", "time-exceeded", "time-exceeded"),
    PARAMETER_PROBLEM_V6(Protocol.ICMPV6, "parameter-problem", 4, "parameter-problem", "parameter-problem",
            "parameter-problem"),
    ECHO_REQUEST_V6(Protocol.ICMPV6, "echo-request", 128, "echo-request", "echo-request", "echo-request"),
    ECHO_REPLY_V6(Protocol.ICMPV6, "echo-reply", 129, "echo-reply", "echo-reply", "echo-reply"),
    ROUTER_SOLICITATION_V6(Protocol.ICMPV6, "router-solicitation", 133, "nd-router-solicit", "router-solicitation",
            "router-solicitation"),
    ROUTER_ADVERTISEMENT_V6(Protocol.ICMPV6, "router-advertisement", 134, "nd-router-advert",
            "router-advertisement", "router-advertisement"),
    NEIGHBOR_SOLICITATION_V6(Protocol.ICMPV6, "neighbor-solicitation", 135, "nd-neighbor-solicit",
            "neighbour-solicitation", "neighbour-solicitation"),
    NEIGHBOR_ADVERTISEMENT_V6(Protocol.ICMPV6, "neighbor-advertisement", 136, "nd-neighbor-advert",
            "neighbour-advertisement", "neighbour-advertisement"),
    REDIRECT_V6(Protocol.ICMPV6, "redirect", 137, "nd-redirect", "redirect", "redirect");

    private final Protocol protocol;
    private final String catalogName;
    private final int type;
    private final String nftName;
    private final String iptablesName;
    private final String firewalldName;

    IcmpType(Protocol protocol, String catalogName, int type, String nftName, String iptablesName,
            String firewalldName) {
        this.protocol = protocol;
        this.catalogName = catalogName;
        this.type = type;
        this.nftName = nftName;
        this.iptablesName = iptablesName;
        this.firewalldName = firewalldName;
    }

    /** {@link Protocol#ICMP} or {@link Protocol#ICMPV6}. */
    public Protocol protocol() {
        return protocol;
    }

    /** The name used in catalogs, the same for both families where the message exists in both. */
    public String catalogName() {
        return catalogName;
    }

    /** The numeric ICMP type. */
    public int type() {
        return type;
    }

    public String nftName() {
        return nftName;
    }

    /** Name for {@code iptables --icmp-type} or {@code ip6tables --icmpv6-type}. */
    public String iptablesName() {
        return iptablesName;
    }

    /** Name of firewalld's icmptype. */
    public String firewalldName() {
        return firewalldName;
    }

    /** True for the ICMPv6 types neighbour discovery needs (133-136); IPv6 stops working without them. */
    public boolean isNeighbourDiscovery() {
        return protocol == Protocol.ICMPV6 && type >= 133 && type <= 136;
    }

    public static Optional<IcmpType> find(Protocol protocol, String catalogName) {
        for (IcmpType t : values()) {
            if (t.protocol == protocol && t.catalogName.equals(catalogName)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return catalogName;
    }
}
