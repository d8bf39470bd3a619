package dev.fwdocs.plugin.fuzz;

import dev.fwdocs.catalog.Address;
import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.Configurable;
import dev.fwdocs.catalog.Note;
import dev.fwdocs.catalog.Product;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.Role;
import dev.fwdocs.catalog.Rule;

/** A catalog with every free text (names, summaries, descriptions, notes, settings, verify commands) made plain. */
final class Benign {

    private Benign() {
    }

    static Catalog of(Catalog c) {
        return new Catalog(c.products().stream().map(Benign::of).toList(), c.warnings());
    }

    private static ProductCatalog of(ProductCatalog pc) {
        Product p = pc.product();
        Product product = new Product(p.id(), text(p.name()), text(p.summary()), p.versions(),
                p.notes().stream().map(n -> new Note(text(n.title()), text(n.text()), n.location())).toList(),
                p.location());
        return new ProductCatalog(pc.source(), product,
                pc.roles().stream().map(r -> new Role(r.id(), text(r.name()), text(r.description()), r.location()))
                        .toList(),
                pc.addresses().stream().map(a -> new Address(a.id(), text(a.name()), text(a.description()), a.hosts(),
                        a.cidrs(), a.location())).toList(),
                pc.rules().stream().map(Benign::of).toList());
    }

    private static Rule of(Rule r) {
        Configurable c = r.configurable();
        return new Rule(r.id(), text(r.name()), r.protocols(), r.ports(), r.icmpTypes(), r.from(), r.to(),
                text(r.description()), text(r.notes()), r.optional(),
                c == null ? null : new Configurable(text(c.setting()), text(c.where()), text(c.description()),
                        c.location()),
                text(r.verify()), r.since(), r.until(), r.location());
    }

    /** The same presence (null, empty or not), no content of the catalog's. */
    private static String text(String s) {
        return s == null || s.isEmpty() ? s : "text";
    }
}
