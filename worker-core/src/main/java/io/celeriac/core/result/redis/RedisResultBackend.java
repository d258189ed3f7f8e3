package io.celeriac.core.result.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.core.broker.redis.DirectRedis;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.result.ResultBackend;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;

/**
 * Reads results at {@code celery-task-meta-<id>}. Waiting subscribes to the channel of the same
 * name first and only then reads the key, so a result stored in between is never missed (the
 * worker PUBLISHes every state it stores, as Celery's backend does). Reads and writes use the
 * broker's connections; only a wait subscribes, through Redisson, connected when first needed.
 *
 * <p>On a Redis Cluster ({@link #onCluster}) a result's key has its own hash tag and is read on its
 * slot's node; Redisson's cluster mode carries the waits (PUBLISH reaches every node). Chords are
 * not supported there yet: their parts are counted in one step with the body's queue.
 */
public final class RedisResultBackend implements ResultBackend {
    /** The connections that reach a key (one Redis: always the same). */
    private final java.util.function.Function<String, DirectRedis> connections;
    private final Supplier<RedissonClient> subscriber;
    private final RedisKeys keys;
    private final ObjectMapper json;
    private final boolean chords;

    public RedisResultBackend(DirectRedis direct, Supplier<RedissonClient> subscriber, RedisKeys keys, ObjectMapper json) {
        this(key -> direct, subscriber, keys, json, true);
    }

    private RedisResultBackend(java.util.function.Function<String, DirectRedis> connections, Supplier<RedissonClient> subscriber,
                               RedisKeys keys, ObjectMapper json, boolean chords) {
        this.connections = connections;
        this.subscriber = subscriber;
        this.keys = keys;
        this.json = json;
        this.chords = chords;
    }

    /** Results on a Redis Cluster, in the layout of {@code broker}. */
    public static RedisResultBackend onCluster(io.celeriac.core.broker.redis.ClusterBroker broker, Supplier<RedissonClient> subscriber,
                                               ObjectMapper json) {
        return new RedisResultBackend(broker.nodes()::forKey, subscriber, broker.keys(), json, false);
    }

    @Override
    public Optional<ResultMeta> get(String taskId) {
        String key = keys.result(taskId);
        String stored = connections.apply(key).call(jedis -> jedis.get(key));
        return Optional.ofNullable(stored).map(this::parse);
    }

    @Override
    public ResultMeta await(String taskId, Duration timeout) {
        CompletableFuture<ResultMeta> ready = new CompletableFuture<>();
        RTopic topic = subscriber.get().getTopic(keys.result(taskId));
        int listener = topic.addListener(String.class, (channel, message) -> {
            ResultMeta meta = parse(message);
            if (meta.status().isReady()) {
                ready.complete(meta);
            }
        });
        try {
            return ResultWait.await(taskId, timeout, () -> get(taskId), ready);
        } finally {
            topic.removeListener(listener);
        }
    }

    @Override
    public CompletableFuture<ResultMeta> whenReady(String taskId) {
        CompletableFuture<ResultMeta> ready = new CompletableFuture<>();
        RedissonClient redis = subscriber.get();
        RTopic topic = redis.getTopic(keys.result(taskId));
        // subscribe first, then read: a result stored in between is published after the subscription
        topic.addListenerAsync(String.class, (channel, message) -> {
            ResultMeta meta = parse(message);
            if (meta.status().isReady()) {
                ready.complete(meta);
            }
        }).whenComplete((listener, error) -> {
            if (error != null) {
                ready.completeExceptionally(error);
                return;
            }
            ready.whenComplete((meta, e) -> topic.removeListenerAsync(listener));
            redis.<String>getBucket(keys.result(taskId)).getAsync().whenComplete((stored, e) -> {
                if (e != null) {
                    ready.completeExceptionally(e);
                } else if (stored != null) {
                    ResultMeta meta = parse(stored);
                    if (meta.status().isReady()) {
                        ready.complete(meta);
                    }
                }
            });
        });
        return ready;
    }

    @Override
    public void setChordSize(String groupId, int size, Duration ttl) {
        if (!chords) {
            throw new UnsupportedOperationException("chords are not supported on a Redis Cluster yet: send the header as a group and the body after it");
        }
        String key = keys.groupMeta(groupId) + ".s";
        DirectRedis direct = connections.apply(key);
        if (ttl.isZero()) {
            direct.call(jedis -> jedis.set(key, String.valueOf(size)));
        } else {
            direct.call(jedis -> jedis.psetex(key, ttl.toMillis(), String.valueOf(size)));
        }
    }

    private ResultMeta parse(String text) {
        try {
            return ResultMeta.fromJson(json.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored result is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
