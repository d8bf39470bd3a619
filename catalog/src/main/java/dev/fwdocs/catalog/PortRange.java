package dev.fwdocs.catalog;

/** A single port or an inclusive range of ports, 1-65535. */
public record PortRange(int first, int last) implements Comparable<PortRange> {

    public static final int MAX_PORT = 65535;

    public PortRange {
        if (first < 1 || first > MAX_PORT || last < 1 || last > MAX_PORT) {
            throw new IllegalArgumentException("ports must be between 1 and 65535: " + first + "-" + last);
        }
        if (first > last) {
            throw new IllegalArgumentException("range is reversed: " + first + "-" + last);
        }
    }

    public static PortRange of(int port) {
        return new PortRange(port, port);
    }

    public static PortRange of(int first, int last) {
        return new PortRange(first, last);
    }

    public boolean isSingle() {
        return first == last;
    }

    public int size() {
        return last - first + 1;
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    public boolean overlaps(PortRange o) {
        return first <= o.last && o.first <= last;
    }

    /** Range written with the given separator: {@code -} for nftables and firewalld, {@code :} for iptables and ufw. */
    public String format(String separator) {
        return isSingle() ? Integer.toString(first) : first + separator + last;
    }

    @Override
    public int compareTo(PortRange o) {
        int c = Integer.compare(first, o.first);
        return c != 0 ? c : Integer.compare(last, o.last);
    }

    /** {@code 5701} or {@code 5701-5711}, the catalog form. */
    @Override
    public String toString() {
        return format("-");
    }
}
