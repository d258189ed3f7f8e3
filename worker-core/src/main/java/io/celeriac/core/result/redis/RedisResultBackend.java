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
 */
public final class RedisResultBackend implements ResultBackend {
    private final DirectRedis direct;
    private final Supplier<RedissonClient> subscriber;
    private final RedisKeys keys;
    private final ObjectMapper json;

    public RedisResultBackend(DirectRedis direct, Supplier<RedissonClient> subscriber, RedisKeys keys, ObjectMapper json) {
        this.direct = direct;
        this.subscriber = subscriber;
        this.keys = keys;
        this.json = json;
    }

    @Override
    public Optional<ResultMeta> get(String taskId) {
        String stored = direct.call(jedis -> jedis.get(keys.result(taskId)));
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
        String key = keys.groupMeta(groupId) + ".s";
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
