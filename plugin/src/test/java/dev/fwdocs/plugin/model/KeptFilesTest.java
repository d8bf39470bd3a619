package dev.fwdocs.plugin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.fwdocs.plugin.render.GeneratedFile;
import dev.fwdocs.plugin.rules.PageCommands;
import dev.fwdocs.plugin.rules.RolePlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plan's files print once while the run's allowance lasts, and are printed again (the same) beyond it. */
class KeptFilesTest {

    /** A plan that counts how often it prints its one 100-byte file. */
    private static final class Counting implements RolePlan {
        int printed;

        @Override
        public List<GeneratedFile> files() {
            printed++;
            return List.of(GeneratedFile.script("iptables.sh", "#".repeat(99) + "\n"));
        }

        @Override
        public PageCommands page() {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void filesWithinTheAllowancePrintOnce() {
        KeptFiles kept = new KeptFiles(250);
        Counting a = new Counting();
        Counting b = new Counting();
        Counting c = new Counting();
        RolePlan ka = kept.keep(a);
        RolePlan kb = kept.keep(b);
        RolePlan kc = kept.keep(c);
        List<GeneratedFile> first = ka.files();
        assertSame(first, ka.files());
        kb.files();
        kb.files();
        // 200 of 250 bytes taken: the third plan's 100 do not fit and print every time, the same.
        assertEquals(kc.files(), kc.files());
        assertEquals(List.of(1, 1, 2), List.of(a.printed, b.printed, c.printed));
    }

    @Test
    void noAllowanceLeavesThePlanAsItIs() {
        Counting a = new Counting();
        assertSame(a, new KeptFiles(0).keep(a));
    }
}
