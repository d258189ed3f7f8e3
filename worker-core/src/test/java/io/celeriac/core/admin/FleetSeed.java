package io.celeriac.core.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.message.NewTask;
import io.celeriac.core.message.TaskMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes fleet state into Redis by hand, exactly as workers and Python Celery would leave it:
 * worker records with heartbeats (old ones for dead workers), in-flight lists, queue lists, the
 * delayed set, dead letters, kombu bindings and the {@code unacked} hash.
 */
public final class FleetSeed {
    private final Application app;
    private final RedisKeys keys;

    public FleetSeed(Application app) {
        this.app = app;
        this.keys = app.keys();
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** A Celery protocol v2 envelope; {@code retries > 0} makes it a retry of itself. */
    public String envelope(String id, String task, String queue, int priority, Instant eta, Instant expires, int retries) {
        TaskMessage message = NewTask.create(id, task, JsonNodeFactory.instance.arrayNode().add(1),
                JsonNodeFactory.instance.objectNode(), queue, priority, eta, expires, false, "gen1@test", newId(), null, null);
        for (int i = 0; i < retries; i++) {
            message = NewTask.retryOf(message, eta, newId(), queue);
        }
        return app.codec().encode(message);
    }

    public String envelope(String id, String task, String queue, int priority) {
        return envelope(id, task, queue, priority, null, null, 0);
    }

    /** Publishes like a client: LPUSH onto the priority bucket and kombu's binding. */
    public void queued(String queue, int priority, String envelope) {
        app.redisBroker().publish(queue, priority, envelope.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public void delayed(String queue, int priority, String envelope, Instant due) {
        app.redisBroker().publishDelayed(queue, priority, envelope.getBytes(java.nio.charset.StandardCharsets.UTF_8), due);
    }

    /**
     * A worker record as {@code Heartbeat} writes it, beating last at {@code lastBeat}.
     *
     * @param running task id -> {name, queue, started ms} in its snapshot
     */
    public void worker(String name, List<String> queues, Instant lastBeat, Duration lease, List<String> tasks,
                       Map<String, Object[]> running) {
        List<String> sources = new ArrayList<>();
        for (int step : RedisKeys.PRIORITY_STEPS) {
            queues.forEach(q -> sources.add(keys.queueList(q, step)));
        }
        StringBuilder active = new StringBuilder("[");
        running.forEach((id, t) -> {
            if (active.length() > 1) {
                active.append(',');
            }
            active.append(JsonNodeFactory.instance.objectNode().put("id", id).put("name", (String) t[0])
                    .put("queue", (String) t[1]).put("started", (Long) t[2]));
        });
        active.append(']');
        Map<String, String> record = new LinkedHashMap<>();
        record.put("name", name);
        record.put("queues", String.join(",", queues));
        record.put("sources", String.join("\n", sources));
        record.put("concurrency", "4");
        record.put("prefetch_multiplier", "1");
        record.put("host", "host-" + name);
        record.put("pid", "4242");
        record.put("version", "0.1.0-test");
        record.put("started", String.valueOf(lastBeat.minusSeconds(600).toEpochMilli()));
        record.put("lease_ms", String.valueOf(lease.toMillis()));
        record.put("tasks", String.join(",", tasks));
        record.put("processed", "17");
        record.put("active", String.valueOf(running.size()));
        record.put("state", "running");
        record.put("active_tasks", active.toString());
        app.redis().<String, String>getMap(keys.worker(name)).putAll(record);
        app.redis().<String>getScoredSortedSet(keys.workers()).add(lastBeat.toEpochMilli(), name);
    }

    /** A message a worker took from the queue's bucket and has not acked. */
    public void inflight(String worker, String queue, int priority, String envelope) {
        app.redis().<String>getDeque(keys.inflight(worker, keys.queueList(queue, priority))).addFirst(envelope);
    }

    public void dead(String reason, String queue, String taskId, String task, Instant at, String raw) {
        String entry = new String(new DeadLetterEntry(reason, queue, taskId, task, at, raw).encode(), java.nio.charset.StandardCharsets.UTF_8);
        app.redis().<String>getDeque(keys.dead()).addFirst(entry);
    }

    /** What a Python worker writes when it reserves a message (PROTOCOL.md 2.4). */
    public void pythonUnacked(String deliveryTag, String envelope, String routingKey) {
        try {
            ObjectNode parsed = (ObjectNode) app.json().readTree(envelope);
            String value = JsonNodeFactory.instance.arrayNode().add(parsed).add("").add(routingKey).toString();
            app.redis().<String, String>getMap(keys.unacked()).put(deliveryTag, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kombu's declaration of a queue only Python uses, plus its pidbox noise that must be ignored. */
    public void pythonQueue(String queue) {
        app.redis().<String>getSet(keys.binding(queue)).add(RedisKeys.bindingMember(queue));
        app.redis().<String>getSet(keys.binding("celery.pidbox")).add(RedisKeys.SEP + RedisKeys.SEP + "w1@vm.celery.pidbox");
        app.redis().<String>getSet(keys.binding("celeryev")).add("worker.#" + RedisKeys.SEP + RedisKeys.SEP + "celeryev.1234");
    }
}
