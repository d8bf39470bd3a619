package dev.fwdocs.plugin.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.Diagnostic;
import dev.fwdocs.catalog.PortRange;
import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.plugin.rules.firewalld.FirewalldBackend;
import dev.fwdocs.plugin.rules.iptables.IptablesBackend;
import dev.fwdocs.plugin.rules.nftables.NftablesBackend;
import dev.fwdocs.plugin.rules.ufw.UfwBackend;
import dev.fwdocs.plugin.testing.Catalogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What the iptables and nftables scripts must hold beyond their golden files: catalog text only inside quoted
 * comments, comments within each tool's limit, multiport splitting, one family per ICMP rule, no rule for a family
 * an address lacks, nft names of long ids, and page commands that use the administrator's table.
 */
class IptablesNftablesScriptsTest {

    static final List<RuleBackend> BACKENDS = List.of(new IptablesBackend(), new NftablesBackend());

    @Test
    void catalogTextOnlyAppearsSanitizedInsideQuotedComments() {
        for (RuleBackend b : BACKENDS) {
            for (Rendered r : Rendered.all(b, Catalogs.feature("injection"))) {
                String text = r.file().text();
                assertFalse(text.contains("$(id)"), r.name());
                assertFalse(text.contains("$(touch"), r.name());
                assertFalse(text.contains("`"), r.name());
                assertFalse(text.contains("\u202e"), r.name());
                boolean inHelp = false;
                for (String line : text.split("\n", -1)) {
                    if (line.contains("cat <<'FWDOCS_USAGE_END'")) {
                        inHelp = true;
                        continue;
                    }
                    if (line.equals("FWDOCS_USAGE_END")) {
                        inHelp = false;
                        continue;
                    }
                    for (String marker : List.of("rm -rf", "touch /tmp", "(id)", "line two")) {
                        int at = line.indexOf(marker);
                        if (at < 0 || inHelp || line.strip().startsWith("#")) {
                            continue;
                        }
                        long quotes = line.substring(0, at).chars().filter(ch -> ch == '\'').count();
                        assertTrue(quotes % 2 == 1, r.name() + ": catalog text outside single quotes: " + line);
                    }
                }
            }
        }
    }

    @Test
    void commentsStayWithinTheBackendLimits() {
        for (ProductCatalog c : Catalogs.all()) {
            for (Rendered r : Rendered.all(new IptablesBackend(), c)) {
                for (String comment : quotedComments(r.file().text(), "' '", "'\n")) {
                    assertTrue(comment.getBytes(StandardCharsets.UTF_8).length < 256, r.name() + ": " + comment);
                }
            }
            for (Rendered r : Rendered.all(new NftablesBackend(), c)) {
                for (String comment : quotedComments(r.file().text(), "\" '", "'\n")) {
                    assertTrue(comment.getBytes(StandardCharsets.UTF_8).length <= 128, r.name() + ": " + comment);
                }
            }
        }
        String evil = Rendered.all(new IptablesBackend(), Catalogs.feature("injection")).get(0).file().text();
        assertTrue(evil.contains("'long: Überlänge 😀 ünïcödé - ÄÖÜ😀"), "the long comment is kept, cut");
    }

    /** The last single-quoted argument of the accept lines (the comment). */
    private static List<String> quotedComments(String script, String before, String after) {
        List<String> out = new ArrayList<>();
        for (String line : script.split("\n")) {
            if (line.contains("fwdocs_accept ") || line.contains("fwdocs_rule ")) {
                int end = line.lastIndexOf('\'');
                int start = line.lastIndexOf('\'', end - 1);
                if (start >= 0 && end > start) {
                    out.add(line.substring(start + 1, end));
                }
            }
        }
        return out;
    }

    @Test
    void multiportSplitsAtFifteenSlotsWithRangesCountingTwo() {
        List<PortRange> fifteen = IntStream.rangeClosed(1, 15).mapToObj(PortRange::of).toList();
        assertEquals(1, IptablesBackend.multiportChunks(fifteen).size());
        List<PortRange> sixteen = IntStream.rangeClosed(1, 16).mapToObj(PortRange::of).toList();
        assertEquals(List.of(15, 1), IptablesBackend.multiportChunks(sixteen).stream().map(List::size).toList());
        List<PortRange> ranges = new ArrayList<>(IntStream.rangeClosed(1, 7).mapToObj(i -> PortRange.of(i * 10, i * 10 + 1)).toList());
        ranges.add(PortRange.of(100));
        ranges.add(PortRange.of(200, 201));
        // 7 ranges (14 slots) + one port = 15; the last range starts a new match
        assertEquals(List.of(8, 1), IptablesBackend.multiportChunks(ranges).stream().map(List::size).toList());
        String edge = script(new IptablesBackend(), "edge/2.0/worker/iptables.sh");
        assertTrue(edge.contains("\"-p udp -m multiport --dports 7001,7002,7003,7004,7005,7006,7007,7008,7010:7011,7020:7021,7030:7031\""));
        assertTrue(edge.contains("\"-p udp -m multiport --dports 7040:7041,7050,7051\""));
    }

