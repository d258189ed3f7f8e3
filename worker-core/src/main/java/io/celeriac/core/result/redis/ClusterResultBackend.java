package io.celeriac.core.result.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.core.broker.redis.ClusterBroker;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.result.ResultBackend;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Results on a Redis Cluster: each at its own key ({@code {r:<task id>}}, so results spread over
 * the masters), published on the channel of the same name when stored (PUBLISH reaches every node,
 * so one subscriber connection hears them all). Waiting subscribes first, then reads, then reads
 * again each second, as on one Redis.
 */
public final class ClusterResultBackend implements ResultBackend {
    private final ClusterBroker broker;
    private final ObjectMapper json;

    public ClusterResultBackend(ClusterBroker broker, ObjectMapper json) {
        this.broker = broker;
        this.json = json;
    }

    @Override
    public Optional<ResultMeta> get(String taskId) {
        String key = broker.keys().result(taskId);
        String stored = broker.nodes().forKey(key).call(jedis -> jedis.get(key));
        return Optional.ofNullable(stored).map(this::parse);
    }

    @Override
    public ResultMeta await(String taskId, Duration timeout) {
        CompletableFuture<ResultMeta> ready = new CompletableFuture<>();
        AutoCloseable listening = listen(taskId, ready);
        try {
            return ResultWait.await(taskId, timeout, () -> get(taskId), ready);
        } finally {
            close(listening);
        }
    }

    @Override
    public CompletableFuture<ResultMeta> whenReady(String taskId) {
        CompletableFuture<ResultMeta> ready = new CompletableFuture<>();
        AutoCloseable listening = listen(taskId, ready);
        ready.whenComplete((meta, e) -> close(listening));
        // subscribed first: a result stored from now on is heard, one stored before is read here
        get(taskId).filter(meta -> meta.status().isReady()).ifPresent(ready::complete);
        return ready;
    }

    private AutoCloseable listen(String taskId, CompletableFuture<ResultMeta> ready) {
        return broker.subscribe(broker.keys().result(taskId), (channel, message) -> {
            ResultMeta meta = parse(message);
            if (meta.status().isReady()) {
                ready.complete(meta);
            }
        });
    }

    /** Chords count their parts in one step with the body's queue: not on a cluster yet. */
    @Override
    public void setChordSize(String groupId, int size, Duration ttl) {
        throw new UnsupportedOperationException("chords are not supported on a Redis Cluster yet: send the header as a group and the body after it");
    }

    private static void close(AutoCloseable handle) {
        try {
            handle.close();
        } catch (Exception e) {
            // closing a subscription cannot fail in a way the waiter cares about
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
