package io.celeriac.core.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Celery's {@code task_*} switches that Celeriac honours, read from the top of the config file
 * under Celery's own names (so one settings vocabulary serves a mixed fleet); both off by default,
 * as in Celery:
 * <ul>
 *   <li>{@code task_send_sent_event}: every task this process sends is announced with a
 *       {@code task-sent} event (a client, and a worker for the tasks its tasks send);</li>
 *   <li>{@code task_track_started}: a worker records STARTED for every task it runs, not only for
 *       tasks that ask for it themselves.</li>
 * </ul>
 * A value that is not {@code true} or {@code false} is a {@link ConfigException} naming the key.
 */
public final class CeleryTaskConfig {
    public static final String TASK_SEND_SENT_EVENT = "task_send_sent_event";
    public static final String TASK_TRACK_STARTED = "task_track_started";

    private CeleryTaskConfig() {
    }

    public static boolean sendSentEvent(AppConfig config) {
        return bool(config.section(TASK_SEND_SENT_EVENT), TASK_SEND_SENT_EVENT);
    }

    public static boolean trackStarted(AppConfig config) {
        return bool(config.section(TASK_TRACK_STARTED), TASK_TRACK_STARTED);
    }

    /** Checks both keys once, when the file is loaded. */
    static void validate(AppConfig config) {
        sendSentEvent(config);
        trackStarted(config);
    }

    private static boolean bool(JsonNode node, String key) {
        if (node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new ConfigException(key + ": '" + node.asText() + "' is not true or false");
        }
        return node.booleanValue();
    }
}
