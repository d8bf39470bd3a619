package dev.fwdocs.plugin.pages.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.IcmpType;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.Role;
import dev.fwdocs.catalog.resolve.ResolvedRule;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.testing.Catalogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every seed: each port fact the seed page states (seed-facts CSV) appears in the generated overview of the latest
 * version, read back from the page's role tables; and no overview of any version states a port, protocol or role
 * flow that the catalog does not have.
 */
class SeedFactsTest {

    /** Port facts per seed page: {@code <product-id>.csv} with {@code role,direction,protocol,port}. */
    private static final Path SEED_FACTS = Path.of("src/test/resources/seed-facts").toAbsolutePath();

    /**
     * Facts the catalog deliberately does not state, with the reason (kept here so the exception is visible and the
     * test fails once the gap is closed, prompting its removal).
     */
    private static final Map<String, String> KNOWN_GAPS = Map.of();

    /** One flow a page's role table states. */
    record Flow(String role, boolean incoming, String protocol, String port) {
    }

    static Stream<Arguments> seedsWithFacts() throws Exception {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(SEED_FACTS)) {
            for (Path csv : s.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                String id = csv.getFileName().toString().replace(".csv", "");
                out.add(Arguments.of(id, Catalogs.seed(id), csv));
            }
        }
        return out.stream();
    }

    @Test
    void everySeedCatalogHasFacts() throws Exception {
        List<String> catalogs = Catalogs.seeds().stream().map(p -> p.product().id()).sorted().toList();
        List<String> facts;
        try (Stream<Path> s = Files.list(SEED_FACTS)) {
            facts = s.map(p -> p.getFileName().toString().replace(".csv", "")).sorted().toList();
        }
        assertEquals(catalogs, facts, "every seed catalog needs a facts file and every facts file a catalog");
        assertTrue(catalogs.size() >= 5, "expected the five seed catalogs, found " + catalogs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedsWithFacts")
    void everySeedFactAppearsInTheOverview(String id, ProductCatalog catalog, Path csv) throws Exception {
        for (Flavor flavor : Flavor.values()) {
            String page = overview(catalog, flavor, catalog.product().latestVersion());
            List<Flow> flows = flows(page, catalog, flavor);
            assertFalse(flows.isEmpty(), "no flows read back from the " + flavor.id() + " overview of " + id);
            List<String> missing = new ArrayList<>();
            List<String> lines = Files.readAllLines(csv);
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.strip().split(",");
                String role = catalog.role(f[0]).map(Role::name).orElseThrow(() -> new AssertionError(
                        csv + ": unknown role " + f[0]));
                boolean incoming = f[1].equals("in");
                Protocol protocol = Protocol.fromId(f[2]).orElseThrow();
                boolean found = flows.stream().anyMatch(fl -> fl.role().equals(role) && fl.incoming() == incoming
                        && fl.protocol().equalsIgnoreCase(protocol.label()) && covers(fl.port(), protocol, f[3]));
                boolean gap = KNOWN_GAPS.containsKey(id + ": " + line.strip());
                if (gap) {
                    assertFalse(found, id + ": " + line + " is listed as a known gap but now appears; remove it "
                            + "from KNOWN_GAPS");
                } else if (!found) {
                    missing.add(line);
                }
            }
            assertEquals(List.of(), missing, id + " (" + flavor.id() + "): facts of the seed page missing from "
                    + "the overview");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedsWithFacts")
    void theOverviewStatesNoPortTheCatalogLacks(String id, ProductCatalog catalog, Path csv) throws Exception {
        for (String version : catalog.product().versions()) {
            ResolvedVersion v = Resolver.resolve(catalog, version);
            String page = overview(catalog, Flavor.PLAIN, version);
            for (Flow fl : flows(page, catalog, Flavor.PLAIN)) {
                assertTrue(inCatalog(v, fl), id + " " + version + ": the overview states " + fl
                        + ", which the catalog does not have");
            }
            // The port table and the role matrix, too.
            List<String> rows = tableRows(page, "## Ports");
            for (String row : rows) {
                String[] cells = cells(row);
                for (String proto : cells[1].split(", ")) {
                    for (String port : cells[0].split(", ")) {
                        assertTrue(v.rules().stream().anyMatch(r -> has(r, proto, port)), id + " " + version
                                + ": port table row states " + proto + " " + port + " which no rule has: " + row);
                    }
                }
            }
            for (String row : tableRows(page, "## Ports by role")) {
                String[] cells = cells(row);
                RoleView role = v.roles().stream().filter(r -> r.role().name().equals(cells[0])).findFirst()
                        .orElseThrow(() -> new AssertionError("matrix row for unknown role: " + row));
                for (int col = 1; col <= 2; col++) {
                    List<ResolvedRule> rules = col == 1 ? role.inbound() : role.outbound();
                    for (String part : cells[col].isBlank() ? new String[0] : cells[col].split("; ")) {
                        String proto = part.substring(0, part.indexOf(' '));
                        for (String port : part.substring(part.indexOf(' ') + 1).split(", ")) {
                            assertTrue(rules.stream().anyMatch(r -> has(r, proto, port)), id + " " + version
                                    + ": role matrix states " + proto + " " + port + " for " + cells[0]
                                    + " which the catalog does not");
                        }
                    }
                }
            }
        }
    }

    private static String overview(ProductCatalog catalog, Flavor flavor, String version) {
        String suffix = catalog.product().id() + "/" + version + "/" + flavor.indexFile();
        return MarkdownPages.render(PageRequest.of(List.of(catalog), flavor, BackendRegistry.standard().all())).stream()
                .filter(f -> f.path().endsWith(suffix)).findFirst().map(GeneratedFile::text).orElseThrow();
    }

    /** The flows of the role tables: under each role heading, the table whose header starts with Direction. */
    static List<Flow> flows(String page, ProductCatalog catalog, Flavor flavor) {
        MarkdownEscaper esc = new MarkdownEscaper(flavor);
        List<Flow> out = new ArrayList<>();
        String role = null;
        for (String line : page.split("\n")) {
            if (line.startsWith("### ")) {
                String heading = line.substring(4);
                role = catalog.roles().stream().map(Role::name).filter(n -> esc.text(n).equals(heading)).findFirst()
                        .orElse(null);
                continue;
            }
            if (line.startsWith("## ")) {
                role = null;
            }
            if (role != null && (line.startsWith("| Incoming |") || line.startsWith("| Outgoing |"))) {
                String[] c = cells(line);
                for (String proto : c[1].split(", ")) {
                    for (String port : c[2].split(", ")) {
                        out.add(new Flow(role, c[0].equals("Incoming"), proto, port));
                    }
                }
            }
        }
        return out;
    }

    private static List<String> tableRows(String page, String heading) {
        List<String> rows = new ArrayList<>();
        boolean in = false;
        int seen = 0;
        for (String line : page.split("\n")) {
            if (line.startsWith("## ")) {
                in = line.equals(heading);
                seen = 0;
                continue;
            }
            if (line.startsWith("### ")) {
                in = false;
            }
            if (in && line.startsWith("|")) {
                if (++seen > 2) {
                    rows.add(line);
                }
            }
        }
        return rows;
    }

    private static String[] cells(String row) {
        String inner = row.strip().substring(1, row.strip().length() - 1);
        String[] parts = inner.split("(?<!\\\\)\\|", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].strip().replace("\\|", "|");
        }
        return parts;
    }

    private static boolean covers(String pagePort, Protocol protocol, String fact) {
        if (protocol.isIcmp()) {
            int type = Integer.parseInt(fact);
            return IcmpType.find(protocol, pagePort).map(t -> t.type() == type).orElse(false);
        }
        if (!pagePort.matches("\\d+(-\\d+)?")) {
            return false;
        }
        PortRange page = range(pagePort);
        PortRange want = range(fact);
        return page.first() <= want.first() && want.last() <= page.last();
    }

    private static PortRange range(String s) {
        String[] p = s.split("-");
        return p.length == 1 ? PortRange.of(Integer.parseInt(p[0]))
                : PortRange.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }

    private static boolean inCatalog(ResolvedVersion v, Flow fl) {
        RoleView role = v.roles().stream().filter(r -> r.role().name().equals(fl.role())).findFirst().orElseThrow();
        return (fl.incoming() ? role.inbound() : role.outbound()).stream()
                .anyMatch(r -> has(r, fl.protocol(), fl.port()));
    }

    /** True when the rule has exactly this protocol and this port range or ICMP type. */
    private static boolean has(ResolvedRule r, String protocolLabel, String port) {
        for (Protocol p : r.rule().protocols()) {
            if (!p.label().equals(protocolLabel)) {
                continue;
            }
            if (p.isIcmp()) {
                if (r.rule().icmpTypes(p).stream().anyMatch(t -> t.catalogName().equals(port))) {
                    return true;
                }
            } else if (r.rule().ports().stream().anyMatch(pr -> pr.toString().equals(port))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theCheckerCatchesAMissingAndAnExtraPort() throws Exception {
        ProductCatalog catalog = Catalogs.seed("storageos");
        String page = overview(catalog, Flavor.PLAIN, catalog.product().latestVersion());
        List<Flow> flows = flows(page, catalog, Flavor.PLAIN);
        assertTrue(flows.stream().anyMatch(f -> f.port().equals("5711") && f.protocol().equals("UDP")));
        String tampered = page.replace("| Incoming | TCP | 5701 |", "| Incoming | TCP | 5700 |");
        ResolvedVersion v = Resolver.resolve(catalog, catalog.product().latestVersion());
        assertTrue(flows(tampered, catalog, Flavor.PLAIN).stream().anyMatch(f -> !inCatalog(v, f)),
                "a port the catalog lacks must be detected");
        assertFalse(flows(tampered, catalog, Flavor.PLAIN).stream().anyMatch(f -> f.incoming()
                && f.protocol().equals("TCP") && covers(f.port(), Protocol.TCP, "5701")),
                "a missing fact must be detected");
    }
}
