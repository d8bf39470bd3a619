package dev.fwdocs.plugin.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.fwdocs.catalog.Address;
import dev.fwdocs.catalog.Cidr;
import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.Rule;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.catalog.resolve.VersionDiff;
import dev.fwdocs.plugin.model.ProductModel;
import dev.fwdocs.plugin.model.VersionModel;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One product version as the data export writes it ({@code catalog.json}), shaped exactly like
 * {@code fwdocs-data.schema.json}: every key always present (null or empty where the catalog has nothing), keys
 * sorted, lists in catalog order.
 */
public record VersionData(@JsonProperty("$schema") String schema, int format, ProductData product, String version,
        boolean latest, String previousVersion, List<RoleData> roles, List<AddressData> addresses,
        List<RuleData> rules, ChangesData changes) {

    /** The export format version, raised by a change that can break a reader. */
    public static final int FORMAT = 1;

    private static final JsonFactory JSON = new JsonFactory();

    private static final DefaultPrettyPrinter PRINTER = printer();

    public VersionData {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(version, "version");
        roles = List.copyOf(roles);
        addresses = List.copyOf(addresses);
        rules = List.copyOf(rules);
    }

    /** The product a version belongs to. */
    public record ProductData(String id, String name, String summary, String source, List<NoteData> notes) {
        public ProductData {
            notes = List.copyOf(notes);
        }
    }

    /** A product note. */
    public record NoteData(String title, String text) {
    }

    /** A role and the ids of its inbound and outbound rules. */
    public record RoleData(String id, String name, String description, List<String> inbound, List<String> outbound) {
        public RoleData {
            inbound = List.copyOf(inbound);
            outbound = List.copyOf(outbound);
        }
    }

    /** A named address: host names and networks per family. */
    public record AddressData(String id, String name, String description, List<String> hosts, List<String> ipv4,
            List<String> ipv6) {
        public AddressData {
            hosts = List.copyOf(hosts);
            ipv4 = List.copyOf(ipv4);
            ipv6 = List.copyOf(ipv6);
        }
    }

    /** A rule in force in the version, with its peers resolved to kinds. */
    public record RuleData(String id, String name, String description, List<String> protocols, List<String> ports,
            List<String> icmpTypes, List<PeerData> from, List<PeerData> to, boolean optional,
            ConfigurableData configurable, String notes, String verify) {
        public RuleData {
            protocols = List.copyOf(protocols);
            ports = List.copyOf(ports);
            icmpTypes = List.copyOf(icmpTypes);
            from = List.copyOf(from);
            to = List.copyOf(to);
        }
    }

    /** One side of a rule: {@code role}, {@code address} or {@code any}, and its id. */
    public record PeerData(String kind, String id) {
        public PeerData {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
        }
    }

    /** How the operator moves a rule's port, and the catalog's port. */
    public record ConfigurableData(String setting, String where, String description, int defaultPort) {
    }

    /** What changed from the previous version: rule ids added and removed, and changed fields. */
    public record ChangesData(String from, List<String> added, List<String> removed, List<FieldData> changed) {
        public ChangesData {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            changed = List.copyOf(changed);
        }
    }

    /** One changed field of one rule, in display form. */
    public record FieldData(String rule, String field, String before, String after) {
    }

    /** The export of one version; {@code schema} is where the file finds the JSON Schema. */
    public static VersionData of(ProductModel product, VersionModel v, String schema) {
        var catalog = product.catalog();
        var p = catalog.product();
        ProductData productData = new ProductData(p.id(), p.name(), p.summary(), product.sourceName(),
                p.notes().stream().map(n -> new NoteData(n.title(), n.text())).toList());
        List<RoleData> roles = new ArrayList<>();
        for (RoleView r : v.resolved().roles()) {
            roles.add(new RoleData(r.role().id(), r.role().name(), r.role().description(),
                    r.inbound().stream().map(ResolvedRule::id).toList(),
                    r.outbound().stream().map(ResolvedRule::id).toList()));
        }
        List<AddressData> addresses = catalog.addresses().stream().map(VersionData::address).toList();
        List<RuleData> rules = v.resolved().rules().stream().map(VersionData::rule).toList();
        ChangesData changes = v.diff().map(VersionData::changes).orElse(null);
        return new VersionData(schema, FORMAT, productData, v.version(), v.resolved().isLatest(),
                v.resolved().previousVersion().orElse(null), roles, addresses, rules, changes);
    }

    /** The JSON text: two-space indents, {@code \n} line ends, a final line end; same data, same bytes. */
    public static String json(VersionData data) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            // The printer keeps the nesting depth: one instance per file.
            g.setPrettyPrinter(PRINTER.createInstance());
            write(g, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text + "\n";
    }

    /**
     * Writes a value of these records as Jackson's data binding wrote them (which the golden files pin): a record as
     * an object of its components sorted by name ({@code @JsonProperty} renames), nulls included, a list as an
     * array. Streaming through the generator alone spares a run loading and warming the data binding (several
     * hundred classes and their introspection of each record, a few tenths of a second of a cold build).
     */
    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Record r) {
            g.writeStartObject();
            RecordComponent[] components = r.getClass().getRecordComponents();
            Arrays.sort(components, Comparator.comparing(VersionData::key));
            for (RecordComponent c : components) {
                g.writeFieldName(key(c));
                try {
                    write(g, c.getAccessor().invoke(r));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass(), e);
                }
            }
            g.writeEndObject();
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass());
        }
    }

    /** A record component's key in the JSON (the annotation is on the accessor: it has no record-component target). */
    private static String key(RecordComponent c) {
        JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
        return renamed == null ? c.getName() : renamed.value();
    }

    /** {@code role}, {@code address} or {@code any}: the kind of a peer, as JSON and CSV name it. */
    public static String kind(Peer peer) {
        if (peer instanceof Peer.RolePeer) {
            return "role";
        }
        return peer instanceof Peer.AddressPeer ? "address" : "any";
    }

    private static AddressData address(Address a) {
        return new AddressData(a.id(), a.name(), a.description(), a.hosts(),
                a.cidrs(4).stream().map(Cidr::toString).toList(), a.cidrs(6).stream().map(Cidr::toString).toList());
    }

    private static RuleData rule(ResolvedRule r) {
        Rule rule = r.rule();
        ConfigurableData configurable = rule.configurable() == null ? null
                : new ConfigurableData(rule.configurable().setting(), rule.configurable().where(),
                        rule.configurable().description(), rule.ports().get(0).first());
        return new RuleData(rule.id(), rule.name(), rule.description(),
                rule.protocols().stream().map(Protocol::id).toList(),
                rule.portProtocols().isEmpty() ? List.of() : rule.ports().stream().map(PortRange::toString).toList(),
                rule.icmpTypes().stream().map(IcmpType::catalogName).distinct().toList(), peers(r.from()),
                peers(r.to()), rule.optional(), configurable, rule.notes(), rule.verify());
    }

    private static List<PeerData> peers(List<Peer> peers) {
        return peers.stream().map(p -> new PeerData(kind(p), p.id())).toList();
    }

    private static ChangesData changes(VersionDiff d) {
        List<FieldData> changed = new ArrayList<>();
        for (VersionDiff.Change c : d.changed()) {
            for (VersionDiff.Field f : c.fields()) {
                changed.add(new FieldData(c.rule().id(), f.name(), f.before(), f.after()));
            }
        }
        return new ChangesData(d.fromVersion(), d.added().stream().map(ResolvedRule::id).toList(),
                d.removed().stream().map(ResolvedRule::id).toList(), changed);
    }

    private static DefaultPrettyPrinter printer() {
        // The indenter names its line end: the default one is the platform's, which would make the bytes depend on it.
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("").withArrayEmptySeparator(""));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }
}
