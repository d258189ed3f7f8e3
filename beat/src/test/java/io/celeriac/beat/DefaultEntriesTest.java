package io.celeriac.beat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.celeriac.core.config.AppConfig;
import io.celeriac.core.config.AppConfigLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The application's entries as declared in distribution's celeriac.yaml, and when they fire. */
class DefaultEntriesTest {
    private static final String PREFIX = "personal_assistant.workers.tasks.";
    /** A Saturday, between occurrences of everything. */
    private static final Instant FROM = Instant.parse("2026-11-21T10:03:17Z");

    static BeatConfig distributionConfig() {
        AppConfig config = AppConfigLoader.fromFile(Path.of("..", "distribution", "src", "main", "resources", "celeriac.yaml"));
        return BeatConfig.from(config.section("beat"));
    }

    private static Map<String, BeatEntry> entries() {
        return distributionConfig().entries().stream()
                .collect(Collectors.toMap(BeatEntry::name, e -> e, (a, b) -> a, LinkedHashMap::new));
    }

    private static void assertNext(String name, String task, String... expected) {
        BeatEntry entry = entries().get(name);
        assertEquals(PREFIX + task, entry.task(), name);
        assertEquals(Arrays.stream(expected).map(Instant::parse).toList(), entry.schedule().next(FROM, expected.length), name);
    }

    @Test
    void the_config_declares_the_entries_of_celery_app_and_the_broker_cleanup() {
        assertEquals(List.of("process-due-ai-tasks", "test-scheduler-connection", "cleanup-old-logs", "process-email-queue",
                "send-daily-email-summary", "cleanup-temp-files", "backup-user-data", "sync-calendar-events",
                "sync-notion-pages", "optimize-database", "cleanup-old-sessions", "cleanup-broker-state"), List.copyOf(entries().keySet()));
        entries().values().forEach(e -> assertEquals(MisfirePolicy.RUN_ONCE, e.misfire(), e.name()));
    }

    @Test
    void each_default_entry_fires_at_its_times() {
        assertNext("process-due-ai-tasks", "ai_tasks.process_due_ai_tasks",
                "2026-11-21T10:10:00Z", "2026-11-21T10:20:00Z", "2026-11-21T10:30:00Z");
        assertNext("test-scheduler-connection", "ai_tasks.test_scheduler_connection",
                "2026-11-21T10:30:00Z", "2026-11-21T11:00:00Z", "2026-11-21T11:30:00Z");
        assertNext("cleanup-old-logs", "ai_tasks.cleanup_old_logs",
                "2026-11-22T02:00:00Z", "2026-11-23T02:00:00Z", "2026-11-24T02:00:00Z");
        assertNext("process-email-queue", "email_tasks.process_email_queue",
                "2026-11-21T10:05:00Z", "2026-11-21T10:10:00Z", "2026-11-21T10:15:00Z");
        // every 15 min: the task itself sends at 08:00 in each user's zone
        assertNext("send-daily-email-summary", "email_tasks.send_daily_email_summary",
                "2026-11-21T10:15:00Z", "2026-11-21T10:30:00Z", "2026-11-21T10:45:00Z");
        assertNext("cleanup-temp-files", "file_tasks.cleanup_temp_files",
                "2026-11-22T02:00:00Z", "2026-11-23T02:00:00Z", "2026-11-24T02:00:00Z");
        assertNext("backup-user-data", "file_tasks.backup_user_data",
                "2026-11-22T01:00:00Z", "2026-11-29T01:00:00Z", "2026-12-06T01:00:00Z");
        assertNext("sync-calendar-events", "sync_tasks.sync_calendar_events",
                "2026-11-21T11:00:00Z", "2026-11-21T12:00:00Z", "2026-11-21T13:00:00Z");
        assertNext("sync-notion-pages", "sync_tasks.sync_notion_pages",
                "2026-11-21T12:00:00Z", "2026-11-21T14:00:00Z", "2026-11-21T16:00:00Z");
        assertNext("optimize-database", "maintenance_tasks.optimize_database",
                "2026-11-22T03:00:00Z", "2026-11-29T03:00:00Z", "2026-12-06T03:00:00Z");
        assertNext("cleanup-old-sessions", "maintenance_tasks.cleanup_old_sessions",
                "2026-11-22T04:00:00Z", "2026-11-23T04:00:00Z", "2026-11-24T04:00:00Z");
        assertNext("cleanup-broker-state", "maintenance_tasks.cleanup_broker_state",
                "2026-11-22T04:30:00Z", "2026-11-23T04:30:00Z", "2026-11-24T04:30:00Z");
    }
}
