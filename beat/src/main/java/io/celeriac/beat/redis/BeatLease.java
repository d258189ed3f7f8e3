package io.celeriac.beat.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/**
 * The leader lease: one beat at a time does the work, the others stand by. Each beat holds a
 * random token; the lease is taken or extended on every loop pass and given up on a clean stop.
 * The same call reads the time every replica agrees on (Redis's clock), which the pass then uses
 * for every decision.
 */
public final class BeatLease {
    private final RedissonClient redis;
    private final BeatKeys keys;
    private final String token;
    private final Duration timeout;

    /** Who holds the lease and until when, and the time the call was made at, as seen by one call. */
    public record Status(boolean held, String owner, Instant expires, Instant now) {
    }

    public BeatLease(RedissonClient redis, BeatKeys keys, String token, Duration timeout) {
        this.redis = redis;
        this.keys = keys;
        this.token = token;
        this.timeout = timeout;
    }

    public String token() {
        return token;
    }

    /** At Redis's time: takes the lease if it is free or expired, or extends it if this beat holds it. */
    public Status acquireOrRenew() {
        return call("");
    }

    /** As {@link #acquireOrRenew()} at {@code now} (tests drive the lease with a manual clock). */
    public Status acquireOrRenew(Instant now) {
        return call(Long.toString(now.toEpochMilli()));
    }

    private Status call(String now) {
        List<Object> reply = redis.getScript().eval(RScript.Mode.READ_WRITE, BeatScripts.LEASE, RScript.ReturnType.LIST,
                List.of(keys.leader()), token, now, Long.toString(timeout.toMillis()));
        boolean held = ((Number) reply.get(0)).longValue() == 1;
        return new Status(held, String.valueOf(reply.get(1)), millis(reply.get(2)), millis(reply.get(3)));
    }

    private static Instant millis(Object text) {
        return Instant.ofEpochMilli(Long.parseLong(String.valueOf(text)));
    }

    /** Gives the lease up if held, waking standbys; true when it was held. */
    public boolean release() {
        Long reply = redis.getScript().eval(RScript.Mode.READ_WRITE, BeatScripts.RELEASE_LEASE, RScript.ReturnType.LONG,
                List.of(keys.leader()), token, keys.changes());
        return reply == 1;
    }
}
