package io.celeriac.core.admin;

import io.celeriac.core.broker.redis.RedisBroker;
import io.celeriac.core.broker.redis.RedisKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Revokes tasks. The revoked set keeps each id until a time (its TTL); workers skip revoked ids and
 * store REVOKED. Nothing else trims the set, so each revocation also drops the lapsed entries:
 * lookups stay cheap without a janitor loop.
 */
public final class Revocations {
    private final RedisBroker broker;
    private final RedisKeys keys;

    public Revocations(RedisBroker broker) {
        this.broker = broker;
        this.keys = broker.keys();
    }

    /** Revokes {@code taskId} until {@code keepUntil}; returns how many lapsed entries were dropped. */
    public int revoke(String taskId, Instant keepUntil, boolean terminate, Instant now) {
        broker.revoke(taskId, keepUntil, terminate);
        return (int) broker.keyspace().removeScoredBelow(keys.revoked(), now.toEpochMilli());
    }

    /**
     * How long to keep a revocation: at least {@code minimum}, and past the task's due time when it
     * waits in the delayed set, so a far ETA cannot outlive its revocation and run after all.
     */
    public Instant keepUntil(String taskId, Instant now, Duration minimum) {
        Instant keep = now.plus(minimum);
        Instant[] latest = {keep};
        broker.keyspace().forEachScoredMatching(keys.delayed(), "*" + RedisKeys.globEscape(taskId) + "*", (member, score) -> {
            Instant due = Instant.ofEpochMilli(score.longValue()).plus(minimum);
            if (member.contains("\"" + taskId + "\"") && due.isAfter(latest[0])) {
                latest[0] = due;
            }
        });
        return latest[0];
    }

    /** Until when {@code taskId} stays revoked, if it is. */
    public Optional<Instant> revokedUntil(String taskId, Instant now) {
        Double score = broker.keyspace().score(keys.revoked(), taskId);
        return score == null || score < now.toEpochMilli() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(score.longValue()));
    }
}
