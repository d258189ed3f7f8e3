package io.celeriac.core.result.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.client.ResultTimeoutException;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.result.ResultBackend;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;

/**
 * Reads results at {@code celery-task-meta-<id>}. Waiting subscribes to the channel of the same
 * name first and only then reads the key, so a result stored in between is never missed (the
 * worker PUBLISHes every state it stores, as Celery's backend does).
 */
public final class RedisResultBackend implements ResultBackend {
    private final RedissonClient redis;
    private final RedisKeys keys;
    private final ObjectMapper json;

    public RedisResultBackend(RedissonClient redis, RedisKeys keys, ObjectMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    @Override
    public Optional<ResultMeta> get(String taskId) {
        String stored = redis.<String>getBucket(keys.result(taskId)).get();
        return Optional.ofNullable(stored).map(this::parse);
    }

    @Override
    public ResultMeta await(String taskId, Duration timeout) {
        CompletableFuture<ResultMeta> ready = new CompletableFuture<>();
        RTopic topic = redis.getTopic(keys.result(taskId));
        int listener = topic.addListener(String.class, (channel, message) -> {
            ResultMeta meta = parse(message);
            if (meta.status().isReady()) {
                ready.complete(meta);
            }
        });
        try {
            Optional<ResultMeta> stored = get(taskId);
            if (stored.isPresent() && stored.get().status().isReady()) {
                return stored.get();
            }
            return ready.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ResultTimeoutException(taskId, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResultTimeoutException(taskId, timeout);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            topic.removeListener(listener);
        }
    }

    @Override
    public CompletableFuture<ResultMeta> whenReady(String taskId) {
        CompletableFuture<ResultMeta> ready = new CompletableFuture<>();
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
        var bucket = redis.<String>getBucket(keys.groupMeta(groupId) + ".s");
        if (ttl.isZero()) {
            bucket.set(String.valueOf(size));
        } else {
            bucket.set(String.valueOf(size), ttl);
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
