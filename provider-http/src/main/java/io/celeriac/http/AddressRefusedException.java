package io.celeriac.http;

import java.net.UnknownHostException;

/**
 * A connection was not attempted: the address a request would reach is refused by the
 * {@link AddressPolicy}. An {@link UnknownHostException} because OkHttp's DNS hook may throw only
 * that, and because, for the request, the host has no address it may use. Its message names the
 * kind of address, never a port: whether something listens there is never found out.
 */
public final class AddressRefusedException extends UnknownHostException {
    private final String kind;

    public AddressRefusedException(String host, String kind) {
        super(host + " is a " + kind + ", which outbound requests may not reach");
        this.kind = kind;
    }

    /** "loopback address", "private network address", ... */
    public String kind() {
        return kind;
    }
}
