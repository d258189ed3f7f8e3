package io.celeriac.core.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Reads and writes kombu envelopes holding Celery protocol v2 task messages (PROTOCOL.md 1.1-1.5).
 * Decoding validates everything a Python worker would trip over (a 2-element body, no delivery tag,
 * a foreign content type) so that such a message is dead-lettered instead of crashing anyone.
 */
public final class MessageCodec {
    public static final String CONTENT_TYPE = "application/json";

    private final ObjectMapper json;

    public MessageCodec(ObjectMapper json) {
        this.json = json;
    }

    public ObjectMapper json() {
        return json;
    }

    /** Decodes one list element; throws {@link MalformedMessageException} with the reason. */
    public TaskMessage decode(String raw) {
        JsonNode envelope = readJson(raw, "envelope is not valid JSON", null);
        if (!envelope.isObject()) {
            throw new MalformedMessageException("envelope is not a JSON object", null);
        }
        JsonNode headersNode = envelope.get("headers");
        ObjectNode headers = headersNode instanceof ObjectNode h ? h : JsonNodeFactory.instance.objectNode();
        String id = text(headers, "id");
        String contentType = envelope.path("content-type").asText("");
        if (!CONTENT_TYPE.equals(contentType)) {
            throw new MalformedMessageException("unsupported content type '" + contentType + "' (only application/json is accepted)", id);
        }
        String task = text(headers, "task");
        if (task == null || task.isEmpty()) {
            throw new MalformedMessageException("no headers.task: not a Celery protocol v2 task message", id);
        }
        if (id == null || id.isEmpty()) {
            throw new MalformedMessageException("no headers.id", null);
        }
        if (headers.hasNonNull("compression")) {
            throw new MalformedMessageException("compressed bodies are not supported", id);
        }
        JsonNode propertiesNode = envelope.get("properties");
        if (!(propertiesNode instanceof ObjectNode properties)) {
            throw new MalformedMessageException("no properties object", id);
        }
        String deliveryTag = text(properties, "delivery_tag");
        if (deliveryTag == null || deliveryTag.isEmpty()) {
            throw new MalformedMessageException("no properties.delivery_tag", id);
        }
        ArrayNode body = decodeBody(envelope.get("body"), properties, id);
        JsonNode args = body.get(0);
        JsonNode kwargs = body.get(1);
        if (!(args instanceof ArrayNode) || !(kwargs instanceof ObjectNode)) {
            throw new MalformedMessageException("body must be [args list, kwargs object, embed]", id);
        }
        return new TaskMessage(id, task, (ArrayNode) args, (ObjectNode) kwargs, body.get(2),
                headers.path("retries").asInt(0),
                instant(headers, "eta", id), instant(headers, "expires", id),
                Math.max(0, Math.min(9, properties.path("priority").asInt(0))),
                properties.path("delivery_info").path("routing_key").asText(""),
                deliveryTag, headers, properties);
    }

    /** Writes the envelope of a message: base64 body, full headers and properties. */
    public String encode(TaskMessage message) {
        ArrayNode body = JsonNodeFactory.instance.arrayNode(3);
        body.add(message.args()).add(message.kwargs()).add(message.embed() == null ? emptyEmbed() : message.embed());
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        try {
            envelope.put("body", Base64.getEncoder().encodeToString(json.writeValueAsBytes(body)));
            envelope.put("content-encoding", "utf-8");
            envelope.put("content-type", CONTENT_TYPE);
            envelope.set("headers", message.headers());
            envelope.set("properties", message.properties());
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The embed Celery sends when there is no workflow: four nulls. */
    public static ObjectNode emptyEmbed() {
        ObjectNode embed = JsonNodeFactory.instance.objectNode();
        embed.putNull("callbacks");
        embed.putNull("errbacks");
        embed.putNull("chain");
        embed.putNull("chord");
        return embed;
    }

    private ArrayNode decodeBody(JsonNode bodyNode, JsonNode properties, String id) {
        if (bodyNode == null || bodyNode.isNull()) {
            throw new MalformedMessageException("no body", id);
        }
        JsonNode body;
        if (bodyNode.isTextual()) {
            String text = bodyNode.textValue();
            if ("base64".equals(properties.path("body_encoding").asText(""))) {
                try {
                    text = new String(Base64.getMimeDecoder().decode(text), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new MalformedMessageException("body is not valid base64", id);
                }
            }
            body = readJson(text, "body is not valid JSON", id);
        } else {
            body = bodyNode;
        }
        if (!(body instanceof ArrayNode array) || array.size() != 3) {
            int size = body.isArray() ? body.size() : -1;
            throw new MalformedMessageException(size < 0
                    ? "body is not a JSON array"
                    : "body has " + size + " elements; protocol v2 needs [args, kwargs, embed]", id);
        }
        return array;
    }

    private JsonNode readJson(String text, String reason, String id) {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new MalformedMessageException(reason + ": empty", id);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(reason + ": " + e.getOriginalMessage(), id);
        }
    }

    private static Instant instant(JsonNode headers, String field, String id) {
        String text = text(headers, field);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return CeleryTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException("headers." + field + " is not an ISO-8601 time: " + text, id);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
