package io.celeriac.core.broker.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import redis.clients.jedis.util.KeyValue;

/**
 * What kombu's Redis transport does for Celery's broadcast traffic (remote control and events),
 * with plain Java types: pub/sub for fanout exchanges, binding SETs, and the LISTs replies go to.
 * Subscriptions survive reconnects ({@link RedisChannels} resubscribes). Messages are kombu
 * envelopes as JSON text ({@link KombuEnvelope}). Everything goes over the broker's own client.
 */
public final class RedisFanout {
    private final DirectRedis direct;
    private final RedisChannels channels;
    private final RedisKeys keys;
    private final int db;

    RedisFanout(DirectRedis direct, RedisChannels channels, RedisKeys keys, int db) {
        this.direct = direct;
        this.channels = channels;
        this.keys = keys;
        this.db = db;
    }

    public RedisKeys keys() {
        return keys;
    }

    /** The channel kombu publishes {@code exchange}'s messages with {@code routingKey} on. */
    public String channel(String exchange, String routingKey) {
        return keys.fanoutChannel(db, exchange, routingKey);
    }

    /** The pattern that matches every routing key of {@code exchange}. */
    public String everyRoutingKey(String exchange) {
        return keys.fanoutPattern(db, exchange);
    }

    /** Listens on one channel until the handle is closed; {@code listener} runs on the subscriber thread. */
    public AutoCloseable subscribe(String channel, Consumer<String> listener) {
        return channels.subscribe(channel, (ch, message) -> listener.accept(message));
    }

    /** Listens on every channel matching a glob pattern; the listener gets (channel, message). */
    public AutoCloseable psubscribe(String pattern, BiConsumer<String, String> listener) {
        return channels.psubscribe(pattern, listener);
    }

    public void publish(String channel, String message) {
        direct.call(jedis -> jedis.publish(channel, message));
    }

    /** Publishes (channel, message) pairs in one pipelined round trip; messages are UTF-8 bytes. */
    public void publishAll(List<Map.Entry<String, byte[]>> messages) {
        if (messages.isEmpty()) {
            return;
        }
        direct.pipelined(pipeline -> messages.forEach(
                m -> pipeline.publish(m.getKey().getBytes(StandardCharsets.UTF_8), m.getValue())));
    }

    /** The members of a kombu binding SET (the routes of an exchange). */
    public Set<String> bindings(String exchange) {
        return direct.call(jedis -> jedis.smembers(keys.binding(exchange)));
    }

    public void bind(String exchange, String member) {
        direct.call(jedis -> jedis.sadd(keys.binding(exchange), member));
    }

    public void unbind(String exchange, String member) {
        direct.call(jedis -> jedis.srem(keys.binding(exchange), member));
    }

    /** LPUSHes onto a kombu queue (consumers BRPOP the other end). */
    public void push(String queue, String message) {
        direct.call(jedis -> jedis.lpush(keys.kombuList(queue), message));
    }

    /** BRPOP on a kombu queue: the oldest message, or null after {@code timeout}. */
    public String pop(String queue, Duration timeout) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        double seconds = Math.max(0.01, timeout.toMillis() / 1000.0);
        KeyValue<String, String> popped = direct.call(jedis -> jedis.brpop(seconds, keys.kombuList(queue)));
        return popped == null ? null : popped.getValue();
    }

    /** Deletes a kombu queue's LIST. */
    public void deleteQueue(String queue) {
        direct.call(jedis -> jedis.del(keys.kombuList(queue)));
    }
}
