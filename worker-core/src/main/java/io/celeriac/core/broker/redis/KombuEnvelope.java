package io.celeriac.core.broker.redis;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The envelope kombu's Redis transport wraps every message in: the JSON body base64-encoded, plus
 * headers and the delivery properties (exchange, routing key, a delivery tag). Remote-control
 * requests and replies and event messages all travel in it.
 *
 * @param body       the decoded payload (a control request, a reply, an event or a list of events)
 * @param headers    kombu headers ({@code ticket}, {@code clock}, {@code expires}, {@code hostname})
 * @param exchange   {@code delivery_info.exchange}
 * @param routingKey {@code delivery_info.routing_key}
 */
public record KombuEnvelope(JsonNode body, ObjectNode headers, String exchange, String routingKey) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads an envelope; a message that is not one fails with {@link IllegalArgumentException}. */
    public static KombuEnvelope parse(String text) {
        try {
            JsonNode envelope = JSON.readTree(text);
            if (envelope == null || !envelope.isObject() || !envelope.path("body").isTextual()) {
                throw new IllegalArgumentException("not a kombu message (no body)");
            }
            String raw = envelope.path("body").asText();
            String encoding = envelope.path("properties").path("body_encoding").asText("");
            String json = "base64".equals(encoding)
                    ? new String(Base64.getDecoder().decode(raw), StandardCharsets.UTF_8) : raw;
            JsonNode info = envelope.path("properties").path("delivery_info");
            JsonNode headers = envelope.path("headers");
            return new KombuEnvelope(JSON.readTree(json), headers.isObject() ? (ObjectNode) headers : JSON.createObjectNode(),
                    info.path("exchange").asText(""), info.path("routing_key").asText(""));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The envelope as kombu writes it. {@code persistent} is delivery mode 2 (control requests) or
     * 1 (replies, events).
     */
    public String write(String deliveryTag, boolean persistent) {
        return new String(writeBytes(deliveryTag, persistent), StandardCharsets.UTF_8);
    }

    /**
     * {@link #write} as UTF-8 bytes, made in one pass: the base64 body goes in as it is (it needs no
     * JSON escaping), where a string would be escaped, copied and encoded again. An event batch of a
     * busy worker is a megabyte of base64 every 100 ms, so those passes showed in its CPU profile.
     */
    public byte[] writeBytes(String deliveryTag, boolean persistent) {
        try {
            return writeBytes(JSON.writeValueAsBytes(body), headers, exchange, routingKey, deliveryTag, persistent);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a kombu envelope", e);
        }
    }

    /** An envelope around a body already written as JSON (a batch of events joined as they were written). */
    public static byte[] writeBytes(byte[] bodyJson, ObjectNode headers, String exchange, String routingKey,
                                    String deliveryTag, boolean persistent) {
        try {
            byte[] base64 = Base64.getEncoder().encode(bodyJson);
            ByteArrayOutputStream out = new ByteArrayOutputStream(base64.length + 512);
            try (JsonGenerator json = JSON.createGenerator(out)) {
                json.writeStartObject();
                json.writeFieldName("body");
                json.writeRawUTF8String(base64, 0, base64.length);
                json.writeStringField("content-encoding", "utf-8");
                json.writeStringField("content-type", "application/json");
                json.writeFieldName("headers");
                json.writeTree(headers);
                json.writeObjectFieldStart("properties");
                json.writeNumberField("delivery_mode", persistent ? 2 : 1);
                json.writeObjectFieldStart("delivery_info");
                json.writeStringField("exchange", exchange);
                json.writeStringField("routing_key", routingKey);
                json.writeEndObject();
                json.writeNumberField("priority", 0);
                json.writeStringField("body_encoding", "base64");
                json.writeStringField("delivery_tag", deliveryTag);
                json.writeEndObject();
                json.writeEndObject();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a kombu envelope", e);
        }
    }
}
