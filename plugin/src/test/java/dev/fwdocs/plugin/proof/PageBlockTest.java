package dev.fwdocs.plugin.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.catalog.ProductCatalog;
import dev.fwdocs.catalog.read.CatalogReader;
import dev.fwdocs.catalog.resolve.ResolvedVersion;
import dev.fwdocs.catalog.resolve.Resolver;
import dev.fwdocs.catalog.resolve.RoleView;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.rules.Plans;
import dev.fwdocs.plugin.rules.RuleBackend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page proof copies the right block out of a page, as a reader would, and says clearly when it cannot. */
class PageBlockTest {

    @Test
    void takesTheRolesBlockOfTheBackendNotADecoy() throws Exception {
        String block = HarnessSelfTest.iptablesBlock(HarnessSelfTest.correctPage());
        assertTrue(block.startsWith("# Sources of rules from roles"), block);
        assertTrue(block.contains("iptables -N FWD-selftest-web-IN\n"), block);
        assertTrue(block.endsWith("ip6tables -I INPUT 1 -j FWD-selftest-web-IN\n"), block);
        assertFalse(block.contains("exit"), "a decoy block was taken: " + block);
    }

    @Test
    void everyBackendsBlockOnAGeneratedPageIsWhatItsPlanShows() throws Exception {
        Path dir = Prober.resource("selftest");
        ProductCatalog pc = new CatalogReader(dir).read(Path.of("selftest.yaml")).products().get(0);
        ResolvedVersion v = Resolver.resolve(pc, pc.product().latestVersion());
        String page = GeneratedRulesProofTest.plainPage(pc, v.version());
        RoleView web = v.role("web").orElseThrow();
        for (RuleBackend b : BackendRegistry.standard().all()) {
            String block = PageBlock.extract(page, web.role().name(), b,
                    BackendRegistry.defaultDistros(BackendRegistry.standard().all()));
            assertEquals(Plans.commands(b, v, web).strip(), block.strip(), b.id());
        }
    }

    @Test
    void headingsAreMatchedByTheirTextAtAnyLevel() {
        String page = """
                # Product

                ## Roles

                ##### Web\\_server \\[v2\\] &amp; more

                ###### Plan 9

                With pf (beta):

                ```sh
                pfctl -e
                ```
                """;
        assertEquals("pfctl -e\n", PageBlock.extract(page, "Web_server [v2] & more", List.of("Plan 9"), "pf (beta)"));
    }

    @Test
    void aMissingBlockIsReportedWithWhatThePageHas() throws Exception {
        String page = HarnessSelfTest.correctPage();
        IllegalArgumentException noRole = assertThrows(IllegalArgumentException.class,
                () -> PageBlock.extract(page, "Mail server", List.of("Any Linux"), "iptables / ip6tables"));
        assertTrue(noRole.getMessage().contains("no heading 'Mail server'")
                && noRole.getMessage().contains("### Web server"), noRole.getMessage());
        IllegalArgumentException noTab = assertThrows(IllegalArgumentException.class,
                () -> PageBlock.extract(page, "Web server", List.of("Plan 9"), "iptables / ip6tables"));
        assertTrue(noTab.getMessage().contains("no code block after 'With iptables / ip6tables:' below a heading"
                + " [Plan 9] in the section 'Web server'"), noTab.getMessage());
        IllegalArgumentException noBackend = assertThrows(IllegalArgumentException.class,
                () -> PageBlock.extract(page, "Web server", List.of("Any Linux"), "pf"));
        assertTrue(noBackend.getMessage().contains("'Any Linux': 'With nftables:'"), noBackend.getMessage());
    }

    @Test
    void tabsThatShowDifferentCommandsAreAnError() {
        String page = """
                ### Web

                #### RHEL

                With firewalld:

                ```sh
                firewall-cmd --reload
                ```

                #### SUSE

                With firewalld:

                ```sh
                firewall-cmd --permanent --add-port=80/tcp
                ```
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PageBlock.extract(page, "Web", List.of("RHEL", "SUSE"), "firewalld"));
        assertTrue(e.getMessage().contains("show different firewalld commands"), e.getMessage());
    }

    @Test
    void aTabForSeveralDistrosIsFoundByAnyOfTheirLabels() {
        String page = """
                ### Web

                <details>
                <summary>Commands that open the incoming ports</summary>

                #### RHEL / Rocky / SUSE

                With firewalld:

                ```sh
                firewall-cmd --reload
                ```

                </details>
                """;
        assertEquals("firewall-cmd --reload\n", PageBlock.extract(page, "Web", List.of("RHEL / Rocky", "SUSE"),
                "firewalld"));
        assertTrue(PageBlock.isTab("RHEL / Rocky", List.of("RHEL / Rocky", "SUSE")));
        assertFalse(PageBlock.isTab("RHEL", List.of("RHEL / Rocky", "SUSE")));
        assertFalse(PageBlock.isTab("RHEL / Rocky / Alpine", List.of("RHEL / Rocky", "SUSE")));
    }
}
