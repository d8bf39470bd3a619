package dev.fwdocs.catalog.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.Protocol;
import dev.fwdocs.catalog.read.CatalogReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResolverTest {

    static final String CATALOG = """
            fwdocs: 1
            product:
              id: demo
              name: Demo
              versions: ["1.0", "1.1", "2.0"]
            roles:
              - id: server
                name: Server
              - id: client
            addresses:
              - id: mirror
                hosts: [mirror.example.net]
            rules:
              - id: web
                protocol: tcp
                ports: 8080
                from: [client, any]
                to: server
              - id: old-api
                protocol: tcp
                ports: 9000
                from: client
                to: server
                until: "1.1"
              - id: new-api
                protocol: [tcp, udp]
                ports: ["9100-9101", 9000]
                from: client
                to: server
                since: "1.1"
              - id: middle
                protocol: udp
                ports: 53
                from: server
                to: client
                since: "1.1"
                until: "2.0"
              - id: updates
                protocol: tcp
                ports: [443, 80]
                from: [server, client]
                to: mirror
                description: Package updates.
              - id: ping
                protocol: icmp
                icmp-type: echo-request
                from: client
                to: server
              - id: admin
                name: Admin
                protocol: tcp
                ports: 8443
                from: client
                to: server
                configurable:
                  setting: adminPort
                  where: /etc/demo.conf
            """;

    static ProductCatalog catalog() throws Exception {
        return catalog(CATALOG);
    }

    static ProductCatalog catalog(String yaml) throws Exception {
        return CatalogReader.read("c", Map.of("demo.yaml", yaml)).products().get(0);
    }

    static List<String> ids(List<ResolvedRule> rules) {
        return rules.stream().map(ResolvedRule::id).toList();
    }

    @Test
    void sinceIsInclusiveAndUntilExclusive() throws Exception {
        ProductCatalog c = catalog();
        assertEquals(List.of("web", "old-api", "updates", "ping", "admin"), ids(Resolver.resolve(c, "1.0").rules()));
        assertEquals(List.of("web", "new-api", "middle", "updates", "ping", "admin"),
                ids(Resolver.resolve(c, "1.1").rules()));
        assertEquals(List.of("web", "new-api", "updates", "ping", "admin"), ids(Resolver.resolve(c, "2.0").rules()));
        assertEquals(List.of("1.0", "1.1", "2.0"), Resolver.resolveAll(c).stream().map(ResolvedVersion::version)
                .toList());
    }

    @Test
    void sourcesCollapseToAnyButFromKeepsTheRoleForTheDocs() throws Exception {
        ResolvedVersion v = Resolver.resolve(catalog(), "2.0");
        ResolvedRule web = v.rules().get(0);
        assertEquals(List.of("client", "any"), web.from().stream().map(Peer::id).toList());
        assertEquals(List.of(new Peer.Any()), web.sources());
        assertTrue(ids(v.role("client").orElseThrow().outbound()).contains("web"));
        ResolvedRule updates = v.rules().stream().filter(r -> r.id().equals("updates")).findFirst().orElseThrow();
        assertEquals(updates.from(), updates.sources());
    }

    @Test
    void unknownVersionIsRefused() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Resolver.resolve(catalog(), "3.0"));
        assertEquals("product demo has no version 3.0; it has [1.0, 1.1, 2.0]", e.getMessage());
    }

    @Test
    void latestAndPrevious() throws Exception {
        ProductCatalog c = catalog();
        assertFalse(Resolver.resolve(c, "1.0").isLatest());
        assertTrue(Resolver.resolve(c, "2.0").isLatest());
        assertEquals(Optional.empty(), Resolver.resolve(c, "1.0").previousVersion());
        assertEquals(Optional.of("1.1"), Resolver.resolve(c, "2.0").previousVersion());
    }

    @Test
    void peersAreResolvedToAnyRolesAndAddresses() throws Exception {
        ResolvedVersion v = Resolver.resolve(catalog(), "2.0");
        ResolvedRule web = v.rules().get(0);
        assertInstanceOf(Peer.RolePeer.class, web.from().get(0));
        assertInstanceOf(Peer.Any.class, web.from().get(1));
        assertEquals("any", web.from().get(1).id());
        assertEquals("Server", web.to().get(0).name());
        ResolvedRule updates = v.rules().get(2);
        Peer.AddressPeer mirror = assertInstanceOf(Peer.AddressPeer.class, updates.to().get(0));
        assertEquals(List.of("mirror.example.net"), mirror.address().hosts());
        assertTrue(updates.isFrom("client"));
        assertFalse(updates.isTo("client"));
    }

    @Test
    void roleViewsSplitInboundAndOutbound() throws Exception {
        ResolvedVersion v = Resolver.resolve(catalog(), "1.1");
        assertEquals(List.of("server", "client"), v.roles().stream().map(r -> r.role().id()).toList());
        RoleView server = v.role("server").orElseThrow();
        assertEquals(List.of("web", "new-api", "ping", "admin"), ids(server.inbound()));
        assertEquals(List.of("middle", "updates"), ids(server.outbound()));
        RoleView client = v.role("client").orElseThrow();
        assertEquals(List.of("middle"), ids(client.inbound()));
        assertEquals(List.of("web", "new-api", "updates", "ping", "admin"), ids(client.outbound()));
        assertEquals(Optional.empty(), v.role("mirror"));
    }

    @Test
    void inboundPortsKeepFirstSeenOrderWithoutRepeatsAndSkipIcmp() throws Exception {
        RoleView server = Resolver.resolve(catalog(), "1.1").role("server").orElseThrow();
        Map<Protocol, List<PortRange>> ports = server.inboundPorts();
        assertEquals(List.of(Protocol.TCP, Protocol.UDP), List.copyOf(ports.keySet()));
        assertEquals("[8080, 9100-9101, 9000, 8443]", ports.get(Protocol.TCP).toString());
        assertEquals("[9100-9101, 9000]", ports.get(Protocol.UDP).toString());
        assertEquals("[443, 80]", server.outboundPorts().get(Protocol.TCP).toString());
        assertEquals("[53]", server.outboundPorts().get(Protocol.UDP).toString());
        assertThrows(UnsupportedOperationException.class, () -> ports.get(Protocol.TCP).add(PortRange.of(1)));
    }

    @Test
    void configurableRules() throws Exception {
        assertEquals(List.of("admin"), ids(Resolver.resolve(catalog(), "1.0").configurableRules()));
    }

    @Test
    void diffBetweenVersions() throws Exception {
        ProductCatalog c = catalog();
        VersionDiff d = Resolver.diff(Resolver.resolve(c, "1.0"), Resolver.resolve(c, "1.1"));
        assertEquals("1.0", d.fromVersion());
        assertEquals("1.1", d.toVersion());
        assertEquals(List.of("new-api", "middle"), ids(d.added()));
        assertEquals(List.of("old-api"), ids(d.removed()));
        assertEquals(List.of(), d.changed());
        VersionDiff back = Resolver.diff(Resolver.resolve(c, "1.1"), Resolver.resolve(c, "2.0"));
        assertEquals(List.of(), back.added());
        assertEquals(List.of("middle"), ids(back.removed()));
        assertFalse(back.isEmpty());
        assertTrue(Resolver.diff(Resolver.resolve(c, "2.0"), Resolver.resolve(c, "2.0")).isEmpty());
    }

    @Test
    void changedRulesListTheirFields() throws Exception {
        ProductCatalog c = catalog("""
                fwdocs: 1
                product:
                  id: demo
                  name: Demo
                  versions: ["1", "2"]
                roles:
                  - id: server
                  - id: client
                rules:
                  - id: api
                    protocol: tcp
                    ports: 5701
                    from: client
                    to: server
                    description: Old text.
                    until: "2"
                  - id: api
                    name: API
                    protocol: [tcp, udp]
                    ports: 5702
                    from: [client, server]
                    to: server
                    optional: true
                    configurable:
                      setting: apiPort
                      where: /etc/x
                    since: "2"
                """);
        VersionDiff d = Resolver.diff(Resolver.resolve(c, "1"), Resolver.resolve(c, "2"));
        assertEquals(List.of(), d.added());
        assertEquals(List.of(), d.removed());
        assertEquals(1, d.changed().size());
        VersionDiff.Change change = d.changed().get(0);
        assertEquals("API", change.rule().name());
        assertEquals(List.of(
                "name: api -> API",
                "protocol: tcp -> tcp, udp",
                "ports: 5701 -> 5702",
                "from: client -> client, server",
                "optional: false -> true",
                "configurable: no -> apiPort",
                "description: Old text. -> (none)"),
                change.fields().stream().map(VersionDiff.Field::toString).toList());
    }
}
