package io.celeriac.core.message;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
        return decode(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes one list element as Redis returned it. */
    public TaskMessage decode(byte[] raw) {
        EnvelopeFields f;
        try (JsonParser parser = json.getFactory().createParser(raw)) {
            f = EnvelopeFields.read(parser);
            if (f.isObject && parser.nextToken() != null) {
                throw new MalformedMessageException("envelope is not valid JSON: trailing content", null);
            }
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("envelope is not valid JSON: " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw new MalformedMessageException("envelope is not valid JSON: " + e.getMessage(), null);
        }
        if (!f.isObject) {
            throw new MalformedMessageException("envelope is not a JSON object", null);
        }
        String id = f.id;
        if (!CONTENT_TYPE.equals(f.contentType)) {
            throw new MalformedMessageException("unsupported content type '" + (f.contentType == null ? "" : f.contentType)
                    + "' (only application/json is accepted)", id);
        }
        if (f.task == null || f.task.isEmpty()) {
            throw new MalformedMessageException("no headers.task: not a Celery protocol v2 task message", id);
        }
        if (id == null || id.isEmpty()) {
            throw new MalformedMessageException("no headers.id", null);
        }
        if (f.compressed) {
            throw new MalformedMessageException("compressed bodies are not supported", id);
        }
        if (!f.hasProperties) {
            throw new MalformedMessageException("no properties object", id);
        }
        if (f.deliveryTag == null || f.deliveryTag.isEmpty()) {
            throw new MalformedMessageException("no properties.delivery_tag", id);
        }
        ArrayNode body = decodeBody(f, raw, id);
        JsonNode args = body.get(0);
        JsonNode kwargs = body.get(1);
        if (!(args instanceof ArrayNode) || !(kwargs instanceof ObjectNode)) {
            throw new MalformedMessageException("body must be [args list, kwargs object, embed]", id);
        }
        return new TaskMessage(id, f.task, (ArrayNode) args, (ObjectNode) kwargs, body.get(2), f.retries,
                instant(f.eta, "eta", id), instant(f.expires, "expires", id), Math.max(0, Math.min(9, f.priority)),
                f.routingKey == null ? "" : f.routingKey, f.deliveryTag, f.rootId, f.parentId, f.group,
                f.ignoreResult, f.sentMillis,
                f.timeLimitSeconds > 0 ? Duration.ofMillis(Math.round(f.timeLimitSeconds * 1000)) : null, () -> trees(raw));
    }

    /** Writes the envelope of a message: base64 body, full headers and properties. */
    public String encode(TaskMessage message) {
        return new String(encodeBytes(message), StandardCharsets.UTF_8);
    }

    /** A JSON tree as UTF-8 bytes (a stored result): no String in between. */
    public byte[] jsonBytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** {@link #encode} as UTF-8 bytes, the form the broker sends. */
    public byte[] encodeBytes(TaskMessage message) {
        ArrayNode body = JsonNodeFactory.instance.arrayNode(3);
        body.add(message.args()).add(message.kwargs()).add(message.embed() == null ? emptyEmbed() : message.embed());
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        try {
            envelope.put("body", Base64.getEncoder().encodeToString(json.writeValueAsBytes(body)));
            envelope.put("content-encoding", "utf-8");
            envelope.put("content-type", CONTENT_TYPE);
            envelope.set("headers", message.headers());
            envelope.set("properties", message.properties());
            return json.writeValueAsBytes(envelope);
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

    private ObjectNode[] trees(byte[] raw) {
        try {
            JsonNode envelope = json.readTree(raw);
            return new ObjectNode[] {(ObjectNode) envelope.get("headers"), (ObjectNode) envelope.get("properties")};
        } catch (IOException e) {
            throw new IllegalStateException("an envelope that decoded once decodes again", e);
        }
    }

    private ArrayNode decodeBody(EnvelopeFields f, byte[] raw, String id) {
        JsonNode body;
        if (f.bodyIsText) {
            byte[] text;
            if ("base64".equals(f.bodyEncoding)) {
                try {
                    text = Base64.getMimeDecoder().decode(f.body);
                } catch (IllegalArgumentException e) {
                    throw new MalformedMessageException("body is not valid base64", id);
                }
            } else {
                text = f.body.getBytes(StandardCharsets.UTF_8);
            }
            body = readJson(text, "body is not valid JSON", id);
        } else {
            // a body given as a JSON value rather than a string (tolerated, never written)
            JsonNode whole = readJson(raw, "envelope is not valid JSON", id);
            body = whole.get("body");
            if (body == null || body.isNull()) {
                throw new MalformedMessageException("no body", id);
            }
        }
        if (!(body instanceof ArrayNode array) || array.size() != 3) {
            int size = body.isArray() ? body.size() : -1;
            throw new MalformedMessageException(size < 0
                    ? "body is not a JSON array"
                    : "body has " + size + " elements; protocol v2 needs [args, kwargs, embed]", id);
        }
        return array;
    }

    private JsonNode readJson(byte[] text, String reason, String id) {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new MalformedMessageException(reason + ": empty", id);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(reason + ": " + e.getOriginalMessage(), id);
        } catch (IOException e) {
            throw new MalformedMessageException(reason + ": " + e.getMessage(), id);
        }
    }

    private static Instant instant(String text, String field, String id) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return CeleryTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException("headers." + field + " is not an ISO-8601 time: " + text, id);
        }
    }
}
