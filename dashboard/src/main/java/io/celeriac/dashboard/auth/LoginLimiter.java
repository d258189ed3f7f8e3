package io.celeriac.dashboard.auth;

import io.celeriac.core.broker.Keyspace;
import io.celeriac.core.broker.redis.RedisKeys;
import java.time.Duration;

/**
 * Failed logins per client address in a fixed window, counted in Redis (so every dashboard replica
 * shares the count): past {@link #MAX_FAILURES} in {@link #WINDOW}, logins from that address are
 * refused until the window ends, even with the right password.
 */
public final class LoginLimiter {
    public static final int MAX_FAILURES = 5;
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private final Keyspace redis;
    private final RedisKeys keys;

    public LoginLimiter(Keyspace redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public boolean blocked(String client) {
        byte[] count = redis.values(java.util.List.of(keys.dashboardLoginFailures(client))).get(0);
        return count != null && Long.parseLong(new String(count, java.nio.charset.StandardCharsets.US_ASCII)) >= MAX_FAILURES;
    }

    public void failed(String client) {
        redis.incrementWindow(keys.dashboardLoginFailures(client), WINDOW.toSeconds());
    }
}
