package dev.fwdocs.plugin.proof;

import dev.fwdocs.catalog.Cidr;
import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.catalog.resolve.RoleView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one application of a role's script must let through, computed from the catalog alone: the probes to send
 * from the client (inbound) and from the server to the client (outbound) and, for each, whether it must be answered
 * or must not be.
 */
final class Expect {

    private Expect() {
    }

    /**
     * One way of applying the script: role sources per role id (absent = unset = any source), moved ports per
     * rule id, and the client addresses to probe from. {@code viaEnvironment} passes them as FWDOCS_* variables.
     */
    record Apply(String name, Map<String, List<String>> from, Map<String, Integer> ports, List<String> sources,
            boolean viaEnvironment) {
        Apply {
            from = Map.copyOf(from);
            ports = Map.copyOf(ports);
            sources = List.copyOf(sources);
        }

        /** The script options for this apply, in a stable order. */
        List<String> options() {
            if (viaEnvironment) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            new TreeMap<>(from).forEach((role, cidrs) -> out.add("--from-" + role + "=" + String.join(",", cidrs)));
            new TreeMap<>(ports).forEach((rule, port) -> out.add("--port-" + rule + "=" + port));
            return out;
        }

        /** The environment equivalents of {@link #options()} when this apply goes through the environment. */
        Map<String, String> environment() {
            Map<String, String> env = new TreeMap<>();
            if (viaEnvironment) {
                from.forEach((role, cidrs) -> env.put("FWDOCS_FROM_" + envId(role), String.join(",", cidrs)));
                ports.forEach((rule, port) -> env.put("FWDOCS_PORT_" + envId(rule), Integer.toString(port)));
            }
            return env;
        }

        String describe() {
            List<String> parts = new ArrayList<>(options());
            environment().forEach((k, v) -> parts.add(k + "=" + v));
            return name + (parts.isEmpty() ? " (no options)" : " (" + String.join(" ", parts) + ")");
        }

        private static String envId(String id) {
            return id.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        }
    }

    /** One probe: {@code proto} is tcp, udp or ping; {@code open} is what the catalog demands. */
    record Probe(String proto, String src, String dst, int port, boolean open, String why) {
        int family() {
            return dst.contains(":") ? 6 : 4;
        }

        String label() {
            return proto.equals("ping")
                    ? "ping (echo-request) " + src + " -> " + dst
                    : proto + " " + src + " -> " + (family() == 6 ? "[" + dst + "]" : dst) + ":" + port;
        }
    }

    /** A target without source: a protocol and port (port 0 for ping). */
    record Target(String proto, int port) implements Comparable<Target> {
        @Override
        public int compareTo(Target o) {
            int c = proto.compareTo(o.proto);
            return c != 0 ? c : Integer.compare(port, o.port);
        }
    }

    /**
     * Every target worth probing inbound for this apply: each allowed range's ends and middle, its neighbours, the
     * other protocol; and the same of the role's outbound ports, which stay closed inbound unless an inbound rule
     * opens them (an outbound flow opened in the wrong direction, or both).
     */
    static Set<Target> targets(RoleView role, Apply apply) {
        Set<Target> out = targets(role.inbound(), apply);
        out.addAll(targets(role.outbound(), apply));
        out.add(new Target("ping", 0));
        return out;
    }

    /**
     * The targets of the role's outbound rules, as {@link #targets} has them for inbound ones; ping only when an
     * outbound rule allows echo (a host's own pings are not the catalog's business otherwise).
     */
    static Set<Target> outboundTargets(RoleView role, Apply apply) {
        Set<Target> out = targets(role.outbound(), apply);
        for (ResolvedRule r : role.outbound()) {
            if (r.rule().icmpTypes().contains(IcmpType.ECHO_REQUEST_V4)
                    || r.rule().icmpTypes().contains(IcmpType.ECHO_REQUEST_V6)) {
                out.add(new Target("ping", 0));
            }
        }
        return out;
    }

    private static Set<Target> targets(List<ResolvedRule> rules, Apply apply) {
        Set<Target> out = new TreeSet<>();
        for (ResolvedRule r : rules) {
            Integer moved = apply.ports().get(r.id());
            List<PortRange> ranges = moved == null ? r.rule().ports() : List.of(PortRange.of(moved));
            if (moved != null) {
                for (PortRange old : r.rule().ports()) {
                    out.add(new Target("tcp", old.first()));
                    out.add(new Target("udp", old.first()));
                }
            }
            if (r.rule().portProtocols().isEmpty()) {
                continue;
            }
            for (PortRange range : ranges) {
                Set<Integer> ports = new LinkedHashSet<>(List.of(range.first(), range.last(),
                        range.first() + (range.last() - range.first()) / 2));
                if (range.first() > 1) {
                    ports.add(range.first() - 1);
                }
                if (range.last() < PortRange.MAX_PORT) {
                    ports.add(range.last() + 1);
                }
                for (int p : ports) {
                    // both probed whatever the rule's protocol: the other one on the same port must stay closed
                    out.add(new Target("tcp", p));
                    out.add(new Target("udp", p));
                }
            }
        }
        return out;
    }

