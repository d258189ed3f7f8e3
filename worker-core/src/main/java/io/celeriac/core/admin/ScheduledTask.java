package io.celeriac.core.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A task waiting for its time: in Celeriac's delayed set (ETA, countdown, or a retry's backoff) or
 * held by a Python worker until its ETA (kombu's {@code unacked} hash).
 *
 * @param id      null when the message cannot be decoded
 * @param due     when it becomes ready to run
 * @param retries retries already done: above zero, this is a retry waiting out its backoff
 * @param heldBy  {@code delayed} (Celeriac's set) or {@code python-worker}
 */
public record ScheduledTask(String id, String name, String queue, int priority, Instant due, int retries, String heldBy) {

    public String kind() {
        return retries > 0 ? "retry" : "eta";
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put("name", name);
        node.put("queue", queue);
        node.put("priority", priority);
        node.put("due", due == null ? null : due.toString());
        node.put("retries", retries);
        node.put("kind", kind());
        node.put("held_by", heldBy);
        return node;
    }
}
