package dev.fwdocs.catalog;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network in CIDR notation, with no host bits set; a bare address is a /32 or /128. */
public record Cidr(int family, byte[] address, int prefix) implements Comparable<Cidr> {

    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern PREFIX = Pattern.compile("\\d{1,3}");

    public Cidr {
        if (family != 4 && family != 6) {
            throw new IllegalArgumentException("family must be 4 or 6");
        }
        address = address.clone();
        int bits = family == 4 ? 32 : 128;
        if (address.length * 8 != bits) {
            throw new IllegalArgumentException("address length does not match family");
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix must be 0-" + bits);
        }
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    /**
     * Parses {@code 198.51.100.0/24}, {@code 2001:db8::/32} or a bare address. Throws
     * {@link IllegalArgumentException} with a message fit for a doc writer when the text is not a network.
     */
    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes;
        int family;
        if (V4.matcher(addr).matches()) {
            family = 4;
            bytes = parseV4(addr, text);
        } else if (addr.contains(":") && V6.matcher(addr).matches()) {
            family = 6;
            bytes = parseV6(addr, text);
        } else {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 network; write one such as "
                    + "198.51.100.0/24 or 2001:db8::/32");
        }
        int bits = family == 4 ? 32 : 128;
        int prefix = bits;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!PREFIX.matcher(p).matches() || Integer.parseInt(p) > bits) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length; write /0 to /" + bits
                        + " after the address");
            }
            prefix = Integer.parseInt(p);
        }
        Cidr c = new Cidr(family, bytes, prefix);
        Cidr masked = c.masked();
        if (!java.util.Arrays.equals(masked.address, bytes)) {
            throw new IllegalArgumentException("'" + text + "' has host bits set; write the network " + masked
                    + " instead");
        }
        return c;
    }

    private static byte[] parseV4(String addr, String text) {
        String[] parts = addr.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(parts[i]);
            if (v > 255 || (parts[i].length() > 1 && parts[i].startsWith("0"))) {
                throw new IllegalArgumentException("'" + text + "' is not a valid IPv4 address; each of its four "
                        + "numbers must be 0-255, written without leading zeros");
            }
            b[i] = (byte) v;
        }
        return b;
    }

    private static byte[] parseV6(String addr, String text) {
        IllegalArgumentException bad = new IllegalArgumentException("'" + text + "' is not a valid IPv6 address; "
                + "write it as eight groups of up to four hex digits, with at most one '::', such as 2001:db8::/32");
        if (addr.contains(".")) {
            if (addr.toLowerCase(java.util.Locale.ROOT).matches("::ffff:(0:)?\\d{1,3}(\\.\\d{1,3}){3}")) {
                throw mapped(addr.substring(addr.lastIndexOf(':') + 1), text);
            }
            throw bad; // embedded IPv4 forms are legal but never needed here and easy to get wrong
        }
        int dc = addr.indexOf("::");
        if (dc != addr.lastIndexOf("::")) {
            throw bad;
        }
        String[] head;
        String[] tail;
        if (dc >= 0) {
            String h = addr.substring(0, dc);
            String tl = addr.substring(dc + 2);
            head = h.isEmpty() ? new String[0] : h.split(":", -1);
            tail = tl.isEmpty() ? new String[0] : tl.split(":", -1);
            if (head.length + tail.length > 7) {
                throw bad;
            }
        } else {
            head = addr.split(":", -1);
            tail = new String[0];
            if (head.length != 8) {
                throw bad;
            }
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.length; i++) {
            groups[i] = group(head[i], bad);
        }
        for (int i = 0; i < tail.length; i++) {
            groups[8 - tail.length + i] = group(tail[i], bad);
        }
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff) {
            throw mapped((groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "." + (groups[7] & 0xff),
                    text);
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (groups[i] >> 8);
            b[2 * i + 1] = (byte) groups[i];
        }
        return b;
    }

    /** An IPv4-mapped IPv6 address: hosts send IPv4 traffic as IPv4, so a firewall never sees this form. */
    private static IllegalArgumentException mapped(String v4, String text) {
        return new IllegalArgumentException("'" + text + "' is an IPv4-mapped IPv6 address, which firewalls never "
                + "see (IPv4 traffic is matched as IPv4); write the IPv4 network, such as " + v4
                + (text.contains("/") ? "/" + Math.max(0, Math.min(32, prefixOf(text) - 96)) : "/32"));
    }

    private static int prefixOf(String text) {
        try {
            return Integer.parseInt(text.substring(text.indexOf('/') + 1).strip());
        } catch (NumberFormatException e) {
            return 128;
        }
    }

    private static int group(String g, IllegalArgumentException bad) {
        if (g.isEmpty() || g.length() > 4) {
            throw bad;
        }
        return Integer.parseInt(g, 16);
    }

    private Cidr masked() {
        byte[] b = address.clone();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            b[i] = (byte) (b[i] & (0xff << (8 - keep)));
        }
        return new Cidr(family, b, prefix);
    }

    /** Canonical text: dotted quad or RFC 5952 compressed IPv6, always with the prefix length. */
    @Override
    public String toString() {
        return addressText() + "/" + prefix;
    }

    /** The network address without the prefix length. */
    public String addressText() {
        if (family == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.family == family && c.prefix == prefix
                && java.util.Arrays.equals(c.address, address);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(address) * 31 + prefix;
    }

    @Override
    public int compareTo(Cidr o) {
        int c = Integer.compare(family, o.family);
        if (c != 0) {
            return c;
        }
        c = new BigInteger(1, address).compareTo(new BigInteger(1, o.address));
        return c != 0 ? c : Integer.compare(prefix, o.prefix);
    }
}
