package io.celeriac.core.broker.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.redisson.api.RBatch;
import org.redisson.api.RPatternTopic;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;

/**
 * What kombu's Redis transport does for Celery's broadcast traffic (remote control and events),
 * with plain Java types: pub/sub for fanout exchanges, binding SETs, and the LISTs replies go to.
 * Subscriptions survive reconnects (the client resubscribes). Messages are kombu envelopes as JSON
 * text ({@link KombuEnvelope}).
 */
public final class RedisFanout {
    private final RedissonClient redis;
    private final RedisKeys keys;
    private final int db;

    public RedisFanout(RedissonClient redis, RedisKeys keys, int db) {
        this.redis = redis;
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

    /** Listens on one channel until the handle is closed; {@code listener} runs on the client's thread. */
    public AutoCloseable subscribe(String channel, Consumer<String> listener) {
        RTopic topic = redis.getTopic(channel, StringCodec.INSTANCE);
        int id = topic.addListener(String.class, (ch, message) -> listener.accept(message));
        return () -> topic.removeListener(id);
    }

    /** Listens on every channel matching a glob pattern; the listener gets (channel, message). */
    public AutoCloseable psubscribe(String pattern, BiConsumer<String, String> listener) {
        RPatternTopic topic = redis.getPatternTopic(pattern, StringCodec.INSTANCE);
        int id = topic.addListener(String.class, (p, channel, message) -> listener.accept(channel.toString(), message));
        return () -> topic.removeListener(id);
    }

    public void publish(String channel, String message) {
        redis.getTopic(channel, StringCodec.INSTANCE).publish(message);
    }

    /** Publishes (channel, message) pairs in one pipelined round trip; messages are UTF-8 bytes. */
    public void publishAll(List<Map.Entry<String, byte[]>> messages) {
        if (messages.isEmpty()) {
            return;
        }
        RBatch batch = redis.createBatch();
        for (Map.Entry<String, byte[]> message : messages) {
            batch.getTopic(message.getKey(), ByteArrayCodec.INSTANCE).publishAsync(message.getValue());
        }
        batch.execute();
    }

    /** The members of a kombu binding SET (the routes of an exchange). */
    public Set<String> bindings(String exchange) {
        return redis.<String>getSet(keys.binding(exchange), StringCodec.INSTANCE).readAll();
    }

    public void bind(String exchange, String member) {
        redis.getSet(keys.binding(exchange), StringCodec.INSTANCE).add(member);
    }

    public void unbind(String exchange, String member) {
        redis.getSet(keys.binding(exchange), StringCodec.INSTANCE).remove(member);
    }

    /** LPUSHes onto a kombu queue (consumers BRPOP the other end). */
    public void push(String queue, String message) {
        redis.getDeque(keys.kombuList(queue), StringCodec.INSTANCE).addFirst(message);
    }

    /** BRPOP on a kombu queue: the oldest message, or null after {@code timeout}. */
    public String pop(String queue, Duration timeout) throws InterruptedException {
        return redis.<String>getBlockingDeque(keys.kombuList(queue), StringCodec.INSTANCE)
                .pollLast(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Deletes a kombu queue's LIST. */
    public void deleteQueue(String queue) {
        redis.getKeys().delete(keys.kombuList(queue));
    }
}
