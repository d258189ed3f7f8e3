package io.celeriac.dashboard.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in sessions, in this process's memory: a restart logs everyone out, which is the safe
 * way round. Each session carries its own CSRF token, which every form posts back.
 */
public final class Sessions {
    /** One session: who, with which role, its CSRF token, when it lapses, and whether a proxy's header opened it. */
    public record Session(String id, String user, Role role, String csrf, Instant expires, boolean viaProxy) {
    }

    static final Duration LIFETIME = Duration.ofHours(12);
    /** Sessions held at most: a script polling without its cookie opens one per request, and must not fill the heap. */
    static final int MAX_SESSIONS = 10_000;

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    int size() {
        return sessions.size();
    }

    public Session open(String user, Role role) {
        return open(user, role, false);
    }

    public Session openViaProxy(String user, Role role) {
        return open(user, role, true);
    }

    private Session open(String user, Role role, boolean viaProxy) {
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> s.expires().isBefore(now));
            while (sessions.size() >= MAX_SESSIONS) {
                // still full of live ones: the oldest goes (its owner logs in again)
                sessions.values().stream().min(java.util.Comparator.comparing(Session::expires))
                        .ifPresent(oldest -> sessions.remove(oldest.id()));
            }
        }
        Session session = new Session(token(), user, role, token(), now.plus(LIFETIME), viaProxy);
        sessions.put(session.id(), session);
        return session;
    }

    public Optional<Session> find(String id) {
        Session session = id == null ? null : sessions.get(id);
        if (session != null && session.expires().isBefore(clock.instant())) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(session);
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** A fresh random token (32 bytes, hex). */
    public String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
