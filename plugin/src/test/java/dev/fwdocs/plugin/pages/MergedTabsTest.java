package dev.fwdocs.plugin.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fwdocs.plugin.pages.PageModel.BackendCommands;
import dev.fwdocs.plugin.pages.PageModel.DistroTab;
import dev.fwdocs.plugin.pages.markdown.Flavor;
import dev.fwdocs.plugin.pages.markdown.MarkdownPages;
import dev.fwdocs.plugin.pages.markdown.PageRequest;
import dev.fwdocs.plugin.rules.BackendRegistry;
import dev.fwdocs.plugin.testing.Catalogs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Distros whose commands and notes are the same on a page are one tab, unless the run asks otherwise. */
class MergedTabsTest {

    private static DistroTab tab(String id, String label, String commands, List<String> notes) {
        return new DistroTab(id, label, List.of(new BackendCommands("b", "B", commands, notes)));
    }

    @Test
    void tabsWithTheSameCommandsAndNotesBecomeOneInThePlaceOfTheFirst() {
        List<DistroTab> merged = PageModel.mergeIdentical(List.of(tab("rhel", "RHEL", "x", List.of()),
                tab("debian", "Debian", "y", List.of()), tab("suse", "SUSE", "x", List.of()),
                tab("alpine", "Alpine", "x", List.of("a note"))));
        assertEquals(List.of("rhel-suse", "debian", "alpine"), merged.stream().map(DistroTab::id).toList());
        assertEquals("RHEL / SUSE", merged.get(0).label());
        assertEquals("x", merged.get(0).backends().get(0).text());
        assertEquals("Alpine", merged.get(2).label(), "other notes: another tab");
    }

    @Test
    void aMergedIdStaysUniqueAmongTheTabs() {
        List<DistroTab> merged = PageModel.mergeIdentical(List.of(tab("a", "A", "x", List.of()),
                tab("b", "B", "x", List.of()), tab("a-b", "AB", "y", List.of())));
        assertEquals(List.of("a-b-2", "a-b"), merged.stream().map(DistroTab::id).toList());
    }

    @Test
    void thePagesShowRhelAndSuseOnceOrApartWhenAsked() throws Exception {
        PageRequest request = PageRequest.of(List.of(Catalogs.seed("storageos")), Flavor.PLAIN,
                BackendRegistry.standard().all());
        String merged = MarkdownPages.render(request).stream().filter(f -> f.path().endsWith("storageos/1.5/index.md"))
                .findFirst().orElseThrow().text();
        assertTrue(merged.contains("\n#### RHEL / Rocky / Alma / CentOS Stream / Fedora / SUSE\n"), merged);
        assertFalse(merged.contains("\n#### SUSE\n"), merged);
        String apart = MarkdownPages.render(request.withMergeIdenticalTabs(false)).stream()
                .filter(f -> f.path().endsWith("storageos/1.5/index.md")).findFirst().orElseThrow().text();
        assertTrue(apart.contains("\n#### RHEL / Rocky / Alma / CentOS Stream / Fedora\n"), apart);
        assertTrue(apart.contains("\n#### SUSE\n"), apart);
    }
}
