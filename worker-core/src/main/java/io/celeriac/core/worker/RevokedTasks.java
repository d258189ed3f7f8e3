package io.celeriac.core.worker;

import io.celeriac.core.broker.redis.RedisKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;

/**
 * The revoked task ids a worker must skip, kept in memory so checking costs nothing per task.
 * Revocations live in Redis (ZSET id -> keep-until ms) and are announced on a channel: the channel
 * makes them immediate, the periodic reload ({@link #runOnce()}) makes them reliable across
 * reconnects and for workers that start later.
 *
 * <p>A channel message is {@code <task id>} or {@code <task id> terminate}; with terminate, a running
 * task of that id is interrupted.
 */
public final class RevokedTasks {
    private final RedissonClient redis;
    private final RedisKeys keys;
    private final Clock clock;
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private volatile Consumer<String> terminator = id -> { };
    private int listener = -1;
    private RTopic topic;

    public RevokedTasks(RedissonClient redis, RedisKeys keys, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    /** Subscribes to announcements; {@code terminate} interrupts the running task of an id. */
    public void start(Consumer<String> terminate) {
        this.terminator = terminate;
        topic = redis.getTopic(keys.revokedChannel());
        listener = topic.addListener(String.class, (channel, message) -> {
            String[] parts = message.split(" ");
            announced(parts[0]);
            if (parts.length > 1 && "terminate".equals(parts[1])) {
                terminator.accept(parts[0]);
            }
        });
        runOnce();
    }

    public boolean contains(String taskId) {
        return revoked.contains(taskId);
    }

    /** Reloads the unexpired revocations from Redis. */
    public Duration runOnce() {
        Set<String> known = Set.copyOf(revoked);
        Set<String> current = Set.copyOf(redis.<String>getScoredSortedSet(keys.revoked())
                .valueRange(clock.millis(), true, Double.POSITIVE_INFINITY, true));
        reloaded(known, current);
        return Duration.ofSeconds(5);
    }

    /**
     * Applies a reload: adds what Redis holds, and forgets only ids known before it was read that
     * Redis no longer holds (expired). An id the channel announced while Redis was being read is
     * not in {@code known} and stays, although the read may have missed it.
     */
    void reloaded(Set<String> known, Set<String> current) {
        for (String id : known) {
            if (!current.contains(id)) {
                revoked.remove(id);
            }
        }
        revoked.addAll(current);
    }

    /** As the channel listener does, for tests. */
    void announced(String taskId) {
        revoked.add(taskId);
    }

    public void stop() {
        if (topic != null && listener >= 0) {
            topic.removeListener(listener);
        }
    }
}
