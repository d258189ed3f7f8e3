package io.celeriac.core.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.internal.LogSafe;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads and writes kombu envelopes holding Celery protocol v2 task messages (PROTOCOL.md 1.1-1.5).
 * Decoding validates everything a Python worker would trip over (a 2-element body, no delivery tag,
 * a foreign content type) and everything a hostile sender could use against us (size, nesting,
 * duplicate keys, fields of the wrong type, dates no arithmetic can hold), so that such a message
 * is dead-lettered with a reason naming the field or the limit instead of hurting anyone.
 *
 * <p>Non-finite floats travel as kombu's JSON writes them ({@code NaN}, {@code Infinity},
 * {@code -Infinity}, bare tokens that Python's {@code json} reads back), in both directions.
 */
public final class MessageCodec {
    public static final String CONTENT_TYPE = "application/json";

    private final ObjectMapper json;
    /** For what comes off the wire: limits, strict duplicate detection, non-finite floats. */
    private final ObjectMapper wire;
    /** For what we write: non-finite floats as bare tokens, as Python writes them. */
    private final ObjectMapper writer;
    private final MessageLimits limits;

    public MessageCodec(ObjectMapper json) {
        this(json, MessageLimits.defaults());
    }

    public MessageCodec(ObjectMapper json, MessageLimits limits) {
        this.json = json;
        this.limits = limits;
        JsonFactory wireFactory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(limits.maxMessageBytes())
                        .maxNestingDepth(limits.maxNestingDepth())
                        .build())
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.wire = json.copyWith(wireFactory);
        this.writer = json.copyWith(JsonFactory.builder().disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build());
    }

    public ObjectMapper json() {
        return json;
    }

    public MessageLimits limits() {
        return limits;
    }

    /** Decodes one list element; throws {@link MalformedMessageException} with the reason. */
    public TaskMessage decode(String raw) {
        return decode(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes one list element as Redis returned it. */
    public TaskMessage decode(byte[] raw) {
        if (raw.length > limits.maxMessageBytes()) {
            throw new MalformedMessageException(oversize(raw.length, limits.maxMessageBytes()), null);
        }
        EnvelopeFields f = fields(raw);
        if (!f.isObject) {
            throw new MalformedMessageException("envelope is not a JSON object", null);
        }
        String id = f.id;
        if (f.problem != null) {
            throw new MalformedMessageException(f.problem, validId(id) ? id : null);
        }
        if (id == null || id.isEmpty()) {
            throw new MalformedMessageException(f.task == null ? "no headers.task: not a Celery protocol v2 task message" : "no headers.id", null);
        }
        if (!validId(id)) {
            throw new MalformedMessageException("headers.id is not a usable task id (over 256 characters or holding control characters): "
                    + LogSafe.of(id, 64), null);
        }
        if (!CONTENT_TYPE.equals(f.contentType)) {
            throw new MalformedMessageException("unsupported content type '" + LogSafe.of(f.contentType == null ? "" : f.contentType, 64)
                    + "' (only application/json is accepted)", id);
        }
        if (f.task == null || f.task.isEmpty()) {
            throw new MalformedMessageException("no headers.task: not a Celery protocol v2 task message", id);
        }
        String nameProblem = limits.taskNameProblem(f.task);
        if (nameProblem != null) {
            throw new MalformedMessageException(nameProblem, id);
        }
        if (f.compression != null) {
            throw new MalformedMessageException("compressed bodies are not supported (headers.compression '"
                    + LogSafe.of(f.compression, 32) + "')", id);
        }
        if (!f.hasProperties) {
            throw new MalformedMessageException("no properties object", id);
        }
        if (f.deliveryTag == null || f.deliveryTag.isEmpty()) {
            throw new MalformedMessageException("no properties.delivery_tag", id);
        }
        ArrayNode body = new BodyReader(wire, limits, f, id).read(raw);
        JsonNode args = body.get(0);
        JsonNode kwargs = body.get(1);
        if (!(args instanceof ArrayNode) || !(kwargs instanceof ObjectNode)) {
            throw new MalformedMessageException("body must be [args list, kwargs object, embed]", id);
        }
        return new TaskMessage(id, f.task, (ArrayNode) args, (ObjectNode) kwargs, body.get(2), f.retries,
                CeleryTime.parseField(f.eta, "headers.eta", id), CeleryTime.parseField(f.expires, "headers.expires", id),
                Math.max(0, Math.min(9, f.priority)), f.routingKey == null ? "" : f.routingKey, f.deliveryTag,
                f.rootId, f.parentId, f.group, f.ignoreResult, f.sentMillis,
                seconds(f.hardLimitSeconds), seconds(f.softLimitSeconds), () -> trees(raw)).reprs(f.argsRepr, f.kwargsRepr);
    }

    /** The reason given for a message over {@code max_message_size} (the fetch script says the same). */
    public static String oversize(long bytes, long limit) {
        return "message is " + bytes + " bytes, over the limit of " + limit + " (max_message_size)";
    }

    private EnvelopeFields fields(byte[] raw) {
        try (JsonParser parser = wire.getFactory().createParser(raw)) {
            EnvelopeFields f = EnvelopeFields.read(parser);
            if (f.isObject && parser.nextToken() != null) {
                throw new MalformedMessageException("envelope is not valid JSON: trailing content after the object", null);
            }
            return f;
        } catch (IOException e) {
            throw new MalformedMessageException(jsonProblem("envelope", e, limits), null);
        }
    }

    /** Why a JSON text could not be read, naming the limit when one was hit. */
    static String jsonProblem(String what, IOException e, MessageLimits limits) {
        if (e instanceof StreamConstraintsException c) {
            String text = c.getOriginalMessage();
            if (text.contains("nesting depth")) {
                return what + " nests deeper than the limit of " + limits.maxNestingDepth() + " (max_nesting_depth)";
            }
            return what + " exceeds a size limit: " + LogSafe.of(text, 160);
        }
        if (e instanceof CharConversionException) {
            return what + " is not valid UTF-8: " + LogSafe.of(e.getMessage(), 120);
        }
        String text = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        if (text != null && text.startsWith("Invalid UTF-8")) {
            return what + " is not valid UTF-8: " + LogSafe.of(text, 120);
        }
        if (text != null && text.startsWith("Duplicate field")) {
            return what + " is not valid JSON: duplicate field" + LogSafe.of(text.substring("Duplicate field".length()), 120);
        }
        return what + " is not valid JSON: " + LogSafe.of(text, 160);
    }

    private static java.time.Duration seconds(double value) {
        return value > 0 ? java.time.Duration.ofMillis(Math.round(value * 1000)) : null;
    }

    private static boolean validId(String id) {
        if (id == null || id.length() > 256) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Writes the envelope of a message: base64 body, full headers and properties. */
    public String encode(TaskMessage message) {
        return new String(encodeBytes(message), StandardCharsets.UTF_8);
    }

    /** A JSON tree as UTF-8 bytes (a stored result): no String in between; non-finite floats bare. */
    public byte[] jsonBytes(JsonNode node) {
        try {
            return writer.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** {@link #encode} as UTF-8 bytes, the form the broker sends. */
    public byte[] encodeBytes(TaskMessage message) {
        ArrayNode body = JsonNodeFactory.instance.arrayNode(3);
        body.add(message.args()).add(message.kwargs()).add(message.embed() == null ? emptyEmbed() : message.embed());
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("body", Base64.getEncoder().encodeToString(jsonBytes(body)));
        envelope.put("content-encoding", "utf-8");
        envelope.put("content-type", CONTENT_TYPE);
        envelope.set("headers", message.headers());
        envelope.set("properties", message.properties());
        return jsonBytes(envelope);
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

    /** Headers and properties of an envelope that decoded once (so they are objects, and unique). */
    private ObjectNode[] trees(byte[] raw) {
        try {
            JsonNode envelope = wire.readTree(raw);
            return new ObjectNode[] {(ObjectNode) envelope.get("headers"), (ObjectNode) envelope.get("properties")};
        } catch (IOException e) {
            throw new IllegalStateException("an envelope that decoded once decodes again", e);
        }
    }
}
