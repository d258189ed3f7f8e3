package io.celeriac.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.celeriac.core.config.ConfigException;
import io.celeriac.core.config.Durations;
import java.time.Duration;

/**
 * The {@code maintenance:} section of {@code celeriac.yaml}, validated once.
 *
 * @param sessionBatchSize     expired sessions deleted per statement (and per transaction)
 * @param vacuumLockTimeout    a table whose lock VACUUM cannot get within this is skipped this week
 * @param deadLetterRetention  dead letters older than this are dropped
 * @param workerRetention      a worker silent for this long is recovered and forgotten
 */
public record MaintenanceSettings(int sessionBatchSize, Duration vacuumLockTimeout, Duration deadLetterRetention,
                                  Duration workerRetention) {

    public static MaintenanceSettings from(JsonNode section) {
        JsonNode node = section == null ? MissingNode.getInstance() : section;
        MaintenanceSettings settings = new MaintenanceSettings(
                node.path("session_batch_size").asInt(1000),
                duration(node, "vacuum_lock_timeout", "30s"),
                duration(node, "dead_letter_retention", "14d"),
                duration(node, "worker_retention", "1d"));
        if (settings.sessionBatchSize <= 0) {
            throw new ConfigException("maintenance.session_batch_size must be positive");
        }
        if (settings.deadLetterRetention.isZero() || settings.workerRetention.isZero()) {
            throw new ConfigException("maintenance retentions must be positive");
        }
        return settings;
    }

    private static Duration duration(JsonNode node, String key, String fallback) {
        try {
            return Durations.parse(node.path(key).asText(fallback));
        } catch (RuntimeException e) {
            throw new ConfigException("maintenance." + key + ": " + e.getMessage());
        }
    }
}
