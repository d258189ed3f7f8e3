package io.celeriac.core.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One decoded Celery task message (protocol v2). The raw header and property objects are kept so a
 * retry or a restore re-sends every header it was given, including ones this version does not know
 * (stamps, for example).
 *
 * @param id          task id ({@code headers.id})
 * @param task        registered task name ({@code headers.task})
 * @param args        positional arguments
 * @param kwargs      keyword arguments
 * @param embed       callbacks, errbacks, chain and chord; may be a JSON null
 * @param retries     retries already done
 * @param eta         do not run before this instant, or null
 * @param expires     revoke instead of running after this instant, or null
 * @param priority    0-9, lower is served first on Redis
 * @param routingKey  the queue it was sent to ({@code delivery_info.routing_key})
 * @param deliveryTag unique per publish
 */
public record TaskMessage(
        String id,
        String task,
        ArrayNode args,
        ObjectNode kwargs,
        JsonNode embed,
        int retries,
        Instant eta,
        Instant expires,
        int priority,
        String routingKey,
        String deliveryTag,
        ObjectNode headers,
        ObjectNode properties) {

    public String rootId() {
        return textOrNull(headers.get("root_id"));
    }

    public String parentId() {
        return textOrNull(headers.get("parent_id"));
    }

    public String group() {
        return textOrNull(headers.get("group"));
    }

    public boolean ignoreResult() {
        return headers.path("ignore_result").asBoolean(false);
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
