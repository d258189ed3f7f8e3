package io.celeriac.core.broker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * What the dead-letter list holds: the message exactly as received, why it died, and where it came
 * from.
 *
 * <p>Stored form: one line of JSON metadata ({@code reason, queue, task_id, task, at}), a newline,
 * then the message's bytes unchanged. JSON escapes every newline inside the metadata, so the first
 * newline always ends it, and the message after it is byte-exact whatever it holds (invalid UTF-8,
 * NUL bytes, a body in latin-1): requeuing gives back exactly what was received. The delayed set
 * uses the same "header, newline, envelope" shape. Entries written before this form (one JSON
 * object with the message as the {@code message} string) still decode.
 *
 * @param taskId null when the message was too broken to name its task
 * @param task   null likewise
 * @param raw    the message as received (or, for a workflow step that could not be sent, the step)
 */
public record DeadLetterEntry(String reason, String queue, String taskId, String task, Instant at, byte[] raw) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public DeadLetterEntry(String reason, String queue, String taskId, String task, Instant at, String raw) {
        this(reason, queue, taskId, task, at, raw == null ? new byte[0] : raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The metadata line, without the message. */
    public ObjectNode header() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("reason", reason);
        node.put("queue", queue);
        node.put("task_id", taskId);
        node.put("task", task);
        node.put("at", at.toEpochMilli());
        return node;
    }

    /** The form stored in the dead-letter list. */
    public byte[] encode() {
        byte[] head;
        try {
            head = JSON.writeValueAsBytes(header());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        byte[] out = Arrays.copyOf(head, head.length + 1 + raw.length);
        out[head.length] = '\n';
        System.arraycopy(raw, 0, out, head.length + 1, raw.length);
        return out;
    }

    /** Reads a stored entry; null when it is neither form (not written by Celeriac). */
    public static DeadLetterEntry decode(byte[] stored) {
        int newline = indexOf(stored, (byte) '\n');
        try {
            if (newline < 0) {
                JsonNode legacy = JSON.readTree(stored);
                return legacy != null && legacy.isObject() ? fromHeader(legacy, legacy.path("message").asText("").getBytes(StandardCharsets.UTF_8)) : null;
            }
            JsonNode header = JSON.readTree(stored, 0, newline);
            return header != null && header.isObject() ? fromHeader(header, Arrays.copyOfRange(stored, newline + 1, stored.length)) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static DeadLetterEntry fromHeader(JsonNode node, byte[] raw) {
        return new DeadLetterEntry(node.path("reason").asText(""), node.path("queue").asText(null),
                node.path("task_id").asText(null), node.path("task").asText(null),
                Instant.ofEpochMilli(node.path("at").asLong()), raw);
    }

    /** The message as text when it is valid UTF-8, else null (see {@link #rawBase64()}). */
    public String rawText() {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    public String rawBase64() {
        return Base64.getEncoder().encodeToString(raw);
    }

    /**
     * The entry as one JSON object for people and scripts: the metadata plus the message as
     * {@code message} (text) when it is valid UTF-8, else as {@code message_base64}.
     */
    public ObjectNode toJson() {
        ObjectNode node = header();
        String text = rawText();
        if (text != null) {
            node.put("message", text);
        } else {
            node.put("message_base64", rawBase64());
        }
        return node;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeadLetterEntry e && java.util.Objects.equals(reason, e.reason)
                && java.util.Objects.equals(queue, e.queue) && java.util.Objects.equals(taskId, e.taskId)
                && java.util.Objects.equals(task, e.task) && java.util.Objects.equals(at, e.at) && Arrays.equals(raw, e.raw);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(reason, queue, taskId, task, at, Arrays.hashCode(raw));
    }

    @Override
    public String toString() {
        return "DeadLetterEntry[reason=" + reason + ", queue=" + queue + ", taskId=" + taskId + ", task=" + task
                + ", at=" + at + ", raw=" + raw.length + " bytes]";
    }
}
