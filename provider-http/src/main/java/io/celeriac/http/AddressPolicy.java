package io.celeriac.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which addresses an outbound request to a URL that a user or an LLM supplied may connect to:
 * anything public, nothing local. Refused unless an operator allows its range: loopback,
 * private (RFC 1918), carrier-grade NAT, link-local (where cloud metadata answers), multicast,
 * unspecified, reserved and documentation ranges; IPv6 loopback, unique-local, link-local,
 * site-local and multicast; and IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64,
 * 6to4), judged by the IPv4 address they carry.
 */
public final class AddressPolicy {
    private static final Map<Cidr, String> REFUSED = refused();

    private final List<Cidr> allowed;

    private AddressPolicy(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Only public addresses. */
    public static AddressPolicy publicOnly() {
        return new AddressPolicy(List.of());
    }

    /**
     * Public addresses and these networks ({@code 10.20.0.0/16}, {@code fd12::/16}).
     *
     * @throws IllegalArgumentException naming a network that does not parse
     */
    public static AddressPolicy allowing(List<String> networks) {
        return new AddressPolicy(networks.stream().map(Cidr::parse).toList());
    }

    public List<Cidr> allowed() {
        return allowed;
    }

    /** Null when a connection to {@code address} is allowed, else what kind of address it is ("loopback", ...). */
    public String refusal(InetAddress address) {
        for (Cidr network : allowed) {
            if (network.contains(address)) {
                return null;
            }
        }
        for (Map.Entry<Cidr, String> range : REFUSED.entrySet()) {
            if (range.getKey().contains(address)) {
                return range.getValue();
            }
        }
        InetAddress embedded = embeddedIpv4(address);
        if (embedded == null) {
            return null;
        }
        String inner = refusal(embedded);
        return inner == null ? null : inner + " (inside an IPv6 address)";
    }

    /**
     * The IPv4 address an IPv6 address stands for: mapped {@code ::ffff:a.b.c.d}, compatible
     * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}, 6to4 {@code 2002:aabb:ccdd::}; else null.
     */
    static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] b = address.getAddress();
        boolean zeros80 = allZero(b, 0, 10);
        if (zeros80 && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return ipv4(b, 12);
        }
        if (zeros80 && b[10] == 0 && b[11] == 0) {
            return ipv4(b, 12); // compatible (:: and ::1 are judged before, as themselves)
        }
        if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B && allZero(b, 4, 12)) {
            return ipv4(b, 12);
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return ipv4(b, 2);
        }
        return null;
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte[] bytes, int offset) {
        try {
            return Inet4Address.getByAddress(new byte[] {bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static Map<Cidr, String> refused() {
        Map<Cidr, String> ranges = new LinkedHashMap<>();
        ranges.put(Cidr.parse("0.0.0.0/8"), "unspecified address");
        ranges.put(Cidr.parse("127.0.0.0/8"), "loopback address");
        ranges.put(Cidr.parse("10.0.0.0/8"), "private network address");
        ranges.put(Cidr.parse("172.16.0.0/12"), "private network address");
        ranges.put(Cidr.parse("192.168.0.0/16"), "private network address");
        ranges.put(Cidr.parse("100.64.0.0/10"), "carrier-grade NAT address");
        ranges.put(Cidr.parse("169.254.0.0/16"), "link-local address (cloud metadata)");
        ranges.put(Cidr.parse("192.0.0.0/24"), "reserved address");
        ranges.put(Cidr.parse("192.0.2.0/24"), "documentation address");
        ranges.put(Cidr.parse("198.18.0.0/15"), "benchmarking address");
        ranges.put(Cidr.parse("198.51.100.0/24"), "documentation address");
        ranges.put(Cidr.parse("203.0.113.0/24"), "documentation address");
        ranges.put(Cidr.parse("224.0.0.0/4"), "multicast address");
        ranges.put(Cidr.parse("240.0.0.0/4"), "reserved address");
        ranges.put(Cidr.parse("::/128"), "unspecified address");
        ranges.put(Cidr.parse("::1/128"), "loopback address");
        ranges.put(Cidr.parse("fc00::/7"), "private network address (IPv6 unique local)");
        ranges.put(Cidr.parse("fe80::/10"), "link-local address");
        ranges.put(Cidr.parse("fec0::/10"), "private network address (IPv6 site-local)");
        ranges.put(Cidr.parse("ff00::/8"), "multicast address");
        ranges.put(Cidr.parse("100::/64"), "reserved address");
        ranges.put(Cidr.parse("2001:db8::/32"), "documentation address");
        ranges.put(Cidr.parse("64:ff9b:1::/48"), "private network address (local NAT64)");
        return java.util.Collections.unmodifiableMap(ranges);
    }
}
