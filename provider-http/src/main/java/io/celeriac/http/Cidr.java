package io.celeriac.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}). Only literal
 * addresses are accepted: parsing never asks DNS, so a network in configuration cannot change
 * with a name's answers.
 */
public final class Cidr {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static Cidr parse(String text) {
        String value = text == null ? "" : text.strip();
        int slash = value.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + value + "' is not a network: write address/prefix, like 10.0.0.0/8 or fd00::/8");
        }
        InetAddress address = literal(value.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("'" + value + "' does not start with an IPv4 or IPv6 address");
        }
        int bits = address.getAddress().length * 8;
        if (address instanceof Inet4Address && value.indexOf(':') >= 0) {
            throw new IllegalArgumentException("'" + value + "' is an IPv4-mapped network: write its IPv4 form");
        }
        int length;
        try {
            length = Integer.parseInt(value.substring(slash + 1));
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("'" + value + "' needs a prefix length from 0 to " + bits);
        }
        return new Cidr(address.getAddress(), length, value);
    }

    /** The address a literal names, or null when {@code text} is not a literal (no DNS query is made). */
    static InetAddress literal(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (bytes[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
