package io.celeriac.beat.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/**
 * The leader lease: one beat at a time does the work, the others stand by. Each beat holds a
 * random token; the lease is taken or extended on every loop pass and given up on a clean stop.
 */
public final class BeatLease {
    private final RedissonClient redis;
    private final BeatKeys keys;
    private final String token;
    private final Duration timeout;

    /** Who holds the lease and until when, as seen by one call. */
    public record Status(boolean held, String owner, Instant expires) {
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

    /** Takes the lease if it is free or expired at {@code now}, or extends it if this beat holds it. */
    public Status acquireOrRenew(Instant now) {
        List<Object> reply = redis.getScript().eval(RScript.Mode.READ_WRITE, BeatScripts.LEASE, RScript.ReturnType.LIST,
                List.of(keys.leader()), token, Long.toString(now.toEpochMilli()),
                Long.toString(now.plus(timeout).toEpochMilli()));
        boolean held = ((Number) reply.get(0)).longValue() == 1;
        String expires = String.valueOf(reply.get(2));
        return new Status(held, String.valueOf(reply.get(1)), Instant.ofEpochMilli(Long.parseLong(expires)));
    }

    /** Gives the lease up if held, waking standbys; true when it was held. */
    public boolean release() {
        Long reply = redis.getScript().eval(RScript.Mode.READ_WRITE, BeatScripts.RELEASE_LEASE, RScript.ReturnType.LONG,
                List.of(keys.leader()), token, keys.changes());
        return reply == 1;
    }
}
