package io.celeriac.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {
    private static final AddressPolicy POLICY = AddressPolicy.publicOnly();

    private static InetAddress at(String literal) {
        return Cidr.literal(literal);
    }

    @Test
    void local_and_private_addresses_of_both_families_are_refused_with_their_kind() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("127.0.0.1", "loopback address"),
                Map.entry("127.255.0.9", "loopback address"),
                Map.entry("0.0.0.0", "unspecified address"),
                Map.entry("10.1.2.3", "private network address"),
                Map.entry("172.16.0.1", "private network address"),
                Map.entry("172.31.255.255", "private network address"),
                Map.entry("192.168.1.1", "private network address"),
                Map.entry("100.64.0.1", "carrier-grade NAT address"),
                Map.entry("100.127.255.254", "carrier-grade NAT address"),
                Map.entry("169.254.169.254", "link-local address (cloud metadata)"),
                Map.entry("224.0.0.1", "multicast address"),
                Map.entry("255.255.255.255", "reserved address"),
                Map.entry("::", "unspecified address"),
                Map.entry("::1", "loopback address"),
                Map.entry("fd00::1", "private network address (IPv6 unique local)"),
                Map.entry("fc00::1", "private network address (IPv6 unique local)"),
                Map.entry("fe80::1", "link-local address"),
                Map.entry("ff02::1", "multicast address"),
                Map.entry("fd00:ec2::254", "private network address (IPv6 unique local)"));
        refused.forEach((address, kind) -> assertEquals(kind, POLICY.refusal(at(address)), address));
    }

    @Test
    void ipv6_forms_carrying_an_ipv4_address_are_judged_by_it() throws UnknownHostException {
        assertEquals("loopback address", POLICY.refusal(at("::ffff:127.0.0.1")), "Java reads a mapped address as IPv4");
        InetAddress mapped = InetAddress.getByAddress("x", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 10, 0, 0, 1});
        assertEquals("private network address", POLICY.refusal(mapped));
        assertEquals("loopback address (inside an IPv6 address)", POLICY.refusal(at("::127.0.0.1")), "compatible");
        assertEquals("link-local address (cloud metadata) (inside an IPv6 address)", POLICY.refusal(at("64:ff9b::169.254.169.254")), "NAT64");
        assertEquals("private network address (inside an IPv6 address)", POLICY.refusal(at("2002:c0a8:0101::1")), "6to4 of 192.168.1.1");
        assertNull(POLICY.refusal(at("64:ff9b::8.8.8.8")), "NAT64 of a public address is public");
        assertEquals("private network address (local NAT64)", POLICY.refusal(at("64:ff9b:1::a00:1")));
    }

    @Test
    void public_addresses_pass() {
        for (String address : List.of("8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.0", "172.32.0.1", "2606:4700:4700::1111",
                "2a00:1450:4001:80b::200e")) {
            assertNull(POLICY.refusal(at(address)), address);
        }
    }

    @Test
    void an_operator_allows_ranges_by_cidr() {
        AddressPolicy policy = AddressPolicy.allowing(List.of("10.20.0.0/16", "fd12:3456::/32", "127.0.0.2/32"));

        assertNull(policy.refusal(at("10.20.7.8")));
        assertEquals("private network address", policy.refusal(at("10.21.0.1")));
        assertNull(policy.refusal(at("fd12:3456::9")));
        assertNull(policy.refusal(at("127.0.0.2")));
        assertEquals("loopback address", policy.refusal(at("127.0.0.1")));
        assertNull(policy.refusal(at("64:ff9b::10.20.0.1")), "the range also covers its NAT64 form");
    }

    @Test
    void networks_that_do_not_parse_are_refused_with_a_reason_and_no_dns_query() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0")).getMessage().contains("address/prefix"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33")).getMessage().contains("0 to 32"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cidr.parse("intranet.example/8")).getMessage().contains("IPv4 or IPv6"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cidr.parse("::ffff:10.0.0.0/104")).getMessage().contains("IPv4 form"));
        assertTrue(Cidr.parse("fd00::/8").contains(at("fdff::1")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(at("10.0.0.1")));
    }

    @Test
    void a_host_check_resolves_names_and_reads_literals() {
        Resolver resolver = host -> switch (host) {
            case "inside.example" -> List.of(at("192.168.0.7"));
            case "mixed.example" -> List.of(at("10.0.0.1"), at("93.184.216.34"));
            default -> throw new UnknownHostException(host);
        };

        assertEquals(new HostCheck.Refused("192.168.0.7", "private network address"), HostCheck.of("inside.example", POLICY, resolver));
        assertEquals(new HostCheck.Refused("0:0:0:0:0:0:0:1", "loopback address"), HostCheck.of("[::1]", POLICY, resolver));
        assertEquals(new HostCheck.Allowed(List.of(at("93.184.216.34"))), HostCheck.of("mixed.example", POLICY, resolver));
        assertEquals(new HostCheck.Unresolved(), HostCheck.of("nowhere.example", POLICY, resolver));
    }
}
