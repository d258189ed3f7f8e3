package io.celeriac.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.message.MessageLimits;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The config keys of {@link MessageLimits}: {@code max_message_size} (bytes, or with a unit:
 * {@code 512KB}, {@code 4MB}), {@code max_nesting_depth} and {@code max_task_name_length}. Absent
 * keys keep the defaults; a value of the wrong type or out of range is a {@link ConfigException}.
 */
public final class MessageLimitsConfig {
    public static final String MAX_MESSAGE_SIZE = "max_message_size";
    public static final String MAX_NESTING_DEPTH = "max_nesting_depth";
    public static final String MAX_TASK_NAME_LENGTH = "max_task_name_length";
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib)?");

    private MessageLimitsConfig() {
    }

    public static MessageLimits from(AppConfig config) {
        int size = config.section(MAX_MESSAGE_SIZE).isMissingNode() ? MessageLimits.DEFAULT_MAX_MESSAGE_BYTES
                : bytes(config.section(MAX_MESSAGE_SIZE));
        int depth = integer(config.section(MAX_NESTING_DEPTH), MAX_NESTING_DEPTH, MessageLimits.DEFAULT_MAX_NESTING_DEPTH);
        int name = integer(config.section(MAX_TASK_NAME_LENGTH), MAX_TASK_NAME_LENGTH, MessageLimits.DEFAULT_MAX_TASK_NAME_LENGTH);
        try {
            return new MessageLimits(size, depth, name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** {@code 4194304}, {@code 4MB} (MiB: 1024 x 1024), {@code 512KB}. */
    static int bytes(JsonNode node) {
        String text = node.isNumber() ? node.asText() : node.isTextual() ? node.asText().strip().toLowerCase(Locale.ROOT) : "";
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new ConfigException(MAX_MESSAGE_SIZE + ": '" + node.asText() + "' is not a size (examples: 4194304, 512KB, 4MB)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long multiplier = unit.startsWith("k") ? 1024 : unit.startsWith("m") ? 1024 * 1024 : 1;
        if (amount > Integer.MAX_VALUE / multiplier) {
            throw new ConfigException(MAX_MESSAGE_SIZE + ": " + node.asText() + " is too large (at most 256MB)");
        }
        return (int) (amount * multiplier);
    }

    private static int integer(JsonNode node, String key, int fallback) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new ConfigException(key + ": '" + node.asText() + "' is not a whole number");
        }
        return node.asInt();
    }
}
