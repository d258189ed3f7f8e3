package io.celeriac.core.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What the dead-letter list holds: the message exactly as received (so it can be requeued byte for
 * byte, even when it is not valid JSON), why it died, and where it came from.
 *
 * @param taskId null when the message was too broken to name its task
 * @param task   null likewise
 */
public record DeadLetterEntry(String reason, String queue, String taskId, String task, Instant at, String raw) {

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("reason", reason);
        node.put("queue", queue);
        node.put("task_id", taskId);
        node.put("task", task);
        node.put("at", at.toEpochMilli());
        node.put("message", raw);
        return node;
    }

    public static DeadLetterEntry fromJson(JsonNode node) {
        return new DeadLetterEntry(node.path("reason").asText(""), node.path("queue").asText(null),
                node.path("task_id").asText(null), node.path("task").asText(null),
                Instant.ofEpochMilli(node.path("at").asLong()), node.path("message").asText(""));
    }
}
