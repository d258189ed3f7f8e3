package io.celeriac.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of one mapping of the config file. A value of the wrong type is an error naming the
 * key, never coerced: {@code result_extended: "yes"} used to read as false and a scalar
 * {@code queues:} was ignored. Errors are {@link IllegalArgumentException}s; the loader adds the
 * file's name.
 */
public final class ConfigValues {
    private final JsonNode section;
    private final String prefix;

    /** Reads the top level of the file. */
    public ConfigValues(JsonNode section) {
        this(section, "");
    }

    /** Reads a section; {@code name} prefixes the keys in messages ({@code email.batch_size}). */
    public ConfigValues(JsonNode section, String name) {
        this.section = section;
        this.prefix = name.isEmpty() ? "" : name + ".";
    }

    private JsonNode value(String key) {
        JsonNode node = section.path(key);
        return node.isMissingNode() || node.isNull() ? null : node;
    }

    public String text(String key, String fallback) {
        JsonNode node = value(key);
        if (node == null) {
            return fallback;
        }
        if (!node.isValueNode() || node.isBoolean()) {
            throw wrongType(key, node, "a string");
        }
        return node.asText();
    }

    public boolean bool(String key, boolean fallback) {
        JsonNode node = value(key);
        if (node == null) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw wrongType(key, node, "true or false");
        }
        return node.booleanValue();
    }

    /** A whole number in [min, max]. */
    public long integer(String key, long fallback, long min, long max) {
        JsonNode node = value(key);
        if (node == null) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(key, node, "a whole number");
        }
        long n = node.longValue();
        if (n < min || n > max) {
            throw new IllegalArgumentException(prefix + key + ": " + n + " is out of range (" + min + " to " + max + ")");
        }
        return n;
    }

    /** A list of strings; a single string is refused (it is almost always a missing dash). */
    public List<String> texts(String key) {
        JsonNode node = value(key);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw wrongType(key, node, "a list (queues: [a, b] or one '- name' per line)");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw wrongType(key + "[" + out.size() + "]", item, "a string");
            }
            out.add(item.asText());
        }
        return out;
    }

    /** A duration ({@code 30s}, {@code 5m}; a bare number is seconds) of at most {@code max}. */
    public Duration duration(String key, Duration fallback, Duration max) {
        JsonNode node = value(key);
        if (node == null) {
            return fallback;
        }
        if (!node.isTextual() && !node.isNumber()) {
            throw wrongType(key, node, "a duration (examples: 500ms, 30s, 5m, 2h, 1d)");
        }
        Duration d;
        try {
            d = Durations.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + key + ": " + e.getMessage(), e);
        }
        if (d.compareTo(max) > 0) {
            throw new IllegalArgumentException(prefix + key + ": " + node.asText() + " is too long (at most " + Durations.format(max) + ")");
        }
        return d;
    }

    private IllegalArgumentException wrongType(String key, JsonNode node, String expected) {
        String shown = node.isContainerNode() ? (node.isArray() ? "a list" : "a mapping") : "'" + node.asText() + "'";
        return new IllegalArgumentException(prefix + key + ": " + shown + " is not " + expected);
    }
}
