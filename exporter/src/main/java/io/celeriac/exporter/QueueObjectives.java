package io.celeriac.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.config.ConfigException;
import io.celeriac.core.config.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long a message may wait in each queue before that is a problem, from the config's
 * {@code exporter} section: {@code queue_age_objective} (every queue, 5m by default) and
 * {@code queue_age_objectives.<queue>}. Exported beside the ages, so one alert rule serves every
 * queue and the objectives live next to the queues they are about.
 */
record QueueObjectives(Duration fallback, Map<String, Duration> perQueue) {
    static final Duration DEFAULT = Duration.ofMinutes(5);

    QueueObjectives {
        perQueue = Map.copyOf(perQueue);
    }

    Duration of(String queue) {
        return perQueue.getOrDefault(queue, fallback);
    }

    /** Reads the {@code exporter} section (missing: the defaults); a bad value is a {@link ConfigException}. */
    static QueueObjectives from(JsonNode section) {
        Duration fallback = duration(section.path("queue_age_objective"), "exporter.queue_age_objective", DEFAULT);
        Map<String, Duration> perQueue = new LinkedHashMap<>();
        JsonNode each = section.path("queue_age_objectives");
        if (!each.isMissingNode() && !each.isNull() && !each.isObject()) {
            throw new ConfigException("exporter.queue_age_objectives must be a mapping of queue names to durations");
        }
        each.properties().forEach(e -> perQueue.put(e.getKey(),
                duration(e.getValue(), "exporter.queue_age_objectives." + e.getKey(), null)));
        return new QueueObjectives(fallback, perQueue);
    }

    private static Duration duration(JsonNode node, String key, Duration fallback) {
        if (node.isMissingNode() || node.isNull()) {
            if (fallback == null) {
                throw new ConfigException(key + " needs a duration such as 90s or 5m");
            }
            return fallback;
        }
        if (!node.isTextual()) {
            throw new ConfigException(key + " must be a duration such as 90s or 5m, got " + node);
        }
        Duration value;
        try {
            value = Durations.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(key + " must be more than zero, got " + node.asText());
        }
        return value;
    }
}
