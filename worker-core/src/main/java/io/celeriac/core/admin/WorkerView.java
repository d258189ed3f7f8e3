package io.celeriac.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.internal.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One worker as Redis knows it: its heartbeat record and whether its lease still holds. A worker
 * is alive while its last heartbeat is younger than its lease ({@code lease_ms}, 30 s by default);
 * a dead one's in-flight messages wait for any live worker's lease recoverer.
 *
 * @param sources  the lists it fetches from, whose in-flight lists it may hold
 * @param counters processed, active, succeeded, failed, retried as last reported
 * @param running  the tasks it reported running in its last heartbeat
 */
public record WorkerView(String name, String host, String pid, String version, List<String> queues, List<String> sources,
                         int concurrency, Instant started, Instant lastHeartbeat, Duration lease, boolean alive,
                         String state, Map<String, Long> counters, List<String> registered, List<RunningTask> running) {

    static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    /** The state of a worker whose lease holds but that missed two heartbeats. */
    public static final String MISSING = "missing";
    private static final List<String> COUNTERS = List.of("processed", "active", "succeeded", "failed", "retried");
    private static final ObjectMapper JSON = Json.mapper();

    /** Reads a worker's HASH (see {@code Heartbeat.staticFields}); tolerant of missing fields. */
    static WorkerView fromRecord(String name, Instant lastHeartbeat, Map<String, String> record, Instant now) {
        Duration lease = Duration.ofMillis(number(record.get("lease_ms"), DEFAULT_LEASE.toMillis()));
        boolean alive = lastHeartbeat != null && lastHeartbeat.isAfter(now.minus(lease));
        // two beats missed: still holding its lease, but probably killed or frozen (its tasks come back when the lease ends)
        Duration beat = Duration.ofMillis(number(record.get("heartbeat_ms"), lease.toMillis() / 3));
        boolean missing = alive && lastHeartbeat.isBefore(now.minus(beat.multipliedBy(2)));
        Map<String, Long> counters = new LinkedHashMap<>();
        COUNTERS.forEach(c -> counters.put(c, number(record.get(c), 0)));
        String started = record.get("started");
        return new WorkerView(name, record.getOrDefault("host", ""), record.getOrDefault("pid", ""),
                record.getOrDefault("version", ""), split(record.get("queues"), ","), split(record.get("sources"), "\n"),
                (int) number(record.get("concurrency"), 0),
                started == null ? null : Instant.ofEpochMilli(number(started, 0)), lastHeartbeat, lease, alive,
                missing ? MISSING : alive ? record.getOrDefault("state", "unknown") : "dead", counters, split(record.get("tasks"), ","),
                running(record.get("active_tasks"), name, alive));
    }

    /** When the lease ran out (or will): last heartbeat plus the lease. */
    public Instant leaseExpiry() {
        return lastHeartbeat == null ? null : lastHeartbeat.plus(lease);
    }

    public boolean consumes(String queue) {
        return queues.contains(queue);
    }

    public ObjectNode toJson(Instant now) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", name);
        node.put("host", host);
        node.put("pid", pid);
        node.put("version", version);
        node.put("alive", alive);
        node.put("state", state);
        node.put("concurrency", concurrency);
        node.put("started", started == null ? null : started.toString());
        node.put("last_heartbeat", lastHeartbeat == null ? null : lastHeartbeat.toString());
        node.put("heartbeat_age_ms", lastHeartbeat == null ? null : Duration.between(lastHeartbeat, now).toMillis());
        node.put("lease_ms", lease.toMillis());
        queues.forEach(node.putArray("queues")::add);
        counters.forEach(node::put);
        registered.forEach(node.putArray("registered")::add);
        ArrayNode tasks = node.putArray("running");
        running.forEach(t -> tasks.add(t.toJson(now)));
        return node;
    }

    private static List<RunningTask> running(String json, String worker, boolean alive) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        List<RunningTask> tasks = new ArrayList<>();
        try {
            for (JsonNode t : JSON.readTree(json)) {
                long started = t.path("started").asLong(0);
                tasks.add(new RunningTask(t.path("id").asText(null), t.path("name").asText(null), t.path("queue").asText(null),
                        started > 0 ? Instant.ofEpochMilli(started) : null, worker, alive));
            }
        } catch (IOException e) {
            // a record from a newer or broken writer: show the worker without its task list
            return List.of();
        }
        return tasks;
    }

    private static List<String> split(String joined, String separator) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(separator));
    }

    private static long number(String text, long fallback) {
        try {
            return text == null ? fallback : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
