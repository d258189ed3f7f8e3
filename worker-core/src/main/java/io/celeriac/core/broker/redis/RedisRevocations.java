package io.celeriac.core.broker.redis;

import io.celeriac.core.broker.Broker.Revocation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;

/**
 * Revocations on Redis: a ZSET (task id -> keep-until ms) that makes them durable, and a channel
 * that makes them immediate. A channel message is {@code <task id>} or {@code <task id> terminate}.
 * Writes and reads go over the broker's connections; only a listener needs Redisson's subscriber.
 */
final class RedisRevocations {
    private final DirectRedis direct;
    private final Supplier<RedissonClient> subscriber;
    private final RedisKeys keys;

    RedisRevocations(DirectRedis direct, Supplier<RedissonClient> subscriber, RedisKeys keys) {
        this.direct = direct;
        this.subscriber = subscriber;
        this.keys = keys;
    }

    void revoke(String taskId, Instant keepUntil, boolean terminate) {
        byte[] id = taskId.getBytes(StandardCharsets.UTF_8);
        byte[] message = (terminate ? taskId + " terminate" : taskId).getBytes(StandardCharsets.UTF_8);
        direct.pipelined(pipeline -> {
            pipeline.zadd(keys.revoked().getBytes(StandardCharsets.UTF_8), keepUntil.toEpochMilli(), id);
            pipeline.publish(keys.revokedChannel().getBytes(StandardCharsets.UTF_8), message);
        });
    }

    Set<String> keptAt(Instant now) {
        return Set.copyOf(direct.call(jedis -> jedis.zrangeByScore(keys.revoked(), Long.toString(now.toEpochMilli()), "+inf")));
    }

    AutoCloseable listen(Consumer<Revocation> listener) {
        RTopic topic = subscriber.get().getTopic(keys.revokedChannel());
        int id = topic.addListener(String.class, (channel, message) -> {
            String[] parts = message.split(" ");
            listener.accept(new Revocation(parts[0], parts.length > 1 && "terminate".equals(parts[1])));
        });
        return () -> topic.removeListener(id);
    }
}
