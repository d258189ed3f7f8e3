package io.celeriac.core.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskMessage;
import java.time.Instant;
import java.util.List;

/**
 * Everything known about one task.
 *
 * @param state        one word: running, reserved, awaiting-recovery, queued, delayed, python-unacked,
 *                     dead, finished or unknown
 * @param message      the message as found in the first location, or null
 * @param result       the stored result, or null
 * @param revokedUntil when its revocation lapses, or null when it is not revoked
 * @param whyNotRunning empty when it runs or has finished
 */
public record TaskReport(String taskId, String state, TaskMessage message, List<TaskLocation> locations,
                         ResultMeta result, Instant revokedUntil, List<String> whyNotRunning) {

    /** Task payloads (args, kwargs) are left out: they may hold personal data. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("task_id", taskId);
        node.put("state", state);
        if (message != null) {
            node.put("name", message.task());
            node.put("retries", message.retries());
            node.put("priority", message.priority());
            node.put("eta", message.eta() == null ? null : message.eta().toString());
            node.put("expires", message.expires() == null ? null : message.expires().toString());
        } else {
            node.putNull("name");
        }
        ArrayNode where = node.putArray("locations");
        locations.forEach(l -> where.add(l.toJson()));
        node.set("result", result == null ? JsonNodeFactory.instance.nullNode() : result.toJson());
        node.put("revoked_until", revokedUntil == null ? null : revokedUntil.toString());
        whyNotRunning.forEach(node.putArray("why_not_running")::add);
        return node;
    }
}
