package dev.fwdocs.catalog.resolve;

import dev.fwdocs.catalog.Address;
import dev.fwdocs.catalog.Role;

/** One side of a flow after resolution: any host, one of the product's roles, or a named address. */
public sealed interface Peer {

    /** The catalog id ({@code any}, a role id or an address id). */
    String id();

    /** The display name. */
    String name();

    /** Any source at all (the internet, users). */
    record Any() implements Peer {
        @Override
        public String id() {
            return "any";
        }

        @Override
        public String name() {
            return "Any";
        }
    }

    /** A role of the product; its addresses are given when the rules are applied. */
    record RolePeer(Role role) implements Peer {
        @Override
        public String id() {
            return role.id();
        }

        @Override
        public String name() {
            return role.name();
        }
    }

    /** A named address with host names and/or networks fixed in the catalog. */
    record AddressPeer(Address address) implements Peer {
        @Override
        public String id() {
            return address.id();
        }

        @Override
        public String name() {
            return address.name();
        }
    }
}
