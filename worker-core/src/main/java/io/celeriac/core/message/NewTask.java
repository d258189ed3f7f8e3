package io.celeriac.core.message;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Builds the messages we publish, with the full header set of PROTOCOL.md 1.2 so Python tooling
 * sees what it expects, and the retry copy of a received message (same id, retries + 1, new eta).
 */
public final class NewTask {
    /**
     * When the message was sent (epoch ms): our own header, passed through untouched by Python, so
     * workers can measure enqueue-to-start latency.
     */
    public static final String SENT_HEADER = "celeriac_sent";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private NewTask() {
    }

    /**
     * A fresh message.
     *
     * @param origin node name of the sender, {@code gen<pid>@<host>} for clients
     */
    public static TaskMessage create(String id, String task, ArrayNode args, ObjectNode kwargs, String queue,
                                     int priority, Instant eta, Instant expires, boolean ignoreResult,
                                     String origin, String deliveryTag, String parentId, String rootId) {
        return create(id, task, args, kwargs, queue, priority, eta, expires, ignoreResult, origin, deliveryTag, parentId, rootId, null);
    }

    /** A fresh message stamped with the time it was sent. */
    public static TaskMessage create(String id, String task, ArrayNode args, ObjectNode kwargs, String queue,
                                     int priority, Instant eta, Instant expires, boolean ignoreResult,
                                     String origin, String deliveryTag, String parentId, String rootId, Instant sent) {
        ObjectNode headers = NODES.objectNode();
        headers.put("lang", "py");
        headers.put("task", task);
        headers.put("id", id);
        headers.putNull("shadow");
        putTime(headers, "eta", eta);
        putTime(headers, "expires", expires);
        headers.putNull("group");
        headers.putNull("group_index");
        headers.put("retries", 0);
        headers.putArray("timelimit").addNull().addNull();
        headers.put("root_id", rootId == null ? id : rootId);
        headers.put("parent_id", parentId);
        headers.put("argsrepr", PythonRepr.of(args));
        headers.put("kwargsrepr", PythonRepr.of(kwargs));
        headers.put("origin", origin);
        headers.put("ignore_result", ignoreResult);
        if (sent != null) {
            headers.put(SENT_HEADER, sent.toEpochMilli());
        }
        int clamped = Math.max(0, Math.min(9, priority));
        ObjectNode properties = NODES.objectNode();
        properties.put("correlation_id", id);
        properties.put("reply_to", "");
        properties.put("delivery_mode", 2);
        ObjectNode deliveryInfo = properties.putObject("delivery_info");
        deliveryInfo.put("exchange", "");
        deliveryInfo.put("routing_key", queue);
        properties.put("priority", clamped);
        properties.put("body_encoding", "base64");
        properties.put("delivery_tag", deliveryTag);
        return TaskMessage.of(headers, properties, args, kwargs, MessageCodec.emptyEmbed());
    }

    /** The retry of a received message: Celery's {@code Task.retry} semantics (PROTOCOL.md 4). */
    public static TaskMessage retryOf(TaskMessage received, Instant eta, String deliveryTag, String queue) {
        ObjectNode headers = received.headers().deepCopy();
        headers.put("retries", received.retries() + 1);
        putTime(headers, "eta", eta);
        headers.put("parent_id", received.id());
        if (!headers.hasNonNull("root_id")) {
            headers.put("root_id", received.id());
        }
        headers.remove("redelivered");
        headers.remove(SENT_HEADER); // a retry's latency counts from its eta
        ObjectNode properties = received.properties().deepCopy();
        properties.put("delivery_tag", deliveryTag);
        ObjectNode deliveryInfo = NODES.objectNode();
        deliveryInfo.put("exchange", "");
        deliveryInfo.put("routing_key", queue);
        properties.set("delivery_info", deliveryInfo);
        return TaskMessage.of(headers, properties, received.args(), received.kwargs(), received.embed());
    }

    private static void putTime(ObjectNode headers, String field, Instant value) {
        if (value == null) {
            headers.putNull(field);
        } else {
            headers.put(field, CeleryTime.format(value));
        }
    }
}
