package io.celeriac.core.broker.redis;

import io.celeriac.core.broker.Broker.Revocation;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;
import org.redisson.api.RBatch;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;

/**
 * Revocations on Redis: a ZSET (task id -> keep-until ms) that makes them durable, and a channel
 * that makes them immediate. A channel message is {@code <task id>} or {@code <task id> terminate}.
 */
final class RedisRevocations {
    private final RedissonClient redis;
    private final RedisKeys keys;

    RedisRevocations(RedissonClient redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    void revoke(String taskId, Instant keepUntil, boolean terminate) {
        RBatch batch = redis.createBatch();
        batch.getScoredSortedSet(keys.revoked()).addAsync(keepUntil.toEpochMilli(), taskId);
        batch.getTopic(keys.revokedChannel()).publishAsync(terminate ? taskId + " terminate" : taskId);
        batch.execute();
    }

    Set<String> keptAt(Instant now) {
        return Set.copyOf(redis.<String>getScoredSortedSet(keys.revoked())
                .valueRange(now.toEpochMilli(), true, Double.POSITIVE_INFINITY, true));
    }

    AutoCloseable listen(Consumer<Revocation> listener) {
        RTopic topic = redis.getTopic(keys.revokedChannel());
        int id = topic.addListener(String.class, (channel, message) -> {
            String[] parts = message.split(" ");
            listener.accept(new Revocation(parts[0], parts.length > 1 && "terminate".equals(parts[1])));
        });
        return () -> topic.removeListener(id);
    }
}
