package io.celeriac.maintenance;

import io.celeriac.core.retry.Backoff;
import io.celeriac.core.task.ModuleContext;
import io.celeriac.core.task.TaskModule;
import io.celeriac.core.task.TaskOptions;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.db.Database;
import io.celeriac.maintenance.db.DatabaseOptimizer;
import io.celeriac.maintenance.db.SessionCleaner;
import io.celeriac.maintenance.redis.BrokerJanitor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * worker-maintenance's tasks (queue {@code maintenance_tasks}). Each runs under one shared
 * PostgreSQL advisory lock ({@link Exclusive}), so two never overlap; a task that finds the lock
 * taken reports {@code skipped} and waits for its next schedule. The AI module's run history is
 * pruned by that module's own {@code cleanup_old_logs}, not here.
 */
public final class MaintenanceTasks implements TaskModule {
    public static final String PREFIX = "personal_assistant.workers.tasks.maintenance_tasks.";
    public static final String OPTIMIZE_DATABASE = PREFIX + "optimize_database";
    public static final String CLEANUP_OLD_SESSIONS = PREFIX + "cleanup_old_sessions";
    public static final String CLEANUP_BROKER_STATE = PREFIX + "cleanup_broker_state";

    @Override
    public String name() {
        return "maintenance";
    }

    /** Its tasks store data: a worker serving them is ready only while the database answers. */
    @Override
    public java.util.List<Class<?>> components() {
        return java.util.List.of(Database.class);
    }

    @Override
    public void register(TaskRegistry registry, ModuleContext context) {
        MaintenanceSettings settings = MaintenanceSettings.from(context.config("maintenance"));
        Exclusive exclusive = new Exclusive(context);
        TaskOptions options = TaskOptions.defaults()
                .maxRetries(2)
                .backoff(Backoff.exponential(Duration.ofMinutes(1), Duration.ofMinutes(15), true))
                .timeLimit(Duration.ofHours(2));

        registry.register(OPTIMIZE_DATABASE, options, task -> exclusive.run(() -> {
            var results = new DatabaseOptimizer(Database.of(context), settings.vacuumLockTimeout()).run();
            return OptimizeReport.of(results);
        }));
        registry.register(CLEANUP_OLD_SESSIONS, options, task -> exclusive.run(() -> {
            var result = new SessionCleaner(Database.of(context), settings.sessionBatchSize()).deleteExpired();
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("deleted", result.deleted());
            report.put("batches", result.batches());
            return report;
        }));
        registry.register(CLEANUP_BROKER_STATE, options, task -> exclusive.run(() -> {
            var result = new BrokerJanitor(context.broker())
                    .run(context.clock(), settings.deadLetterRetention(), settings.workerRetention());
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("dead_letters_dropped", result.deadLettersDropped());
            report.put("workers_removed", result.workersRemoved());
            report.put("messages_requeued", result.messagesRequeued());
            return report;
        }));
    }
}