    @Test
    void eachProtocolKeepsItsOwnPortsAndIcmpStaysInItsFamily() {
        String ipt = script(new IptablesBackend(), "edge/2.0/worker/iptables.sh");
        assertTrue(ipt.contains("\"-p tcp -m multiport --dports 8472,9000:9010\""));
        assertTrue(ipt.contains("\"-p udp -m multiport --dports 8472,9000:9010\""));
        assertFalse(ipt.contains("-p tcp -m multiport --dports 7001"), "many-ports is UDP only");
        String v4 = ipt.substring(ipt.indexOf("fwdocs_rules_v4() {"), ipt.indexOf("fwdocs_rules_v6() {"));
        String v6 = ipt.substring(ipt.indexOf("fwdocs_rules_v6() {"), ipt.indexOf("fwdocs_apply() {"));
        assertFalse(v4.contains("icmp6") || v4.contains("ipv6-icmp"), "no ICMPv6 in IPv4");
        assertFalse(v6.contains("-p icmp "), "no ICMP in IPv6");
        assertTrue(v6.contains("--icmpv6-type neighbour-solicitation"), "neighbour discovery in IPv6");
        String nft = script(new NftablesBackend(), "edge/2.0/worker/nftables.sh");
        assertTrue(nft.contains("ip saddr' role_control-plane_v4 \"$FROM_CONTROL_PLANE_V4\" \"icmp type echo-request\""));
        assertTrue(nft.contains("ip6 saddr' role_control-plane_v6 \"$FROM_CONTROL_PLANE_V6\" \"icmpv6 type echo-request\""));
        assertFalse(nft.contains("'ip6 saddr' role_control-plane_v6 \"$FROM_CONTROL_PLANE_V6\" \"icmp type"));
    }

