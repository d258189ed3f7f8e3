package io.celeriac.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.worker.Worker;
import io.celeriac.db.Database;
import io.celeriac.db.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three tasks as a worker runs them: found by ServiceLoader, routed to maintenance_tasks. */
class MaintenanceTasksIT {
    private Application app;
    private Worker worker;

    @BeforeEach
    void setUp() {
        app = TestDatabase.app(Clock.systemUTC(), """
                routes:
                  "personal_assistant.workers.tasks.maintenance_tasks.*": maintenance_tasks
                maintenance:
                  session_batch_size: 2
                """);
        worker = TestApp.worker(app, app.registry(), TestApp.settings("maint@test", List.of("maintenance_tasks"), 1));
        worker.start();
    }

    @AfterEach
    void tearDown() {
        worker.shutdown();
        app.close();
    }

    private JsonNode run(String task) {
        return app.client().send(task, List.of(), Map.of(), SendOptions.defaults()).get(Duration.ofSeconds(60));
    }

    @Test
    void each_maintenance_task_runs_on_a_worker_and_reports_what_it_did() {
        Database.of(app).jdbi().useHandle(h -> {
            h.execute("INSERT INTO users (name) VALUES ('Ada')");
            h.execute("""
                    INSERT INTO user_sessions (user_id, token_hash, expires_at)
                    SELECT (SELECT id FROM users), 'h' || g, now() - interval '1 day' FROM generate_series(1, 5) g""");
        });

        JsonNode sessions = run(MaintenanceTasks.CLEANUP_OLD_SESSIONS);
        JsonNode optimize = run(MaintenanceTasks.OPTIMIZE_DATABASE);
        JsonNode broker = run(MaintenanceTasks.CLEANUP_BROKER_STATE);

        assertEquals(5, sessions.get("deleted").asInt());
        assertEquals(3, sessions.get("batches").asInt(), "2 + 2 + 1");
        assertEquals(0, optimize.get("failed").asInt());
        assertTrue(optimize.get("vacuumed").asInt() >= 2, optimize.toString());
        assertEquals(0, broker.get("workers_removed").asInt(), "the running worker is alive");
    }
}
