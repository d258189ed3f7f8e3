package io.celeriac.core.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a per-key limit finds its key in a task's message: a keyword argument by name
 * ({@code user_id}), or a positional one ({@code args[0]}). {@code user_id} also matches the first
 * positional argument when {@code position} says so, because Python callers often pass it that way.
 *
 * @param text     as configured
 * @param kwarg    the keyword argument's name, or null
 * @param position the positional argument's index, or -1
 */
public record LimitKey(String text, String kwarg, int position) {
    /** Keys longer than this (UTF-8 bytes) are refused: each key is a Redis key, and a key is an id, not a payload. */
    public static final int MAX_BYTES = 200;

    private static final Pattern POSITIONAL = Pattern.compile("args\\[(\\d{1,3})]");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");

    /** Null for none; an {@link InvalidLimitException} for a spec that names no argument. */
    public static LimitKey parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String spec = text.strip();
        Matcher positional = POSITIONAL.matcher(spec);
        if (positional.matches()) {
            return new LimitKey(spec, null, Integer.parseInt(positional.group(1)));
        }
        if (NAME.matcher(spec).matches()) {
            return new LimitKey(spec, spec, -1);
        }
        throw new InvalidLimitException("limit key '" + spec + "' is neither an argument name (user_id) nor a position (args[0])");
    }

    /** The key's value in a message, as text. */
    public String of(ArrayNode args, ObjectNode kwargs) {
        JsonNode value = kwarg != null ? kwargs == null ? null : kwargs.get(kwarg)
                : args == null ? null : args.get(position);
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw new KeyUnusableException("the task's message has no " + describe() + " for its limit key");
        }
        String key = value.isValueNode() ? value.asText() : value.toString();
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new KeyUnusableException("the limit key " + describe() + " is " + bytes + " bytes, over the "
                    + MAX_BYTES + " a key may have");
        }
        return key;
    }

    private String describe() {
        return kwarg != null ? "keyword argument '" + kwarg + "'" : "positional argument " + position;
    }

    /** A message whose key cannot be read: the task is dead-lettered with this reason. */
    public static final class KeyUnusableException extends io.celeriac.core.CeleriacException {
        public KeyUnusableException(String message) {
            super(message);
        }
    }
}
