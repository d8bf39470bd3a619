package dev.fwdocs.catalog.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.CatalogException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Keeps the shipped JSON Schema and the reader in step: same keys, same verdict on seeds and on mistakes. */
class SchemaTest {

    static final String SCHEMA = "/dev/fwdocs/catalog/fwdocs-catalog.schema.json";
    /** The seed catalogs of the example doc repository (Surefire runs in the catalog module's folder). */
    static final Path SEEDS = Path.of("../site-example/src/fwdocs/catalog");
    static final Path FIXTURES = Path.of("src/test/resources/catalogs");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode schemaTree;
    static JsonSchema schema;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = SchemaTest.class.getResourceAsStream(SCHEMA)) {
            schemaTree = JSON.readTree(in);
        }
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaTree);
    }

    static Set<String> schemaKeys(String kind) {
        JsonNode props = "catalog".equals(kind) ? schemaTree.get("properties")
                : schemaTree.get("definitions").get(kind).get("properties");
        Set<String> keys = new TreeSet<>();
        props.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void everyKindOfObjectHasTheSameKeysInSchemaAndReader() {
        for (Map.Entry<String, List<String>> e : CatalogReader.KEYS.entrySet()) {
            assertEquals(new TreeSet<>(e.getValue()), schemaKeys(e.getKey()), "keys of '" + e.getKey() + "'");
        }
    }

    @Test
    void everyObjectInTheSchemaIsAKindTheReaderKnows() {
        Set<String> objects = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schemaTree.get("definitions").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            if (d.getValue().has("properties")) {
                objects.add(d.getKey());
                assertFalse(d.getValue().path("additionalProperties").asBoolean(true),
                        d.getKey() + " must say additionalProperties: false");
            }
        }
        objects.add("catalog");
        assertEquals(new TreeSet<>(CatalogReader.KEYS.keySet()), objects);
        assertFalse(schemaTree.get("additionalProperties").asBoolean(true));
    }

    @Test
    void everyPropertyHasADescription() {
        List<String> missing = new ArrayList<>();
        describe(schemaTree, "$", missing);
        assertEquals(List.of(), missing, "properties without a description (editors show them)");
    }

    private static void describe(JsonNode node, String path, List<String> missing) {
        if (node.has("properties")) {
            node.get("properties").fields().forEachRemaining(p -> {
                if (!p.getValue().hasNonNull("description")) {
                    missing.add(path + "." + p.getKey());
                }
            });
        }
        if (node.has("definitions")) {
            node.get("definitions").fields().forEachRemaining(d -> describe(d.getValue(), d.getKey(), missing));
        }
    }

    @Test
    void enumsMatchTheModel() {
        Set<String> protocols = new TreeSet<>();
        schemaTree.at("/definitions/protocol/enum").forEach(n -> protocols.add(n.asText()));
        Set<String> known = new TreeSet<>();
        for (dev.fwdocs.catalog.Protocol p : dev.fwdocs.catalog.Protocol.values()) {
            known.add(p.id());
        }
        assertEquals(known, protocols);
        Set<String> types = new TreeSet<>();
        schemaTree.at("/definitions/icmpType/enum").forEach(n -> types.add(n.asText()));
        Set<String> names = new TreeSet<>();
        for (dev.fwdocs.catalog.IcmpType t : dev.fwdocs.catalog.IcmpType.values()) {
            names.add(t.catalogName());
        }
        assertEquals(names, types);
        assertEquals(CatalogReader.ID.pattern(), schemaTree.at("/definitions/id/pattern").asText()
                .replaceAll("^\\^|\\$$", ""));
        assertEquals(CatalogReader.MAX_ID_LENGTH, schemaTree.at("/definitions/id/maxLength").asInt());
        assertEquals(CatalogReader.VERSION.pattern(), schemaTree.at("/definitions/version/pattern").asText()
                .replaceAll("^\\^|\\$$", ""));
    }

    static Stream<Path> catalogs() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(SEEDS, FIXTURES)) {
            assertTrue(Files.isDirectory(dir), "missing " + dir.toAbsolutePath());
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(out::add);
            }
        }
        assertTrue(out.stream().anyMatch(p -> p.startsWith(SEEDS)), "no seed catalog in " + SEEDS.toAbsolutePath());
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("catalogs")
    void everySeedPassesSchemaAndReader(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Set<ValidationMessage> problems = schema.validate(YAML.readTree(text));
        assertEquals(Set.of(), problems, file + " against the schema");
        try {
            Catalog c = CatalogReader.read("catalog", Map.of(file.getFileName().toString(), text));
            assertEquals(List.of(), c.warnings(), file + " warnings");
        } catch (CatalogException e) {
            throw new AssertionError(file + " has errors:\n" + e.getMessage(), e);
        }
    }

    @ParameterizedTest
    @MethodSource("catalogs")
    void everySeedPointsEditorsAtTheSchema(Path file) throws IOException {
        String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
        String prefix = "# yaml-language-server: $schema=";
        assertTrue(first.startsWith(prefix), file + " line 1 must be '" + prefix + "<path to the schema>'");
        Path target = file.getParent().resolve(first.substring(prefix.length()).strip()).normalize();
        assertTrue(Files.isRegularFile(target), file + " points at " + target + ", which does not exist");
        // Inside the project that holds the catalog (a copy beside the seeds in site-example), so the modeline keeps
        // working when that project is copied elsewhere; the copy is this module's schema, byte for byte.
        Path project = file.toAbsolutePath().normalize().getParent();
        while (project != null && !Files.isRegularFile(project.resolve("pom.xml"))) {
            project = project.getParent();
        }
        assertTrue(project != null && target.toAbsolutePath().normalize().startsWith(project),
                file + " points out of its project " + project + ": " + target);
        assertArrayEquals(Files.readAllBytes(Path.of("src/main/resources" + SCHEMA)), Files.readAllBytes(target),
                target + " is not the current schema: copy " + SCHEMA + " there again");
    }

    /** Mistakes both must reject; each replaces one line of a valid catalog. */
    @ParameterizedTest
    @ValueSource(strings = {
        "fwdocs: 1 => fwdocs: 2",
        "  name: Demo => #",
        "  versions: [\"1.0\", \"1.1\", \"2.0\"] => #",
        "  versions: [\"1.0\", \"1.1\", \"2.0\"] =>   versions: []",
        "  versions: [\"1.0\", \"1.1\", \"2.0\"] =>   versions: [\"1.0\", \"1.0\"]",
        "  versions: [\"1.0\", \"1.1\", \"2.0\"] =>   versions: [\"bad version\"]",
        "  versions: [\"1.0\", \"1.1\", \"2.0\"] =>   versions: [\"1.0\", latest]",
        "  versions: [\"1.0\", \"1.1\", \"2.0\"] =>   versions: [\"1.0\", \"Latest\"]",
        "  versions: [\"1.0\", \"1.1\", \"2.0\"] =>   versions: [LATEST]",
        "  versions: [\"1.0\", \"1.1\", \"2.0\"] =>   versions: [\"index.md\"]",
        "  versions: [\"1.0\", \"1.1\", \"2.0\"] =>   versions: [\"INDEX.mdx\"]",
        "  versions: [\"1.0\", \"1.1\", \"2.0\"] =>   versions: [\"2.0.\"]",
        "  versions: [\"1.0\", \"1.1\", \"2.0\"] =>   versions: [\"..\"]",
        "  versions: [\"1.0\", \"1.1\", \"2.0\"] =>   versions: [\"1.0/2\"]",
        "  versions: [\"1.0\", \"1.1\", \"2.0\"] =>   versions: [\"\"]",
        "  - id: client =>   - id: Client",
        "  - id: client =>   - name: client",
        "    hosts: [mirror.example.net] =>     hosts: [https://mirror.example.net]",
        "    hosts: [mirror.example.net] =>     hosts: [mirror.example.net]\\n    cidrs: [not-a-network]",
        "    hosts: [mirror.example.net] =>     name: Mirror",
        "    ports: 8080 =>     ports: 0",
        "    ports: 8080 =>     ports: 65536",
        "    ports: 8080 =>     ports: http",
        "    ports: 8080 =>     ports: \"8080:8090\"",
        "    ports: 8080 =>     port: 8080",
        "    ports: 8080 =>     #",
        "    ports: 8080 =>     ports: 8080\\n    icmp-type: echo-request",
        "    ports: 8080 =>     ports: \"8080-8090\"\\n    configurable: {setting: P, where: /etc/p}",
        "    ports: 8080 =>     ports: 8080\\n    configurable: {setting: P}",
        "    ports: 8080 =>     ports: 8080\\n    optional: maybe",
        "    ports: 8080 =>     ports: 8080\\n    colour: blue",
        "  - id: web =>   - id: web-\\n    name: Web",
        "    protocol: tcp\\n    ports: 8080 =>     protocol: tpc\\n    ports: 8080",
        "    protocol: tcp\\n    ports: 8080 =>     protocol: icmp\\n    ports: 8080\\n    icmp-type: echo-request",
        "    protocol: tcp\\n    ports: 8080 =>     protocol: icmp\\n    icmp-type: ping",
        "    protocol: tcp\\n    ports: 8080 =>     protocol: icmp",
        "    protocol: tcp\\n    ports: 8080 =>     protocol: [tcp, icmp]\\n    ports: 8080",
        "    to: server\\n => #",
        "    to: server\\n =>     to: any\\n",
        "    from: client =>     from: []",
    })
    void mistakesAreRejectedByBoth(String edit) throws Exception {
        String[] parts = edit.replace("\\n", "\n").split(" => ", 2);
        String replacement = "#".equals(parts[1]) ? "" : parts[1];
        String yaml = Yaml.HEAD.replace("  - id: web\n", "  - id: web\n    name: Web\n");
        String from = parts[0];
        int at = yaml.lastIndexOf(from);
        assertTrue(at >= 0, "test edit does not apply: " + from);
        yaml = yaml.substring(0, at) + replacement + yaml.substring(at + from.length());
        Set<ValidationMessage> problems = schema.validate(YAML.readTree(yaml));
        assertFalse(problems.isEmpty(), "the schema accepts:\n" + yaml);
        boolean readerRejects;
        try {
            CatalogReader.read("catalog", Map.of("p.yaml", yaml));
            readerRejects = false;
        } catch (CatalogException e) {
            readerRejects = true;
        }
        assertTrue(readerRejects, "the reader accepts:\n" + yaml);
    }

    /** Version names near the reserved ones that both must accept (the schema's {@code not} must not reach them). */
    @ParameterizedTest
    @ValueSource(strings = {"[\"1.0-latest\", latest-1, index, index-2, \"1.0_\", \"1.0+\"]", "[2.9, 2.10]"})
    void versionsNearTheReservedNamesAreAcceptedByBoth(String versions) throws Exception {
        String yaml = Yaml.HEAD.replace("[\"1.0\", \"1.1\", \"2.0\"]", versions);
        assertEquals(Set.of(), schema.validate(YAML.readTree(yaml)));
        Yaml.read(yaml);
    }

    @Test
    void theBaseOfTheMistakesIsValidForBoth() throws Exception {
        String yaml = Yaml.HEAD.replace("  - id: web\n", "  - id: web\n    name: Web\n");
        assertEquals(Set.of(), schema.validate(YAML.readTree(yaml)));
        Yaml.read(yaml);
    }

    @Test
    void theExampleInTheDocsPassesSchemaAndReader() throws Exception {
        String doc = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        String yaml = doc.substring(start, doc.indexOf("```", start));
        assertTrue(yaml.contains("fwdocs: 1"), "the first yaml block of README.md is the catalog example");
        assertEquals(Set.of(), schema.validate(YAML.readTree(yaml)));
        assertEquals(List.of(), Yaml.read(yaml).warnings());
    }
}
