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
 * @param workerRetention      a worker silent for this long is recovered and forgotten; at least
 *                             {@link #MIN_WORKER_RETENTION}, many heartbeats and leases, because
 *                             recovering a live worker runs its tasks twice
 */
public record MaintenanceSettings(int sessionBatchSize, Duration vacuumLockTimeout, Duration deadLetterRetention,
                                  Duration workerRetention) {
    /**
     * Ten times the workers' default lease (30 s) and 150 of their heartbeats (2 s): a worker still
     * beating is never taken for dead, even one started with a longer {@code --lease-timeout} or
     * stalled by a long GC pause. The janitor is the backstop for a fleet that was entirely down;
     * live workers recover each other within their lease.
     */
    public static final Duration MIN_WORKER_RETENTION = Duration.ofMinutes(5);

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
        if (settings.deadLetterRetention.isZero() || settings.deadLetterRetention.isNegative()) {
            throw new ConfigException("maintenance.dead_letter_retention must be positive");
        }
        if (settings.workerRetention.compareTo(MIN_WORKER_RETENTION) < 0) {
            throw new ConfigException("maintenance.worker_retention must be at least 5m (many worker leases), got "
                    + Durations.format(settings.workerRetention) + ": a shorter one would requeue a live worker's running tasks");
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
