package io.celeriac.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One message an {@link EagerCeleriac} was asked to send, as it would have gone on the wire:
 * its arguments are the JSON a worker (Java or Python) would read, so a test sees exactly what
 * the other side gets.
 *
 * @param id        the task id
 * @param task      the task's name
 * @param argsJson  the positional arguments as JSON
 * @param kwargsJson the keyword arguments as JSON
 * @param queue     the queue it was routed to (an explicit one, else the routes, else the default)
 * @param priority  the priority asked for, or null
 * @param countdown the countdown asked for, or null
 * @param eta       when it is due: the ETA asked for, or now plus the countdown; null to run at once
 * @param expires   when it expires, or null
 * @param sentAt    the clock's time when it was sent
 * @param parentId  the id of the task that sent it, when a task did; else null
 */
public record SentTask(String id, String task, ArrayNode argsJson, ObjectNode kwargsJson, String queue, Integer priority,
                       Duration countdown, Instant eta, Instant expires, Instant sentAt, String parentId) {

    private static final ObjectMapper JSON = io.celeriac.core.internal.Json.mapper();

    /** The positional arguments as plain Java values (maps, lists, strings, numbers, booleans, nulls), for equality checks. */
    public List<Object> args() {
        return JSON.convertValue(argsJson, new TypeReference<List<Object>>() { });
    }

    /** The keyword arguments as plain Java values. */
    public Map<String, Object> kwargs() {
        return JSON.convertValue(kwargsJson, new TypeReference<Map<String, Object>>() { });
    }

    /** Positional argument {@code index} read as {@code type} (a record, say), as a worker would bind it. */
    public <T> T arg(int index, Class<T> type) {
        if (index >= argsJson.size()) {
            throw new AssertionError(task + " was sent with " + argsJson.size() + " positional argument(s), not " + (index + 1));
        }
        return JSON.convertValue(argsJson.get(index), type);
    }

    /** Keyword argument {@code name} read as {@code type}. */
    public <T> T kwarg(String name, Class<T> type) {
        JsonNode value = kwargsJson.get(name);
        if (value == null) {
            throw new AssertionError(task + " was sent without keyword argument '" + name + "' (it had " + kwargs().keySet() + ")");
        }
        return JSON.convertValue(value, type);
    }

    /** Whether it waits for a time rather than running when sent. */
    public boolean delayed() {
        return eta != null && eta.isAfter(sentAt);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(task).append(argsJson).append(kwargsJson).append(" -> ").append(queue);
        if (countdown != null) {
            text.append(" countdown ").append(countdown);
        }
        if (eta != null && countdown == null) {
            text.append(" eta ").append(eta);
        }
        return text.toString();
    }
}
