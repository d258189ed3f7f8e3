package io.celeriac.core.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changes between heartbeats, as the worker's record holds it: counters, state, the running
 * tasks (a JSON list) and the age of the oldest message the worker holds, so {@code status} can
 * tell a stuck worker from a busy one.
 */
final class LiveFields {
    private final Worker worker;
    private final ObjectMapper json;

    LiveFields(Worker worker, ObjectMapper json) {
        this.worker = worker;
        this.json = json;
    }

    Map<String, String> snapshot() {
        Runners runners = worker.runners();
        List<Execution> running = runners.running();
        ArrayNode tasks = json.createArrayNode();
        long oldestNanos = 0;
        long now = System.nanoTime();
        for (Execution execution : running) {
            oldestNanos = Math.max(oldestNanos, now - execution.createdNanos());
            if (execution.startedMillis() >= 0) {
                tasks.addObject().put("id", execution.taskId()).put("name", execution.taskName())
                        .put("queue", execution.delivery().queue()).put("started", execution.startedMillis());
            }
        }
        WorkerStats stats = worker.stats();
        Map<String, String> fields = new LinkedHashMap<>();
        // what it consumes can change at run time (add_consumer): recovery needs every list it ever took from
        fields.put("queues", String.join(",", worker.fetcher().queues()));
        fields.put("sources", String.join("\n", worker.fetcher().everConsumed().stream().map(io.celeriac.core.broker.Source::list).toList()));
        fields.put("concurrency", String.valueOf(runners.concurrency()));
        fields.put("processed", String.valueOf(stats.processed()));
        fields.put("active", String.valueOf(running.size()));
        fields.put("state", worker.stopping() ? "stopping" : "running");
        fields.put("active_tasks", tasks.toString());
        fields.put("succeeded", String.valueOf(stats.succeeded()));
        fields.put("failed", String.valueOf(stats.failed()));
        fields.put("retried", String.valueOf(stats.retried()));
        fields.put("fenced", String.valueOf(stats.fenced()));
        fields.put("runners_alive", String.valueOf(runners.alive()));
        fields.put("runner_restarts", String.valueOf(runners.restarts()));
        fields.put("oldest_running_ms", String.valueOf(oldestNanos / 1_000_000));
        return fields;
    }
}
