package dev.fwdocs.catalog.resolve;

import dev.fwdocs.catalog.Address;
import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Product;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.Role;
import dev.fwdocs.catalog.Rule;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Computes version views and differences from a validated product catalog. */
public final class Resolver {

    private Resolver() {
    }

    /** The view of one version; throws {@link IllegalArgumentException} for a version the product does not list. */
    public static ResolvedVersion resolve(ProductCatalog catalog, String version) {
        return resolve(catalog, version, new IdentityHashMap<>());
    }

    /** As {@link #resolve(ProductCatalog, String)}, taking each rule's resolution from {@code resolved} once made. */
    private static ResolvedVersion resolve(ProductCatalog catalog, String version,
            Map<Rule, ResolvedRule> resolved) {
        Product product = catalog.product();
        if (product.indexOf(version) < 0) {
            throw new IllegalArgumentException("product " + product.id() + " has no version " + version
                    + "; it has " + product.versions());
        }
        List<ResolvedRule> rules = new ArrayList<>();
        for (Rule rule : catalog.rules()) {
            if (rule.inVersion(product, version)) {
                rules.add(resolved.computeIfAbsent(rule,
                        r -> new ResolvedRule(r, peers(catalog, r.from()), peers(catalog, r.to()))));
            }
        }
        List<RoleView> roles = new ArrayList<>();
        for (Role role : catalog.roles()) {
            roles.add(new RoleView(role,
                    rules.stream().filter(r -> r.isTo(role.id())).toList(),
                    rules.stream().filter(r -> r.isFrom(role.id())).toList()));
        }
        return new ResolvedVersion(catalog, version, rules, roles);
    }

    /** Every version of the product, oldest first. */
    public static List<ResolvedVersion> resolveAll(ProductCatalog catalog) {
        // A rule's peers come from the catalog alone, never from the version: every version a rule is in shares
        // one resolved rule (a long history would otherwise hold a copy of each rule and its peers per version).
        Map<Rule, ResolvedRule> resolved = new IdentityHashMap<>();
        return catalog.product().versions().stream().map(v -> resolve(catalog, v, resolved)).toList();
    }

    /** What changed from {@code older} to {@code newer} (rules matched by id; order as in {@code newer}, then {@code older}). */
    public static VersionDiff diff(ResolvedVersion older, ResolvedVersion newer) {
        Map<String, ResolvedRule> before = byId(older.rules());
        Map<String, ResolvedRule> after = byId(newer.rules());
        List<ResolvedRule> added = new ArrayList<>();
        List<VersionDiff.Change> changed = new ArrayList<>();
        for (ResolvedRule r : newer.rules()) {
            ResolvedRule old = before.get(r.id());
            if (old == null) {
                added.add(r);
            } else {
                List<VersionDiff.Field> fields = fields(old.rule(), r.rule());
                if (!fields.isEmpty()) {
                    changed.add(new VersionDiff.Change(old, r, fields));
                }
            }
        }
        List<ResolvedRule> removed = older.rules().stream().filter(r -> !after.containsKey(r.id())).toList();
        return new VersionDiff(older.version(), newer.version(), added, removed, changed);
    }

    private static Map<String, ResolvedRule> byId(List<ResolvedRule> rules) {
        Map<String, ResolvedRule> m = new LinkedHashMap<>();
        rules.forEach(r -> m.put(r.id(), r));
        return m;
    }

    private static List<VersionDiff.Field> fields(Rule a, Rule b) {
        if (a == b) {
            // The same rule in both versions (most rules of most versions): nothing to compare.
            return List.of();
        }
        List<VersionDiff.Field> out = new ArrayList<>();
        compare(out, "name", a.name(), b.name());
        compare(out, "protocol", join(a.protocols().stream().map(Protocol::id).toList()),
                join(b.protocols().stream().map(Protocol::id).toList()));
        compare(out, "ports", join(a.ports().stream().map(PortRange::toString).toList()),
                join(b.ports().stream().map(PortRange::toString).toList()));
        compare(out, "icmp-type", join(a.icmpTypes().stream().map(IcmpType::catalogName).toList()),
                join(b.icmpTypes().stream().map(IcmpType::catalogName).toList()));
        compare(out, "from", join(a.from()), join(b.from()));
        compare(out, "to", join(a.to()), join(b.to()));
        compare(out, "optional", Boolean.toString(a.optional()), Boolean.toString(b.optional()));
        compare(out, "configurable", a.configurable() == null ? "no" : a.configurable().setting(),
                b.configurable() == null ? "no" : b.configurable().setting());
        compare(out, "description", a.description(), b.description());
        return out;
    }

    private static void compare(List<VersionDiff.Field> out, String name, String a, String b) {
        if (!Objects.equals(a, b)) {
            out.add(new VersionDiff.Field(name, a.isEmpty() ? "(none)" : a, b.isEmpty() ? "(none)" : b));
        }
    }

    private static String join(List<String> items) {
        return items.stream().collect(Collectors.joining(", "));
    }

    private static List<Peer> peers(ProductCatalog catalog, List<String> ids) {
        List<Peer> out = new ArrayList<>();
        for (String id : ids) {
            if (Rule.ANY.equals(id)) {
                out.add(new Peer.Any());
                continue;
            }
            Role role = catalog.role(id).orElse(null);
            if (role != null) {
                out.add(new Peer.RolePeer(role));
                continue;
            }
            Address address = catalog.address(id)
                    .orElseThrow(() -> new IllegalArgumentException("unknown role or address " + id));
            out.add(new Peer.AddressPeer(address));
        }
        return out;
    }
}
