package dev.fwdocs.catalog.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestTest {

    @Test
    void transpositionIsOneEdit() {
        assertEquals(1, Suggest.distance("tpc", "tcp"));
        assertEquals(1, Suggest.distance("form", "from"));
        assertEquals(2, Suggest.distance("tcp", "udp"));
        assertEquals(0, Suggest.distance("", ""));
        assertEquals(3, Suggest.distance("", "abc"));
        assertEquals(3, Suggest.distance("kitten", "sitting"));
    }

    @Test
    void suggestsOnlyLikelyTypos() {
        List<String> protocols = List.of("tcp", "udp", "sctp", "icmp", "icmpv6");
        assertEquals(Optional.of("tcp"), Suggest.closest("tpc", protocols));
        assertEquals(Optional.of("icmpv6"), Suggest.closest("icmp6", protocols));
        assertEquals(Optional.empty(), Suggest.closest("gre", protocols));
        assertEquals(Optional.empty(), Suggest.closest("x", List.of()));
        assertEquals("; did you mean 'protocol'?", Suggest.didYouMean("protcol", List.of("ports", "protocol")));
        assertEquals("", Suggest.didYouMean("colour", List.of("ports", "protocol")));
    }

    @Test
    void tiesGoToTheAlphabeticallyFirst() {
        assertEquals(Optional.of("tcp"), Suggest.closest("tdp", List.of("udp", "tcp")));
    }
}
