package dev.fwdocs.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortRangeTest {

    @Test
    void singleAndRange() {
        PortRange p = PortRange.of(5701);
        assertTrue(p.isSingle());
        assertEquals(1, p.size());
        assertEquals("5701", p.toString());
        assertEquals("5701", p.format(":"));
        PortRange r = PortRange.of(30000, 32767);
        assertFalse(r.isSingle());
        assertEquals(2768, r.size());
        assertEquals("30000-32767", r.toString());
        assertEquals("30000:32767", r.format(":"));
        assertTrue(r.contains(30000));
        assertTrue(r.contains(32767));
        assertFalse(r.contains(32768));
        assertEquals(PortRange.of(1, 65535).size(), 65535);
    }

    @Test
    void overlapsIsInclusiveAtBothEnds() {
        PortRange r = PortRange.of(5701, 5711);
        assertTrue(r.overlaps(PortRange.of(5711)));
        assertTrue(r.overlaps(PortRange.of(5700, 5701)));
        assertTrue(PortRange.of(5705).overlaps(r));
        assertFalse(r.overlaps(PortRange.of(5712, 5720)));
        assertFalse(r.overlaps(PortRange.of(5700)));
    }

    @Test
    void outOfRangeOrReversedIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PortRange.of(0));
        assertThrows(IllegalArgumentException.class, () -> PortRange.of(65536));
        assertThrows(IllegalArgumentException.class, () -> PortRange.of(-1, 5));
        assertThrows(IllegalArgumentException.class, () -> PortRange.of(10, 5));
        assertThrows(IllegalArgumentException.class, () -> PortRange.of(1, 65536));
    }

    @Test
    void ordersByFirstThenLast() {
        List<PortRange> l = new ArrayList<>(List.of(PortRange.of(443), PortRange.of(80, 90), PortRange.of(80)));
        Collections.sort(l);
        assertEquals("[80, 80-90, 443]", l.toString());
    }
}
