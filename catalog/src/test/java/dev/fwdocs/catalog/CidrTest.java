package dev.fwdocs.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CidrTest {

    @ParameterizedTest
    @CsvSource({
        "198.51.100.0/24, 198.51.100.0/24, 4, 24",
        "192.0.2.7, 192.0.2.7/32, 4, 32",
        "0.0.0.0/0, 0.0.0.0/0, 4, 0",
        "' 203.0.113.0/25 ', 203.0.113.0/25, 4, 25",
        "2001:db8::/32, 2001:db8::/32, 6, 32",
        "2001:DB8:0:0:0:0:0:0/48, 2001:db8::/48, 6, 48",
        "::/0, ::/0, 6, 0",
        "::1, ::1/128, 6, 128",
        "fe80::/10, fe80::/10, 6, 10",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1/128, 6, 128",
        "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1/128, 6, 128",
        "2001:0db8:0001:0000:0000:0000:0000:0000/64, 2001:db8:1::/64, 6, 64",
        "1:0:0:0:0:0:0:0, 1::/128, 6, 128",
        "1:2:3:4:5:6:7:0, 1:2:3:4:5:6:7:0/128, 6, 128",
        "2001:db8:0:0:0:0:0:1, 2001:db8::1/128, 6, 128",
    })
    void parsesAndPrintsCanonically(String text, String canonical, int family, int prefix) {
        Cidr c = Cidr.parse(text);
        assertEquals(canonical, c.toString());
        assertEquals(family, c.family());
        assertEquals(prefix, c.prefix());
        assertEquals(c, Cidr.parse(canonical));
        assertEquals(c.hashCode(), Cidr.parse(canonical).hashCode());
    }

    @Test
    void rfc5952DoesNotCompressASingleZeroGroup() {
        assertEquals("2001:db8:0:1:1:1:1:1/128", Cidr.parse("2001:db8:0:1:1:1:1:1").toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "198.51.100.1/24|'198.51.100.1/24' has host bits set; write the network 198.51.100.0/24 instead",
        "2001:db8::1/32|'2001:db8::1/32' has host bits set; write the network 2001:db8::/32 instead",
        "256.1.1.1|'256.1.1.1' is not a valid IPv4 address; each of its four numbers must be 0-255, written without leading zeros",
        "010.1.1.1|'010.1.1.1' is not a valid IPv4 address; each of its four numbers must be 0-255, written without leading zeros",
        "10.0.0.0/33|'10.0.0.0/33' has an invalid prefix length; write /0 to /32 after the address",
        "10.0.0.0/|'10.0.0.0/' has an invalid prefix length; write /0 to /32 after the address",
        "10.0.0.0/x|'10.0.0.0/x' has an invalid prefix length; write /0 to /32 after the address",
        "2001:db8::/129|'2001:db8::/129' has an invalid prefix length; write /0 to /128 after the address",
        "1.2.3|'1.2.3' is not an IPv4 or IPv6 network; write one such as 198.51.100.0/24 or 2001:db8::/32",
        "example.net|'example.net' is not an IPv4 or IPv6 network; write one such as 198.51.100.0/24 or 2001:db8::/32",
        "''|'' is not an IPv4 or IPv6 network; write one such as 198.51.100.0/24 or 2001:db8::/32",
        "1:2:3:4:5:6:7|'1:2:3:4:5:6:7' is not a valid IPv6 address; write it as eight groups of up to four hex digits, with at most one '::', such as 2001:db8::/32",
        "1::2::3|'1::2::3' is not a valid IPv6 address; write it as eight groups of up to four hex digits, with at most one '::', such as 2001:db8::/32",
        "12345::|'12345::' is not a valid IPv6 address; write it as eight groups of up to four hex digits, with at most one '::', such as 2001:db8::/32",
        "1:2:3:4:5:6:7:8:9|'1:2:3:4:5:6:7:8:9' is not a valid IPv6 address; write it as eight groups of up to four hex digits, with at most one '::', such as 2001:db8::/32",
        "1:2:3:4::5:6:7:8|'1:2:3:4::5:6:7:8' is not a valid IPv6 address; write it as eight groups of up to four hex digits, with at most one '::', such as 2001:db8::/32",
        "::ffff:192.0.2.1|'::ffff:192.0.2.1' is an IPv4-mapped IPv6 address, which firewalls never see (IPv4 traffic is matched as IPv4); write the IPv4 network, such as 192.0.2.1/32",
        "::ffff:c000:201/120|'::ffff:c000:201/120' is an IPv4-mapped IPv6 address, which firewalls never see (IPv4 traffic is matched as IPv4); write the IPv4 network, such as 192.0.2.1/24",
        "fe80::1%eth0|'fe80::1%eth0' is not an IPv4 or IPv6 network; write one such as 198.51.100.0/24 or 2001:db8::/32",
    })
    void rejectsBadInputWithAMessageForDocWriters(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1:2:3:4:5:6:7:", ":1:2:3:4:5:6:7", "::1:", "1:::"})
    void rejectsStrayColons(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }

    @Test
    void addressIsCopiedAndOrderIsFamilyThenAddressThenPrefix() {
        Cidr c = Cidr.parse("198.51.100.0/24");
        c.address()[0] = 1;
        assertEquals("198.51.100.0/24", c.toString());
        List<Cidr> list = new ArrayList<>(List.of(Cidr.parse("2001:db8::/32"), Cidr.parse("198.51.100.0/25"),
                Cidr.parse("10.0.0.0/8"), Cidr.parse("198.51.100.0/24")));
        Collections.sort(list);
        assertEquals("[10.0.0.0/8, 198.51.100.0/24, 198.51.100.0/25, 2001:db8::/32]", list.toString());
        assertNotEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("10.0.0.0/9"));
        assertEquals("198.51.100.0", c.addressText());
        assertTrue(Cidr.parse("::/0").compareTo(Cidr.parse("0.0.0.0/0")) > 0);
    }

    @Test
    void constructorChecksItsParts() {
        assertThrows(IllegalArgumentException.class, () -> new Cidr(5, new byte[4], 8));
        assertThrows(IllegalArgumentException.class, () -> new Cidr(4, new byte[16], 8));
        assertThrows(IllegalArgumentException.class, () -> new Cidr(4, new byte[4], 33));
    }
}
