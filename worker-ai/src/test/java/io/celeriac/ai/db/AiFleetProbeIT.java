package io.celeriac.ai.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.component.Settings;
import io.celeriac.core.metrics.FleetProbe;
import io.celeriac.core.metrics.FleetSample;
import io.celeriac.db.Database;
import io.celeriac.db.DatabaseSettings;
import io.celeriac.db.testing.TestDatabase;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the exporter reads of the AI module, from real tables on a fresh schema. */
class AiFleetProbeIT {
    private static Database database;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated();
    }

    @AfterAll
    static void drop() {
        database.jdbi().useHandle(h -> h.execute("DROP SCHEMA " + database.schema() + " CASCADE"));
        database.close();
    }

    private static double value(List<FleetSample> samples, String name, Map<String, String> tags) {
        return samples.stream().filter(s -> s.name().equals(name) && s.tags().equals(tags)).findFirst()
                .map(FleetSample::value).orElseThrow(() -> new AssertionError(name + tags + " not in " + samples));
    }

    @Test
    void without_a_database_url_the_probe_stays_closed() {
        assertNull(new AiFleetProbe().open(Settings.EMPTY, Clock.systemUTC()));
    }

    @Test
    void reads_overdue_tasks_unfinished_runs_and_the_last_hour_s_notifications() {
        database.jdbi().useHandle(h -> {
            long user = h.createQuery("INSERT INTO users (name) VALUES ('Ada') RETURNING id").mapTo(Long.class).one();
            String task = """
                    INSERT INTO ai_tasks (user_id, title, prompt, kind, schedule_type, run_at, time_zone, next_run_at, status,
                        channels, idempotency_key, created_at, updated_at)
                    VALUES (:u, 't', 'p', 'reminder', 'once', now(), 'UTC', now() - CAST(:late AS INTERVAL), :status, 'sms', :key, now(), now())
                    RETURNING id""";
            long late = h.createQuery(task).bind("u", user).bind("late", "10 minutes").bind("status", "active").bind("key", "a")
                    .mapTo(Long.class).one();
            h.createQuery(task).bind("u", user).bind("late", "20 minutes").bind("status", "paused").bind("key", "b").mapTo(Long.class).one();
            long run = h.createQuery("""
                    INSERT INTO ai_task_runs (task_id, scheduled_for, status, claimed_at) VALUES (:t, now(), 'pending', now() - INTERVAL '5 minutes')
                    RETURNING id""").bind("t", late).mapTo(Long.class).one();
            for (String[] row : new String[][] {{"sms", "failed"}, {"email", "sent"}, {"pigeon", "unknown"}}) {
                h.createUpdate("INSERT INTO ai_notifications (run_id, channel, status, updated_at) VALUES (:r, :c, :s, now())")
                        .bind("r", run).bind("c", row[0]).bind("s", row[1]).execute();
            }
        });
        Settings settings = DatabaseSettings.of(TestDatabase.url(), database.schema());
        try (FleetProbe.Reader reader = new AiFleetProbe().open(settings, Clock.systemUTC())) {
            List<FleetSample> samples = reader.read();

            assertEquals(1.0, value(samples, "celeriac.ai.tasks.due", Map.of()), "a paused task is not overdue");
            double oldest = value(samples, "celeriac.ai.tasks.due.oldest.seconds", Map.of());
            assertTrue(oldest >= 600 && oldest < 700, "ten minutes late: " + oldest);
            assertEquals(1.0, value(samples, "celeriac.ai.runs.unfinished", Map.of("status", "pending")));
            assertEquals(0.0, value(samples, "celeriac.ai.runs.unfinished", Map.of("status", "retrying")));
            assertTrue(value(samples, "celeriac.ai.runs.unfinished.oldest.seconds", Map.of("status", "pending")) >= 300);
            assertEquals(1.0, value(samples, "celeriac.ai.notifications.last.hour", Map.of("channel", "sms", "status", "failed")));
            assertEquals(1.0, value(samples, "celeriac.ai.notifications.last.hour", Map.of("channel", "other", "status", "unknown")),
                    "a channel the module does not know is folded, never a label of its own");
        }
    }
}
