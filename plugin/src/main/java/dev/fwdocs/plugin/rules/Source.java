package dev.fwdocs.plugin.rules;

import dev.fwdocs.catalog.Address;
import dev.fwdocs.catalog.Cidr;
import dev.fwdocs.catalog.Role;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.rules.shell.Sh;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The other side of a flow in one address family as a script sees it: any address, the addresses given for a role
 * ({@code --from-ROLE}, which the prologue leaves in {@code FROM_<ROLE>_V4} / {@code _V6}), or a named address's
 * fixed networks of that family.
 */
public sealed interface Source {

    /** The address family, 4 or 6. */
    int family();

    /** The id of the peer: {@code any}, a role id or an address id. */
    String id();

    /**
     * The words a script loops over for this source: {@code any}, {@code $FROM_<ROLE>_V4} (which holds {@code any}
     * or a list, possibly empty), or the networks.
     */
    List<Sh> words();

    /** Whether a page's commands, which take no role addresses, open this source to any address. */
    default boolean anyOnPage() {
        return !(this instanceof Networks);
    }

    /** The source of a peer in one family; empty when it is a named address with no network of that family. */
    static Optional<Source> of(Peer peer, int family) {
        if (family != 4 && family != 6) {
            throw new IllegalArgumentException("family must be 4 or 6");
        }
        if (peer instanceof Peer.RolePeer rp) {
            return Optional.of(new RoleAddresses(rp.role(), family));
        }
        if (peer instanceof Peer.AddressPeer ap) {
            List<Cidr> cidrs = RoleModel.cidrs(ap.address(), family);
            return cidrs.isEmpty() ? Optional.empty() : Optional.of(new Networks(ap.address(), family, cidrs));
        }
        return Optional.of(new Any(family));
    }

    /** The source of a peer of a {@link RoleModel.Flow}, which has a network of the flow's family. */
    static Source ofFlow(Peer peer, int family) {
        return of(peer, family).orElseThrow(() -> new IllegalArgumentException(
                peer.id() + " has no IPv" + family + " network"));
    }

    /** Any address of the family. */
    record Any(int family) implements Source {
        @Override
        public String id() {
            return "any";
        }

        @Override
        public List<Sh> words() {
            return List.of(Sh.word("any"));
        }
    }

    /** The addresses given for a role, in the script's variable. */
    record RoleAddresses(Role role, int family) implements Source {
        public RoleAddresses {
            Objects.requireNonNull(role, "role");
        }

        @Override
        public String id() {
            return role.id();
        }

        /** The variable: {@code FROM_NODE_V4}. */
        public String var() {
            return ShellScript.sourcesVar(role.id(), family);
        }

        @Override
        public List<Sh> words() {
            return List.of(Sh.words(var()));
        }
    }

    /** A named address's networks of the family, sorted, never empty. */
    record Networks(Address address, int family, List<Cidr> cidrs) implements Source {
        public Networks {
            Objects.requireNonNull(address, "address");
            cidrs = List.copyOf(cidrs);
            if (cidrs.isEmpty() || cidrs.stream().anyMatch(c -> c.family() != family)) {
                throw new IllegalArgumentException("networks of one family, at least one: " + cidrs);
            }
        }

        @Override
        public String id() {
            return address.id();
        }

        @Override
        public List<Sh> words() {
            return cidrs.stream().map(c -> Sh.word(c.toString())).toList();
        }

        /** The networks as text, separated by {@code separator}. */
        public String text(String separator) {
            return String.join(separator, cidrs.stream().map(Cidr::toString).toList());
        }
    }
}
