package io.celeriac.dashboard.auth;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Authentication by a reverse proxy (an SSO front): the proxy names the user in a header. The
 * header is believed only from the proxy's own addresses ({@code trusted}); from anywhere else it
 * is ignored, so a client that reaches the dashboard directly cannot name itself. Users in
 * {@code operators} may act; everyone else the proxy lets through is a viewer.
 *
 * @param header    e.g. {@code X-Forwarded-User}
 * @param trusted   the proxy's client addresses as the dashboard sees them
 * @param operators user names with the operator role
 */
public record ProxyAuth(String header, Set<String> trusted, Set<String> operators) {
    public ProxyAuth {
        if (header == null || !header.matches("[A-Za-z0-9-]{1,100}")) {
            throw new IllegalArgumentException("--proxy-user-header must be a header name, got \"" + header + "\"");
        }
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("--proxy-user-header needs --proxy-trusted: the proxy's addresses, the only ones believed");
        }
        trusted = Set.copyOf(trusted);
        operators = Set.copyOf(operators);
    }

    public static ProxyAuth parse(String header, String trusted, String operators) {
        if (header == null || header.isBlank()) {
            return null;
        }
        return new ProxyAuth(header.strip(), split(trusted), split(operators));
    }

    /** The user the proxy names for a request from {@code client}, or null (no header, or not from the proxy). */
    public String user(String client, String headerValue) {
        if (headerValue == null || headerValue.isBlank() || !trusted.contains(client) || headerValue.length() > 200) {
            return null;
        }
        return headerValue.strip();
    }

    public Role role(String user) {
        return operators.contains(user) ? Role.OPERATOR : Role.VIEWER;
    }

    private static Set<String> split(String list) {
        return list == null ? Set.of() : Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }
}
