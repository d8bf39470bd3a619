package dev.fwdocs.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A named endpoint that is not one of the product's roles: host names and/or IPv4 and IPv6 networks. */
public record Address(String id, String name, String description, List<String> hosts, List<Cidr> cidrs,
        SourceLocation location) {

    public Address {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id : name;
        description = description == null ? "" : description;
        hosts = List.copyOf(hosts);
        cidrs = List.copyOf(cidrs);
        Objects.requireNonNull(location, "location");
    }

    /** The networks of one IP family (4 or 6), possibly none: an empty list means "no address", never "any". */
    public List<Cidr> cidrs(int family) {
        // Asked for per rule, peer and family by every backend: no copy when every network is of the family.
        List<Cidr> out = new ArrayList<>(cidrs.size());
        for (Cidr c : cidrs) {
            if (c.family() == family) {
                out.add(c);
            }
        }
        return out.size() == cidrs.size() ? cidrs : List.copyOf(out);
    }
}
