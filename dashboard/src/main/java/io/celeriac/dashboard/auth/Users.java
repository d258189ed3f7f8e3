package io.celeriac.dashboard.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The dashboard's users, from config or env: {@code name:role:bcrypt-hash} entries separated by
 * commas or newlines (a bcrypt hash holds neither). Only hashes are kept: {@code htpasswd -nbB}
 * or any bcrypt tool makes them. An empty set means no authentication (loopback only).
 */
public final class Users {
    /** One user. */
    public record User(String name, Role role, String hash) {
    }

    /** Checked against when the name is unknown, so a wrong name costs as long as a wrong password. */
    private static final String DUMMY_HASH = BCrypt.hashpw("not a password", BCrypt.gensalt(10));

    private final Map<String, User> byName;

    private Users(Map<String, User> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static Users none() {
        return new Users(Map.of());
    }

    public static Users parse(String spec) {
        Map<String, User> users = new LinkedHashMap<>();
        if (spec == null) {
            return new Users(users);
        }
        String[] entries = unquoted(spec.strip()).split("[,\\n]");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.strip().split(":", 3);
            if (parts.length != 3 || parts[0].isBlank() || !parts[2].matches("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
                // the name only, and only when the entry has the shape: a fragment may be a piece of a password
                throw new IllegalArgumentException("a dashboard user is name:role:bcrypt-hash (e.g. alice:operator:$2y$10$...), "
                        + (parts.length == 3 ? "user \"" + parts[0] + "\" has no bcrypt hash" : "entry " + (i + 1) + " is not"));
            }
            if (users.put(parts[0], new User(parts[0], Role.parse(parts[1]), parts[2])) != null) {
                throw new IllegalArgumentException("dashboard user \"" + parts[0] + "\" is named twice");
            }
        }
        return new Users(users);
    }

    /**
     * The value without one pair of surrounding quotes: an env file needs them to keep the hash's
     * {@code $} literal under Docker Compose, and podman and podman-compose pass them on as part of
     * the value (found by the container test). A name or hash never starts with a quote.
     */
    static String unquoted(String value) {
        boolean quoted = value.length() >= 2 && (value.charAt(0) == '\'' || value.charAt(0) == '"')
                && value.charAt(value.length() - 1) == value.charAt(0);
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** The user when the password matches its hash. */
    public Optional<User> check(String name, String password) {
        User user = name == null ? null : byName.get(name);
        String candidate = password == null ? "" : password;
        boolean matches = BCrypt.checkpw(candidate, user == null ? DUMMY_HASH : user.hash());
        return user != null && matches ? Optional.of(user) : Optional.empty();
    }
}
