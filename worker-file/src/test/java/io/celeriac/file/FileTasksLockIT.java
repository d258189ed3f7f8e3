package io.celeriac.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.worker.Worker;
import io.celeriac.db.AdvisoryLock;
import io.celeriac.db.Database;
import io.celeriac.db.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file tasks as registered, run by a real worker: a run that finds the advisory lock held reports skipped. */
class FileTasksLockIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path base;
    private Application app;
    private Worker worker;

    @BeforeEach
    void setUp() {
        app = TestDatabase.app(Clock.systemUTC(), """
                file:
                  upload_dir: %s
                  backup_dir: %s
                  temp_dirs: [%s]
                """.formatted(base.resolve("uploads"), base.resolve("backups"), base.resolve("tmp")));
        TaskRegistry registry = new TaskRegistry();
        new FileTasks().register(registry, app);
        worker = TestApp.worker(app, registry, TestApp.settings("file-lock-it", List.of("file_tasks"), 2));
        worker.start();
    }

    @AfterEach
    void tearDown() {
        worker.close();
        app.close();
    }

    private JsonNode run(String task) {
        return app.client().send(task, List.of(), Map.of(), SendOptions.defaults().queue("file_tasks")).get(WAIT);
    }

    @Test
    void cleanup_reports_skipped_while_another_run_holds_its_lock_and_runs_once_it_is_free() {
        try (AdvisoryLock.Held ignored = new AdvisoryLock(Database.of(app), FileTasks.CLEANUP_LOCK).tryAcquire().orElseThrow()) {
            assertEquals("another run holds the lock", run(FileTasks.CLEANUP).path("skipped").asText());
        }

        JsonNode free = run(FileTasks.CLEANUP);

        assertFalse(free.has("skipped"), free.toString());
        assertEquals(1, free.path("missing_directories").asInt(), free.toString());
    }

    @Test
    void backup_reports_skipped_and_writes_nothing_while_another_run_holds_its_lock() throws Exception {
        try (AdvisoryLock.Held ignored = new AdvisoryLock(Database.of(app), FileTasks.BACKUP_LOCK).tryAcquire().orElseThrow()) {
            assertEquals("another run holds the lock", run(FileTasks.BACKUP).path("skipped").asText());
            assertFalse(Files.exists(base.resolve("backups")), "no archive while skipped");
        }

        JsonNode free = run(FileTasks.BACKUP);

        assertTrue(Files.isRegularFile(Path.of(free.path("archive").asText())), free.toString());
    }

    @Test
    void the_two_tasks_take_different_locks() {
        try (AdvisoryLock.Held ignored = new AdvisoryLock(Database.of(app), FileTasks.BACKUP_LOCK).tryAcquire().orElseThrow()) {
            assertFalse(run(FileTasks.CLEANUP).has("skipped"), "cleanup does not wait for a backup");
        }
    }
}
