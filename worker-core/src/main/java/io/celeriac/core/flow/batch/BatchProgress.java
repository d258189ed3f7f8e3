package io.celeriac.core.flow.batch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * Where a batch stands, as read from its hash.
 *
 * @param pending     tasks not ended yet (the sender's hold not counted)
 * @param adding      its sender has not finished adding its tasks (it cannot complete yet)
 * @param completedAt when every task had ended and on_complete was sent; null before
 * @param succeededAt when every task had succeeded and on_success was sent; null before (or never)
 */
public record BatchProgress(String id, String description, long total, long pending, long succeeded, long failed,
                            boolean adding, Instant createdAt, Instant completedAt, Instant succeededAt) {

    /** adding, running, complete (ended, some failed) or succeeded. */
    public String state() {
        return succeededAt != null ? "succeeded" : completedAt != null ? "complete" : adding ? "adding" : "running";
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put("description", description);
        node.put("state", state());
        node.put("total", total);
        node.put("pending", pending);
        node.put("succeeded", succeeded);
        node.put("failed", failed);
        node.put("created_at", text(createdAt));
        node.put("completed_at", text(completedAt));
        node.put("succeeded_at", text(succeededAt));
        return node;
    }

    private static String text(Instant time) {
        return time == null ? null : time.toString();
    }

    /** From the batch hash's fields (see complete.lua); null when the hash is gone. */
    public static BatchProgress fromHash(Map<String, String> fields) {
        if (fields == null || !fields.containsKey("id")) {
            return null;
        }
        boolean adding = fields.containsKey("hold");
        return new BatchProgress(fields.get("id"), fields.getOrDefault("description", ""), number(fields, "total"),
                Math.max(0, number(fields, "pending") - (adding ? 1 : 0)), number(fields, "succeeded"), number(fields, "failed"),
                adding, time(fields, "created_at"), time(fields, "complete_at"), time(fields, "success_at"));
    }

    private static long number(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static Instant time(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null ? null : Instant.ofEpochMilli(Long.parseLong(value));
    }
}
