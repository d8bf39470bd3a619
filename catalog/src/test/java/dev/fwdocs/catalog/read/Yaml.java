package dev.fwdocs.catalog.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fwdocs.catalog.Catalog;
import dev.fwdocs.catalog.CatalogException;
import dev.fwdocs.catalog.Diagnostic;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small inline catalogs for reader tests, and assertions on the exact {@code file:line:col: message} lines. */
final class Yaml {

    /**
     * A valid catalog of 22 lines that ends inside 'rules'; a test appends rules from line 23 on. Role 'server'
     * accepts TCP 8080 from 'client' (rule 'web', line 18); 'server' reaches address 'mirror' on TCP 443.
     */
    static final String HEAD = """
            fwdocs: 1
            product:
              id: demo
              name: Demo
              versions: ["1.0", "1.1", "2.0"]
            roles:
              - id: server
              - id: client
            addresses:
              - id: mirror
                hosts: [mirror.example.net]
            rules:
              - id: updates
                protocol: tcp
                ports: 443
                from: server
                to: mirror
              - id: web
                protocol: tcp
                ports: 8080
                from: client
                to: server
            """;

    private Yaml() {
    }

    /** HEAD followed by {@code rules}, the first of whose lines is line 23. */
    static String withRules(String rules) {
        return HEAD + rules;
    }

    /** Every diagnostic, as {@code p.yaml:line:col: message} lines, whether reading failed or not. */
    static List<String> diagnostics(String yaml) {
        return diagnostics(Map.of("p.yaml", yaml));
    }

    static List<String> diagnostics(Map<String, String> files) {
        try {
            Catalog c = CatalogReader.read("catalog", files);
            return c.warnings().stream().map(Diagnostic::toString).toList();
        } catch (CatalogException e) {
            return e.diagnostics().stream().map(Diagnostic::toString).toList();
        }
    }

    /** Reading fails with exactly these errors (warnings are ignored), in location order. */
    static void assertErrors(String yaml, String... expected) {
        assertErrors(Map.of("p.yaml", yaml), expected);
    }

    static void assertErrors(Map<String, String> files, String... expected) {
        try {
            CatalogReader.read("catalog", files);
            fail("expected errors " + Arrays.toString(expected));
        } catch (CatalogException e) {
            assertEquals(String.join("\n", expected),
                    String.join("\n", e.errors().stream().map(Diagnostic::toString).toList()));
        }
    }

    /** Reading succeeds and the warnings include this one. */
    static void assertWarning(String yaml, String expected) {
        Catalog c = read(yaml);
        List<String> warnings = c.warnings().stream().map(Diagnostic::toString).toList();
        assertTrue(warnings.contains(expected), () -> "no warning\n  " + expected + "\namong\n  "
                + String.join("\n  ", warnings));
    }

    /** Reads a catalog that must have no errors. */
    static Catalog read(String yaml) {
        try {
            return CatalogReader.read("catalog", Map.of("p.yaml", yaml));
        } catch (CatalogException e) {
            throw new AssertionError("unexpected errors:\n" + e.getMessage(), e);
        }
    }
}
