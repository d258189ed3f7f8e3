package io.celeriac.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * What the policy says about a host before anything is stored: for a command that takes a URL,
 * so a person hears at once that it points inside. Requests check again when they connect
 * (a name's answers may change), so this is advice, not the guard.
 */
public sealed interface HostCheck {

    /** At least one of the host's addresses may be reached. */
    record Allowed(List<InetAddress> addresses) implements HostCheck {
    }

    /** The host is, or resolves only to, addresses the policy refuses. */
    record Refused(String address, String kind) implements HostCheck {
    }

    /** The name does not resolve now (no such name, or no DNS here). */
    record Unresolved() implements HostCheck {
    }

    /** Checks {@code host} (a name or a literal, IPv6 with or without brackets) against {@code policy}. */
    static HostCheck of(String host, AddressPolicy policy, Resolver resolver) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress literal = Cidr.literal(bare);
        List<InetAddress> addresses;
        try {
            addresses = literal != null ? List.of(literal) : resolver.resolve(bare);
        } catch (UnknownHostException e) {
            return new Unresolved();
        }
        List<InetAddress> allowed = addresses.stream().filter(a -> policy.refusal(a) == null).toList();
        if (!allowed.isEmpty()) {
            return new Allowed(allowed);
        }
        if (addresses.isEmpty()) {
            return new Unresolved();
        }
        return new Refused(addresses.get(0).getHostAddress(), policy.refusal(addresses.get(0)));
    }
}