    /**
     * The probes for this apply with definite expectations; a probe the baseline itself answers and the catalog does
     * not allow is left out (it cannot show anything).
     */
    static List<Probe> plan(RoleView role, Apply apply, Firewall baseline) {
        List<Probe> out = new ArrayList<>();
        for (Target t : targets(role, apply)) {
            for (String src : apply.sources()) {
                String dst = src.contains(":") ? Lab.SERVER6 : Lab.SERVER4;
                int family = src.contains(":") ? 6 : 4;
                String why = allowedBy(role, apply, t, family, src);
                if (why == null && baseline != null && baseline.baselineOpens(t.proto(), t.port())) {
                    continue;
                }
                out.add(new Probe(t.proto(), src, dst, t.port(), why != null,
                        why != null ? why : "no inbound rule of role " + role.role().id() + " allows it"));
            }
        }
        return out;
    }

    /**
     * The probes the server sends to the peer namespace for the role's outbound rules: every target to the peer's
     * main addresses (inside the destination role CIDRs and the lab's named address), and each target allowed there
     * also to the second addresses, outside them; a probe the baseline itself lets out and the catalog does not
     * allow is left out.
     */
    static List<Probe> outboundPlan(RoleView role, Apply apply, Firewall baseline) {
        List<Probe> out = new ArrayList<>();
        for (Target t : outboundTargets(role, apply)) {
            for (String[] pair : List.of(new String[] {Lab.CLIENT4, Lab.OTHER4},
                    new String[] {Lab.CLIENT6, Lab.OTHER6})) {
                int family = pair[0].contains(":") ? 6 : 4;
                String src = family == 6 ? Lab.SERVER6 : Lab.SERVER4;
                String inside = allowedTo(role, apply, t, family, pair[0]);
                List<String> dsts = inside == null ? List.of(pair[0]) : List.of(pair[0], pair[1]);
                for (String dst : dsts) {
                    String why = dst.equals(pair[0]) ? inside : allowedTo(role, apply, t, family, dst);
                    if (why == null && baseline != null && baseline.baselineLetsOut(t.proto(), t.port(), family)) {
                        continue;
                    }
                    out.add(new Probe(t.proto(), src, dst, t.port(), why != null,
                            why != null ? why : "no outbound rule of role " + role.role().id() + " allows it"));
                }
            }
        }
        return out;
    }

    /** The first outbound rule that lets this probe out to {@code dst}, with the peer it goes to; null when none. */
    static String allowedTo(RoleView role, Apply apply, Target t, int family, String dst) {
        for (ResolvedRule r : role.outbound()) {
            if (!covers(r, apply, t, family)) {
                continue;
            }
            for (Peer peer : r.to()) {
                if (admits(peer, apply, family, dst)) {
                    return "outbound rule " + r.id() + " allows it to " + peer.id();
                }
            }
        }
        return null;
    }

    /** The id of the first inbound rule that lets this probe in, with the peer that admits it; null when none does. */
    static String allowedBy(RoleView role, Apply apply, Target t, int family, String src) {
        for (ResolvedRule r : role.inbound()) {
            if (!covers(r, apply, t, family)) {
                continue;
            }
            for (Peer peer : r.from()) {
                if (admits(peer, apply, family, src)) {
                    return "rule " + r.id() + " allows it from " + peer.id();
                }
            }
        }
        return null;
    }

    private static boolean covers(ResolvedRule r, Apply apply, Target t, int family) {
        if (t.proto().equals("ping")) {
            IcmpType echo = family == 4 ? IcmpType.ECHO_REQUEST_V4 : IcmpType.ECHO_REQUEST_V6;
            return r.rule().protocols().contains(echo.protocol()) && r.rule().icmpTypes().contains(echo);
        }
        Protocol p = Protocol.fromId(t.proto()).orElseThrow();
        if (!r.rule().portProtocols().contains(p)) {
            return false;
        }
        Integer moved = apply.ports().get(r.id());
        if (moved != null) {
            return moved == t.port();
        }
        return r.rule().ports().stream().anyMatch(range -> range.contains(t.port()));
    }

    private static boolean admits(Peer peer, Apply apply, int family, String src) {
        if (peer instanceof Peer.Any) {
            return true;
        }
        if (peer instanceof Peer.RolePeer rp) {
            List<String> given = apply.from().get(rp.role().id());
            return given == null || given.stream().map(Cidr::parse).anyMatch(c -> contains(c, family, src));
        }
        if (peer instanceof Peer.AddressPeer ap) {
            return ap.address().cidrs(family).stream().anyMatch(c -> contains(c, family, src));
        }
        return false;
    }

    static boolean contains(Cidr net, int family, String address) {
        if (net.family() != family) {
            return false;
        }
        byte[] a = Cidr.parse(address).address();
        byte[] n = net.address();
        int bits = net.prefix();
        for (int i = 0; i < n.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((a[i] & mask) != (n[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The role ids that appear as destinations of the role's outbound rules, in catalog order. */
    static List<String> destinationRoles(RoleView role) {
        Set<String> ids = new LinkedHashSet<>();
        for (ResolvedRule r : role.outbound()) {
            for (Peer p : r.to()) {
                if (p instanceof Peer.RolePeer rp) {
                    ids.add(rp.role().id());
                }
            }
        }
        return List.copyOf(ids);
    }

    /** The role ids that appear as sources of the role's inbound rules, in catalog order. */
    static List<String> sourceRoles(RoleView role) {
        Set<String> ids = new LinkedHashSet<>();
        for (ResolvedRule r : role.inbound()) {
            for (Peer p : r.from()) {
                if (p instanceof Peer.RolePeer rp) {
                    ids.add(rp.role().id());
                }
            }
        }
        return List.copyOf(ids);
    }
}
