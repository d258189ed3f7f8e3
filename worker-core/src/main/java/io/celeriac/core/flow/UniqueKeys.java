package io.celeriac.core.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A unique task's key and its {@code celeriac_unique} header. A key derived from the arguments is
 * {@code task:<name>:<sha-256 of the canonical JSON [args, kwargs]>}, so the same call made with
 * kwargs in another order, or from Python, gives the same key. The header, what a Python sender
 * writes too: {@code {"key": "...", "mode": "until_executed", "ttl": 3600}} (ttl in seconds).
 */
public final class UniqueKeys {
    /** The message header that asks for uniqueness. */
    public static final String HEADER = "celeriac_unique";
    public static final int MAX_KEY_LENGTH = 256;

    private UniqueKeys() {
    }

    /** What a worker reads from the header. */
    public record Lock(String key, UniqueMode mode, Duration ttl) {
    }

    /** The key of one send. */
    public static String keyOf(Unique unique, String task, String taskId, JsonNode args, JsonNode kwargs) {
        if (unique.byId()) {
            return "id:" + taskId;
        }
        if (unique.key() != null) {
            return "key:" + unique.key();
        }
        if (!unique.kwargs().isEmpty()) {
            ObjectNode chosen = JsonNodeFactory.instance.objectNode();
            for (String name : unique.kwargs()) {
                if (kwargs == null || !kwargs.has(name)) {
                    throw new IllegalArgumentException("the unique key of " + task + " is made of keyword argument '"
                            + name + "', which this send lacks");
                }
                chosen.set(name, kwargs.get(name));
            }
            StringBuilder canonical = new StringBuilder();
            canonical(chosen, canonical);
            return checkKey("task:" + task + ":kw:" + sha256(canonical.toString()));
        }
        StringBuilder canonical = new StringBuilder();
        canonical.append('[');
        canonical(args, canonical);
        canonical.append(',');
        canonical(kwargs, canonical);
        canonical.append(']');
        return checkKey("task:" + task + ":" + sha256(canonical.toString()));
    }

    /** @throws IllegalArgumentException for a blank, huge or control-character key */
    public static String checkKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a unique key must not be blank");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a unique key is at most " + MAX_KEY_LENGTH + " characters, got " + key.length());
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                throw new IllegalArgumentException("a unique key must not contain control characters");
            }
        }
        return key;
    }

    public static ObjectNode header(String key, UniqueMode mode, Duration ttl) {
        return JsonNodeFactory.instance.objectNode().put("key", key).put("mode", mode.wireName())
                .put("ttl", ttl.toMillis() / 1000.0);
    }

    /**
     * The lock a message asks for, or null when it asks for none.
     *
     * @throws IllegalArgumentException when the header is there but malformed (the message is then
     *                                  dead-lettered with this reason)
     */
    public static Lock read(JsonNode header) {
        if (header == null || header.isNull() || header.isMissingNode()) {
            return null;
        }
        if (!header.isObject() || !header.path("key").isTextual()) {
            throw new IllegalArgumentException(HEADER + " must be an object with a text key, got " + header);
        }
        String key = checkKey(header.path("key").asText());
        UniqueMode mode = UniqueMode.fromWire(header.path("mode").asText(UniqueMode.UNTIL_EXECUTED.wireName()));
        JsonNode ttl = header.path("ttl");
        if (!ttl.isNumber() || ttl.asDouble() <= 0) {
            throw new IllegalArgumentException(HEADER + ".ttl must be a positive number of seconds, got " + ttl);
        }
        return new Lock(key, mode, Duration.ofMillis(Math.max(1, Math.round(ttl.asDouble() * 1000))));
    }

    /** JSON with object fields sorted by name at every depth: one text per value, whatever the order sent. */
    static void canonical(JsonNode node, StringBuilder out) {
        if (node == null || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                sorted.put(field.getKey(), field.getValue());
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(JsonNodeFactory.instance.textNode(field.getKey()).toString()).append(':');
                canonical(field.getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                canonical(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
