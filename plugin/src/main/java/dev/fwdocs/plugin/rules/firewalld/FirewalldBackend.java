package dev.fwdocs.plugin.rules.firewalld;

import dev.fwdocs.plugin.rules.shell.ShellText;
import dev.fwdocs.catalog.Cidr;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.rules.BackendFacts;
import dev.fwdocs.plugin.rules.RolePlan;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The firewalld backend: per role, a script that brings firewalld's permanent configuration to exactly what the role
 * needs (then reloads once, only when something changed), and the same objects as firewalld XML files. Inbound rules
 * live in the chosen zone itself (so they work whether or not the zone has an interface bound): the owned service
 * {@code fwdocs-<product>-<role>} with the ports open to any address, and rich rules that always name one of the
 * script's own ipsets ({@code fwd<hash>-...}, one per role or address and family) as their source, which is how the
 * script tells its rich rules from everyone else's. Outbound rules go to an owned policy from HOST to ANY. A page
 * shows the same service holding every port open to any source, with plain rich rules for ICMP and fixed networks
 * ({@link FirewalldPlan}).
 */
public final class FirewalldBackend implements RuleBackend {

    /** The backend id, also its display name. */
    static final String ID = "firewalld";

    /** firewalld limits policy names to 18 characters (its chain names must fit in 28). */
    static final int POLICY_NAME_CHARS = 18;

    /** firewalld (and the kernel's ipset) limit ipset names to 32 characters. */
    static final int IPSET_NAME_CHARS = 32;

    /** What hash:net ipsets hold for "any address" (they take no /0): the two halves of each family. */
    static final Map<Integer, List<String>> ANY_ENTRIES = Map.of(4, List.of("0.0.0.0/1", "128.0.0.0/1"),
            6, List.of("::/1", "8000::/1"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return ID;
    }

    static String serviceName(ResolvedVersion version, RoleView role) {
        return "fwdocs-" + version.catalog().product().id() + "-" + role.role().id();
    }

    static String policyName(ResolvedVersion version, RoleView role) {
        return ShellText.shortName("fwd-", List.of(version.catalog().product().id(), role.role().id()), "-out",
                POLICY_NAME_CHARS);
    }

    /** The prefix of every ipset of a product's role: {@code fwd} and a 6-hex-digit hash of product and role. */
    static String ipsetPrefix(ResolvedVersion version, RoleView role) {
        String key = version.catalog().product().id() + "/" + role.role().id();
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "fwd" + HexFormat.of().formatHex(d).substring(0, 6) + "-";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The ipset of one peer (a role, an address, or any address) and family. */
    static String ipsetName(String prefix, Peer peer, int family) {
        List<String> parts;
        if (peer instanceof Peer.RolePeer rp) {
            parts = List.of("r", rp.role().id());
        } else if (peer instanceof Peer.AddressPeer ap) {
            parts = List.of("a", ap.address().id());
        } else {
            parts = List.of("any");
        }
        return ShellText.shortName(prefix, parts, "-" + family, IPSET_NAME_CHARS);
    }

    /**
     * An address's CIDRs of one family as firewalld stores them in an ipset: sorted, none inside another (firewalld
     * refuses overlapping entries), a /0 as the two halves.
     */
    static List<String> ipsetEntries(List<Cidr> cidrs) {
        List<String> out = new ArrayList<>();
        for (Cidr c : outermost(cidrs)) {
            if (c.prefix() == 0) {
                out.addAll(ANY_ENTRIES.get(c.family()));
            } else {
                out.add(c.toString());
            }
        }
        return List.copyOf(out);
    }

    /** The networks, sorted, without those inside another one of the list. */
    static List<Cidr> outermost(List<Cidr> cidrs) {
        List<Cidr> sorted = cidrs.stream().sorted().distinct().toList();
        return sorted.stream().filter(c -> sorted.stream().noneMatch(o -> !o.equals(c) && contains(o, c))).toList();
    }

    private static boolean contains(Cidr outer, Cidr inner) {
        if (outer.family() != inner.family() || outer.prefix() > inner.prefix()) {
            return false;
        }
        byte[] a = outer.address();
        byte[] b = inner.address();
        for (int i = 0; i < a.length; i++) {
            int keep = Math.max(0, Math.min(8, outer.prefix() - 8 * i));
            int mask = (0xff << (8 - keep)) & 0xff;
            if ((a[i] & mask) != (b[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public BackendFacts facts() {
        return FACTS;
    }

    private static final BackendFacts FACTS = new BackendFacts("sudo firewall-cmd --list-all",
            List.of(new BackendFacts.DefaultTab(20, "rhel", "RHEL / Rocky / Alma / CentOS Stream / Fedora"),
                    new BackendFacts.DefaultTab(25, "suse", "SUSE")),
            EnumSet.allOf(Protocol.class));

    @Override
    public RolePlan plan(VersionModel version, RoleModel role) {
        return FirewalldPlan.of(version, role);
    }
}