    @Test
    void anAddressWithoutCidrsOfAFamilyGetsNoRuleOfThatFamily() {
        String ipt = script(new IptablesBackend(), "edge/2.0/worker/iptables.sh");
        assertTrue(ipt.contains("# metrics: registry has no IPv4 address, so no IPv4 rule"));
        assertTrue(ipt.contains("# metrics: monitoring has no IPv6 address, so no IPv6 rule"));
        String[] lines = ipt.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("--dport 9100")) {
                boolean fixed = lines[i].contains(" -s 2001:db8:1::/48 ")
                        || lines[i - 1].contains("for fwdocs_a in 198.51.100.0/28 203.0.113.0/24; do");
                assertTrue(fixed, "metrics only from the fixed CIDRs: " + lines[i]);
            }
        }
        String nft = script(new NftablesBackend(), "edge/2.0/worker/nftables.sh");
        assertTrue(nft.contains("# pull: updates has no IPv6 address, so no IPv6 rule"));
        assertFalse(nft.contains("addr_updates"), "a host-name-only address makes no set and no rule");
    }

    @Test
    void nftNamesOfLongIdsAreCutHashedAndDistinct() {
        List<Rendered> rendered = Rendered.all(new NftablesBackend(), Catalogs.feature("long-ids"));
        assertEquals(2, rendered.size());
        List<String> stems = new ArrayList<>();
        for (Rendered r : rendered) {
            String stem = NftablesBackend.stem(r.version(), r.role());
            assertTrue(stem.length() <= 40 && stem.startsWith("fwdocs_a-product-with") && stem.matches(
                    "fwdocs_[a-z0-9_-]+-[0-9a-f]{6}"), stem);
            stems.add(stem);
            String text = r.file().text();
            assertTrue(text.contains("FWDOCS_STEM=" + stem + "\n"), text);
            for (String line : text.split("\n")) {
                if (line.startsWith("\tfwdocs_set ")) {
                    String set = stem + "_" + line.split(" ")[1];
                    assertTrue(set.length() <= 64, set);
                }
            }
        }
        assertNotEquals(stems.get(0), stems.get(1));
        assertEquals(stems.get(0), NftablesBackend.stem(rendered.get(0).version(), rendered.get(0).role()));
    }

    @Test
    void nftCommandsAddToTheAdministratorsTable() {
        for (Rendered r : Rendered.all(new NftablesBackend(), Catalogs.combined("edge"))) {
            String commands = Plans.commands(new NftablesBackend(), r.version(), r.role());
            assertFalse(commands.contains("add table"), "never a table of its own: " + commands);
            assertFalse(commands.contains("hook input"), "no base chain of its own: " + commands);
            if (!r.role().inbound().isEmpty()) {
                assertTrue(commands.endsWith("nft 'insert rule inet filter input jump fwdocs_edge_"
                        + r.role().role().id() + "_in comment \"fwdocs edge " + r.role().role().id() + "\"'\n"),
                        commands);
            }
        }
    }

    @Test
    void pageCommandsComeFromTheScriptsPlan() {
        for (RuleBackend b : BACKENDS) {
            for (ProductCatalog c : Catalogs.golden()) {
                for (Rendered r : Rendered.all(b, c)) {
                    if (r.role().inbound().isEmpty()) {
                        continue;
                    }
                    PageCommands page = Plans.plan(b, r.version(), r.role()).page();
                    String commands = page.commands();
                    String script = r.file().text();
                    assertFalse(commands.contains("$"), "no variable on a page: " + commands);
                    // the same neighbour discovery as the script (the page once had only 135-136)
                    for (dev.fwdocs.catalog.IcmpType t : dev.fwdocs.catalog.IcmpType.values()) {
                        if (t.isNeighbourDiscovery()) {
                            String name = b.id().equals("iptables") ? t.iptablesName() : t.nftName();
                            assertTrue(commands.contains(name) && script.contains(name), r.name() + ": " + name);
                        }
                    }
                    // the script's own chain, with the script's jump comment
                    String chain = b.id().equals("iptables") ? IptablesBackend.chain(r.version(), r.role(), "IN")
                            : NftablesBackend.chain(r.version(), r.role(), "in");
                    String inScript = b.id().equals("iptables") ? chain
                            : "FWDOCS_STEM=" + NftablesBackend.stem(r.version(), r.role()) + "\n";
                    assertTrue(commands.contains(" " + chain + " ") && script.contains(inScript), r.name());
                    String tag = "fwdocs " + r.version().catalog().product().id() + " " + r.role().role().id();
                    assertTrue(commands.contains(tag) && script.contains(tag), r.name());
                    // configurable ports at their default, and a note on the script's option
                    for (var rule : r.role().inbound()) {
                        if (rule.rule().configurable() != null) {
                            int port = rule.rule().ports().get(0).first();
                            assertTrue(commands.contains("dport " + port + " "), r.name() + ": " + commands);
                            assertTrue(page.notes().stream().anyMatch(n -> n.contains("--port-" + rule.id() + "=N")
                                    && n.contains(b.id() + ".sh")), page.notes().toString());
                        }
                    }
                    boolean roleSources = r.role().inbound().stream().flatMap(x -> x.sources().stream())
                            .anyMatch(p -> p instanceof dev.fwdocs.catalog.resolve.Peer.RolePeer);
                    assertEquals(roleSources, page.notes().stream().anyMatch(n -> n.contains("--from-")
                            && n.contains("the " + b.id() + ".sh script of role " + r.role().role().id())),
                            r.name() + ": " + page.notes());
                    assertTrue(page.notes().stream().noneMatch(n -> n.contains("rules/")), page.notes().toString());
                }
            }
        }
        Rendered worker = rendered(new IptablesBackend(), "edge/2.0/worker/iptables.sh");
        String edge = Plans.commands(new IptablesBackend(), worker.version(), worker.role());
        assertTrue(edge.contains("iptables -A FWD-edge-worker-IN -s 198.51.100.0/28 -p tcp -m tcp --dport 9100 "), edge);
        assertTrue(edge.contains("ip6tables -A FWD-edge-worker-IN -s 2001:db8:1::/48 -p tcp -m tcp --dport 9100 "), edge);
        assertFalse(edge.contains("ip6tables -A FWD-edge-worker-IN -p tcp -m tcp --dport 9100 "), "never any: " + edge);
    }

    @Test
    void hostNamesAreWarnedAboutWhicheverBackendsAreSelected() throws Exception {
        var catalog = new dev.fwdocs.catalog.Catalog(
                List.of(Catalogs.combined("edge")), List.of());
        for (List<RuleBackend> selected : List.of(BACKENDS, List.<RuleBackend>of(new UfwBackend()),
                List.<RuleBackend>of(new FirewalldBackend()))) {
            var request = new dev.fwdocs.plugin.generate.GenerateRequest(Path.of("."), Path.of("."), Path.of("out"),
                    selected, List.of(new ScriptsOutput()), BackendRegistry.defaultDistros(selected),
                    dev.fwdocs.plugin.pages.FrontMatterSettings.defaults(), null);
            List<Diagnostic> d = dev.fwdocs.plugin.generate.Generator.render(catalog, request).warnings();
            assertTrue(d.stream().noneMatch(Diagnostic::isError), d.toString());
            assertTrue(d.stream().anyMatch(x -> x.message().contains("updates.example.net")
                    && x.location().file().equals("src/fwdocs/catalog/edge.yaml") && x.location().line() > 0), selected + ": " + d);
            assertEquals(1, d.stream().filter(x -> x.message().contains("updates.example.net")).count(),
                    "reported once, though backends and two versions see it: " + d);
        }
    }

    private static String script(RuleBackend b, String name) {
        return rendered(b, name).file().text();
    }

    private static Rendered rendered(RuleBackend b, String name) {
        for (Rendered r : Rendered.all(b, Catalogs.combined("edge"))) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no script " + name);
    }
}
