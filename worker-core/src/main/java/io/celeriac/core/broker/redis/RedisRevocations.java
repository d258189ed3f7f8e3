package io.celeriac.core.broker.redis;

import io.celeriac.core.broker.Broker.Revocation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Revocations on Redis: a ZSET (task id -> keep-until ms) that makes them durable, and a channel
 * that makes them immediate. A channel message is {@code <task id>} or {@code <task id> terminate}.
 * Everything goes over the broker's own client; listeners share its one subscriber connection.
 */
final class RedisRevocations {
    private final DirectRedis direct;
    private final RedisChannels channels;
    private final RedisKeys keys;

    RedisRevocations(DirectRedis direct, RedisChannels channels, RedisKeys keys) {
        this.direct = direct;
        this.channels = channels;
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
        return channels.subscribe(keys.revokedChannel(), (channel, message) -> {
            String[] parts = message.split(" ");
            listener.accept(new Revocation(parts[0], parts.length > 1 && "terminate".equals(parts[1])));
        });
    }
}
