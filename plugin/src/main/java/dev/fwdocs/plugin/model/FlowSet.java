package dev.fwdocs.plugin.model;

import dev.fwdocs.catalog.Role;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.catalog.resolve.RoleView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The flows of one version that exactly the same roles have, and that are all optional or all required: the unit
 * {@code apply.sh} applies. A machine with roles R gets every set whose roles meet R, so each flow it needs is
 * applied once (a rule that two of its roles share lives in one set), and {@code --without-optional} leaves out the
 * optional sets. Each set is translated by every backend like a role ({@link #role()}, a synthetic role whose id is
 * {@link #id()}), so its scripts are the backends' own, with chains, tags and services of their own.
 */
public record FlowSet(String id, List<String> roles, boolean optional, RoleModel role) {

    public FlowSet {
        Objects.requireNonNull(id, "id");
        roles = List.copyOf(roles);
        Objects.requireNonNull(role, "role");
    }

    /**
     * The sets of one version: one per distinct pair (roles that have a rule in one direction, optional), in the
     * order of their roles in the catalog, required before optional.
     */
    public static List<FlowSet> of(VersionModel v) {
        List<String> order = v.roles().stream().map(RoleModel::id).toList();
        // Per role and direction the ids of its rules (unique within a version), rather than a search of the role's
        // list by the records' equals for every rule and direction.
        List<Set<String>> inboundIds = new ArrayList<>();
        List<Set<String>> outboundIds = new ArrayList<>();
        for (RoleModel role : v.roles()) {
            inboundIds.add(ResolvedRule.ids(role.inbound()));
            outboundIds.add(ResolvedRule.ids(role.outbound()));
        }
        Map<Key, List<List<ResolvedRule>>> byKey = new LinkedHashMap<>();
        for (ResolvedRule r : v.resolved().rules()) {
            for (boolean inbound : new boolean[] {true, false}) {
                List<String> having = new ArrayList<>();
                for (int i = 0; i < v.roles().size(); i++) {
                    if ((inbound ? inboundIds : outboundIds).get(i).contains(r.id())) {
                        having.add(v.roles().get(i).id());
                    }
                }
                if (having.isEmpty()) {
                    continue;
                }
                List<List<ResolvedRule>> lists = byKey.computeIfAbsent(new Key(having, r.rule().optional()),
                        k -> List.of(new ArrayList<>(), new ArrayList<>()));
                lists.get(inbound ? 0 : 1).add(r);
            }
        }
        Comparator<Key> byRoles = (a, b) -> {
            for (int i = 0; i < Math.min(a.roles().size(), b.roles().size()); i++) {
                int c = Integer.compare(order.indexOf(a.roles().get(i)), order.indexOf(b.roles().get(i)));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.roles().size(), b.roles().size());
        };
        List<Key> keys = byKey.keySet().stream()
                .sorted(byRoles.thenComparing(Key::optional)).toList();
        Set<String> taken = new HashSet<>(order);
        List<FlowSet> out = new ArrayList<>();
        for (Key k : keys) {
            String id = id(k, taken);
            taken.add(id);
            Role first = v.role(k.roles().get(0)).orElseThrow().role();
            String name = (k.roles().size() == 1 ? "role " : "roles ") + String.join(" + ", k.roles())
                    + (k.optional() ? ", optional flows" : "");
            Role synthetic = new Role(id, name, "The flows that " + String.join(" and ", k.roles())
                    + (k.roles().size() == 1 ? " has" : " all have") + ".", first.location());
            List<List<ResolvedRule>> lists = byKey.get(k);
            RoleView view = new RoleView(synthetic, lists.get(0), lists.get(1));
            out.add(new FlowSet(id, k.roles(), k.optional(),
                    RoleModel.ofFlowSet(v.resolved().catalog().roles(), v.resolved().rules(), view)));
        }
        return List.copyOf(out);
    }

    /**
     * The sets that earlier versions of the product had and {@code v} has not (their roles now share no flow, or
     * their flows became required or optional), each as its newest earlier version had it but with no flow: their
     * scripts' {@code --undo} removes what an earlier bundle's {@code apply.sh} applied under that id (an undo
     * removes every rule the set's script owns, whatever version made it), and their {@code --audit} reports each
     * such rule still in force as extra. By id.
     */
    public static List<FlowSet> retired(ProductModel product, VersionModel v) {
        Set<String> current = new HashSet<>();
        of(v).forEach(s -> current.add(s.id()));
        java.util.TreeMap<String, FlowSet> out = new java.util.TreeMap<>();
        for (VersionModel earlier : product.versions()) {
            if (earlier.version().equals(v.version())) {
                break;
            }
            for (FlowSet s : of(earlier)) {
                if (!current.contains(s.id())) {
                    RoleView none = new RoleView(s.role().view().role(), List.of(), List.of());
                    out.put(s.id(), new FlowSet(s.id(), s.roles(), s.optional(),
                            RoleModel.ofFlowSet(v.resolved().catalog().roles(), v.resolved().rules(), none)));
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** Whether a machine with these roles needs this set. */
    public boolean neededBy(List<String> machineRoles) {
        return roles.stream().anyMatch(machineRoles::contains);
    }

    private record Key(List<String> roles, boolean optional) {
    }

    /**
     * {@code set-<hash>}: the same for the same roles and optionality in every version (so a later bundle replaces
     * what an earlier one applied), never a role's id (or a role's scripts and the set's would share chains).
     */
    private static String id(Key k, Set<String> taken) {
        String hash = sha256(String.join(",", k.roles()) + (k.optional() ? "/optional" : ""));
        for (int n = 8; n <= hash.length(); n += 4) {
            String id = "set-" + hash.substring(0, n);
            if (!taken.contains(id)) {
                return id;
            }
        }
        throw new IllegalStateException("no free flow set id for " + k);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
