package dev.fwdocs.plugin.data;

import dev.fwdocs.plugin.testing.Golden;
import dev.fwdocs.plugin.testing.Catalogs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.read.CatalogReader;
import dev.fwdocs.catalog.resolve.Peer;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.plugin.model.Model;
import dev.fwdocs.plugin.model.ProductModel;
import dev.fwdocs.plugin.model.RoleModel;
import dev.fwdocs.plugin.model.VersionModel;
import dev.fwdocs.plugin.output.Layout;
import dev.fwdocs.plugin.output.Output;
import dev.fwdocs.plugin.output.OutputContext;
import dev.fwdocs.plugin.output.Outputs;
import dev.fwdocs.plugin.pages.FrontMatterSettings;
import dev.fwdocs.plugin.render.GeneratedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The data export: golden files of a small catalog, every seed version valid against the shipped schema (which
 * rejects broken documents), the CSV read back as RFC 4180 gives the catalog's flows, and the same input gives the
 * same bytes.
 */
class DataOutputTest {

    private static final Path PLUGIN = Path.of("").toAbsolutePath();
    private static final Path CATALOGS = PLUGIN.resolve("src/test/resources/data/catalogs");
    private static final Path GOLDEN = PLUGIN.resolve("src/test/resources/golden/data");
    private static final String SCHEMA_PATH = "data/" + DataOutput.SCHEMA;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        try (InputStream in = DataOutput.class.getResourceAsStream(DataOutput.SCHEMA)) {
            schema = factory.getSchema(JSON.readTree(in));
        }
    }

    private static Catalog exportCatalog() throws Exception {
        return new CatalogReader(PLUGIN).read(CATALOGS.resolve("export.yaml"));
    }

    private static Model model(Catalog catalog) {
        return Model.facts(catalog);
    }

    private static List<GeneratedFile> export(Model model) {
        return new DataOutput().render(new OutputContext(model, Layout.standard(), List.of(),
                FrontMatterSettings.defaults(), null));
    }

    private static String text(List<GeneratedFile> files, String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst().map(GeneratedFile::text)
                .orElseThrow(() -> new AssertionError("no " + path + " in " + files.stream().map(GeneratedFile::path)
                        .toList()));
    }

    @Test
    void theExportOfASmallCatalogMatchesTheGoldenFiles() throws Exception {
        List<GeneratedFile> files = export(model(exportCatalog()));
        String product = Layout.standard().dataDir("export", "x").replaceFirst("/x$", "/");
        java.util.TreeMap<String, String> golden = new java.util.TreeMap<>();
        files.stream().filter(f -> f.path().startsWith(product))
                .forEach(f -> golden.put(f.path().substring(product.length()), f.text()));
        Golden.check(GOLDEN.resolve("export"), golden);
        List<GeneratedFile> schemas = files.stream().filter(f -> f.path().endsWith(DataOutput.SCHEMA)).toList();
        assertEquals(1, schemas.size(), "the schema is written once");
        assertEquals(SCHEMA_PATH, schemas.get(0).path());
        try (InputStream in = DataOutput.class.getResourceAsStream(DataOutput.SCHEMA)) {
            assertArrayEquals(in.readAllBytes(), schemas.get(0).content(), "the schema is the shipped resource");
        }
        assertEquals(Set.of(SCHEMA_PATH), files.stream().map(GeneratedFile::path)
                .filter(p -> !p.startsWith(product)).collect(Collectors.toSet()), "nothing else is written");
        assertTrue(files.stream().noneMatch(GeneratedFile::executable));
    }

    @Test
    void theSchemaIsAValidDraft202012Schema() throws Exception {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        try (InputStream in = DataOutput.class.getResourceAsStream(DataOutput.SCHEMA)) {
            assertEquals(Set.of(), meta.validate(JSON.readTree(in)));
        }
    }

    static Stream<Arguments> seedVersions() throws Exception {
        List<GeneratedFile> files = export(model(new Catalog(Catalogs.seeds(), List.of())));
        List<Arguments> out = new ArrayList<>();
        for (ProductCatalog pc : Catalogs.seeds()) {
            List<String> folders = new ArrayList<>(pc.product().versions());
            folders.add(Layout.LATEST);
            for (String folder : folders) {
                String path = Layout.standard().dataDir(pc.product().id(), folder) + "/" + DataOutput.JSON;
                out.add(Arguments.of(path, text(files, path)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedVersions")
    void everySeedVersionValidatesAgainstTheSchema(String path, String json) throws Exception {
        assertEquals(Set.of(), schema.validate(JSON.readTree(json)), path);
        String ref = JSON.readTree(json).get("$schema").asText();
        assertEquals(SCHEMA_PATH, Path.of(path).getParent().resolve(ref).normalize().toString().replace('\\', '/'),
                path + ": $schema must lead to the schema file");
    }

    /** Each edit breaks the 2.0 export of the small catalog in one way that the schema must catch. */
    static Stream<Arguments> brokenDocuments() {
        Map<String, Consumer<ObjectNode>> edits = new java.util.LinkedHashMap<>();
        edits.put("no version", d -> d.remove("version"));
        edits.put("an unknown key", d -> d.put("colour", "blue"));
        edits.put("format 2", d -> d.put("format", 2));
        edits.put("latest as text", d -> d.put("latest", "yes"));
        edits.put("a bad version name", d -> d.put("previousVersion", "1 0"));
        edits.put("port 0", d -> ports(d).set(0, "0"));
        edits.put("port 65536", d -> ports(d).set(0, "65536"));
        edits.put("a range written with :", d -> ports(d).set(0, "8000:8010"));
        edits.put("a port as a number", d -> ports(d).set(0, 80));
        edits.put("an unknown protocol", d -> ((ArrayNode) rule(d, 0).get("protocols")).set(0, "TCP"));
        edits.put("a rule without from", d -> rule(d, 0).remove("from"));
        edits.put("an empty to", d -> rule(d, 0).putArray("to"));
        edits.put("any with another id", d -> ((ObjectNode) rule(d, 0).get("from").get(0)).put("id", "server"));
        edits.put("a role named any", d -> ((ObjectNode) rule(d, 0).get("to").get(0)).put("id", "any"));
        edits.put("an unknown peer kind", d -> ((ObjectNode) rule(d, 0).get("to").get(0)).put("kind", "host"));
        edits.put("a default port as text", d -> ((ObjectNode) rule(d, 1).get("configurable")).put("defaultPort",
                "8443"));
        edits.put("an IPv4 network without prefix", d -> ((ArrayNode) d.get("addresses").get(0).get("ipv4"))
                .set(0, "198.51.100.0"));
        edits.put("a role id in upper case", d -> ((ObjectNode) d.get("roles").get(0)).put("id", "Server"));
        edits.put("changes without added", d -> ((ObjectNode) d.get("changes")).remove("added"));
        edits.put("no $schema", d -> d.remove("$schema"));
        return edits.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    private static ObjectNode rule(ObjectNode d, int i) {
        return (ObjectNode) d.get("rules").get(i);
    }

    private static ArrayNode ports(ObjectNode d) {
        return (ArrayNode) rule(d, 0).get("ports");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDocuments")
    void theSchemaRejectsABrokenDocument(String what, Consumer<ObjectNode> edit) throws Exception {
        String json = text(export(model(exportCatalog())), "data/export/2.0/" + DataOutput.JSON);
        ObjectNode doc = (ObjectNode) JSON.readTree(json);
        assertEquals(Set.of(), schema.validate(doc), "the unedited document is valid");
        edit.accept(doc);
        Set<ValidationMessage> problems = schema.validate(doc);
        assertFalse(problems.isEmpty(), "the schema accepts a document with " + what + ":\n" + doc.toPrettyString());
    }

    /** One flow as the CSV states it and as the catalog's roles say it. */
    record Row(String rule, String protocol, String ports, String icmpTypes, String from, String fromKind, String to,
            String toKind, String direction, String optional, String setting) {
    }

    static Stream<Arguments> catalogs() throws Exception {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("export", exportCatalog()));
        out.add(Arguments.of("seeds", new Catalog(Catalogs.seeds(), List.of())));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogs")
    void theCsvReadsBackToTheFlowsOfEveryRole(String name, Catalog catalog) throws Exception {
        Model model = model(catalog);
        List<GeneratedFile> files = export(model);
        for (ProductModel p : model.products()) {
            for (VersionModel v : p.versions()) {
                String path = Layout.standard().dataDir(p.id(), v.version()) + "/" + DataOutput.CSV;
                String csv = text(files, path);
                assertTrue(csv.endsWith("\r\n") && !csv.replace("\r\n", "").contains("\n"),
                        path + ": every row ends with CRLF, and only rows do");
                List<List<String>> records = Rfc4180.parse(csv);
                assertEquals(Flows.HEADER, records.get(0), path + ": header row");
                List<Row> read = new ArrayList<>();
                for (List<String> r : records.subList(1, records.size())) {
                    assertEquals(Flows.HEADER.size(), r.size(), path + ": cells of " + r);
                    assertEquals(List.of(p.id(), v.version()), r.subList(0, 2), path);
                    read.add(new Row(r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7), r.get(8), r.get(9),
                            r.get(10), r.get(11), r.get(12)));
                }
                List<Row> expected = expectedFlows(v);
                assertFalse(expected.isEmpty(), path + " has flows");
                assertEquals(sorted(expected), sorted(read), path + ": the CSV states other flows than the roles");
            }
        }
    }

    /** The flows computed from each role's inbound and outbound rules, the way the pages and scripts see them. */
    private static List<Row> expectedFlows(VersionModel v) {
        List<Row> out = new ArrayList<>();
        for (RoleModel role : v.roles()) {
            Peer self = new Peer.RolePeer(role.role());
            for (boolean inbound : List.of(true, false)) {
                for (ResolvedRule r : inbound ? role.inbound() : role.outbound()) {
                    for (Protocol proto : r.rule().protocols()) {
                        for (Peer other : inbound ? r.from() : r.to()) {
                            Peer from = inbound ? other : self;
                            Peer to = inbound ? self : other;
                            out.add(new Row(r.id(), proto.id(), proto.isIcmp() ? "" : r.rule().ports().stream()
                                    .map(PortRange::toString).collect(Collectors.joining(" ")),
                                    r.rule().icmpTypes(proto).stream().map(t -> t.catalogName())
                                            .collect(Collectors.joining(" ")),
                                    from.id(), kind(from), to.id(), kind(to), inbound ? "inbound" : "outbound",
                                    Boolean.toString(r.rule().optional()), r.rule().configurable() == null ? ""
                                            : r.rule().configurable().setting()));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String kind(Peer p) {
        return p instanceof Peer.Any ? "any" : p instanceof Peer.RolePeer ? "role" : "address";
    }

    private static List<String> sorted(List<Row> rows) {
        return rows.stream().map(Row::toString).sorted().toList();
    }

    @Test
    void aSettingWithACommaAndQuotesIsQuotedAndReadsBack() throws Exception {
        String csv = text(export(model(exportCatalog())), "data/export/2.0/" + DataOutput.CSV);
        assertTrue(csv.contains(",\"api.port, \"\"main\"\"\"\r\n"), csv);
        assertTrue(Rfc4180.parse(csv).stream().anyMatch(r -> r.get(12).equals("api.port, \"main\"")));
    }

    @Test
    void theReaderOfTheTestRejectsWhatRfc4180Forbids() {
        assertEquals(List.of(List.of("a", "b,c", "d\"e", "")), Rfc4180.parse("a,\"b,c\",\"d\"\"e\",\r\n"));
        assertThrows(IllegalArgumentException.class, () -> Rfc4180.parse("a,b\n"));
        assertThrows(IllegalArgumentException.class, () -> Rfc4180.parse("a,b\"c\r\n"));
        assertThrows(IllegalArgumentException.class, () -> Rfc4180.parse("a,\"b\r\n"));
    }

    @Test
    void sameInputSameBytesAndLatestIsACopyOfTheNewestVersion() throws Exception {
        Catalog seeds = new Catalog(Catalogs.seeds(), List.of());
        List<GeneratedFile> a = export(model(seeds));
        List<GeneratedFile> b = export(model(new Catalog(Catalogs.seeds(), List.of())));
        assertEquals(a.stream().map(GeneratedFile::path).toList(), b.stream().map(GeneratedFile::path).toList());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).content(), b.get(i).content(), a.get(i).path());
        }
        for (ProductCatalog pc : seeds.products()) {
            for (String file : List.of(DataOutput.JSON, DataOutput.CSV)) {
                assertEquals(text(a, Layout.standard().dataDir(pc.product().id(), pc.product().latestVersion())
                        + "/" + file), text(a, Layout.standard().dataDir(pc.product().id(), Layout.LATEST) + "/"
                        + file), pc.product().id() + " latest/" + file);
            }
        }
        assertTrue(a.stream().noneMatch(f -> f.text().contains(PLUGIN.toString())), "no absolute path");
    }

    @Test
    void theDataOutputIsRegisteredAndWrittenByDefault() {
        Output data = Outputs.standard().select(List.of("data")).get(0);
        assertTrue(data instanceof DataOutput);
        assertTrue(data.byDefault());
    }

    @Test
    void relativePaths() {
        assertEquals("../../fwdocs-data.schema.json", DataOutput.relative("data/p/1.0", "data/fwdocs-data.schema.json"));
        assertEquals("x.json", DataOutput.relative("data", "data/x.json"));
        assertEquals("../b/c.json", DataOutput.relative("data/a", "data/b/c.json"));
    }

    /** A strict RFC 4180 reader: CRLF between records, quoted fields with doubled quotes, nothing else. */
    static final class Rfc4180 {
        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            int i = 0;
            boolean quoted = false;
            boolean afterQuote = false;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    if (c == '"') {
                        quoted = false;
                        afterQuote = true;
                    } else {
                        field.append(c);
                    }
                    i++;
                    continue;
                }
                if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                    afterQuote = false;
                } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(List.copyOf(record));
                    record.clear();
                    afterQuote = false;
                    i++;
                } else if (c == '"' && field.length() == 0 && !afterQuote) {
                    quoted = true;
                } else if (c == '"' || c == '\r' || c == '\n' || afterQuote) {
                    throw new IllegalArgumentException("not RFC 4180 at offset " + i + ": " + text);
                } else {
                    field.append(c);
                }
                i++;
            }
            if (quoted || field.length() > 0 || !record.isEmpty()) {
                throw new IllegalArgumentException("the last record does not end with CRLF");
            }
            return records;
        }
    }
}
