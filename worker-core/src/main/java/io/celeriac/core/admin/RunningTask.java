package io.celeriac.core.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/**
 * A task a worker reported running in its last heartbeat. When the worker is dead the task is not
 * really running any more: its message waits in the worker's in-flight list for lease recovery.
 */
public record RunningTask(String id, String name, String queue, Instant started, String worker, boolean workerAlive) {

    public Duration runtime(Instant now) {
        return started == null ? Duration.ZERO : Duration.between(started, now);
    }

    public ObjectNode toJson(Instant now) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put("name", name);
        node.put("queue", queue);
        node.put("worker", worker);
        node.put("worker_alive", workerAlive);
        node.put("started", started == null ? null : started.toString());
        node.put("runtime_ms", runtime(now).toMillis());
        return node;
    }
}
