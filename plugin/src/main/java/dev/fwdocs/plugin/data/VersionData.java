package dev.fwdocs.plugin.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
import java.io.UncheckedIOException;
import java.util.ArrayList;
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

    private static final ObjectWriter WRITER = writer();

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
        try {
            return WRITER.writeValueAsString(data) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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

    private static ObjectWriter writer() {
        // The indenter names its line end: the default one is the platform's, which would make the bytes depend on it.
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("").withArrayEmptySeparator(""));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return JsonMapper.builder()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build()
                .writer(printer);
    }
}
