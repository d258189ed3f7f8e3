package io.celeriac.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "ready" lines {@code bench boot} reads from each worker's log, in the formats each writes. */
class StartupLogTest {
    private static final ZoneId ZONE = ZoneId.systemDefault();

    @TempDir
    Path dir;

    @Test
    void celeriac_ready_is_read_from_its_log_line_as_seconds_after_the_exec() throws Exception {
        long exec = LocalDateTime.of(2026, 12, 7, 19, 37, 7, 700_000_000).atZone(ZONE).toInstant().toEpochMilli();
        Path log = write("19:37:07.650 DEBUG [main] Something - before\n"
                + "19:37:08.572 INFO  [main] Worker - worker ready worker=w@local queues=q concurrency=8 tasks=22\n");

        assertEquals(0.872, StartupLog.celeriacReady(log, exec), 1e-9);
    }

    @Test
    void a_celeriac_ready_line_after_midnight_counts_from_the_day_before() throws Exception {
        long exec = LocalDateTime.of(2026, 12, 7, 23, 59, 59, 900_000_000).atZone(ZONE).toInstant().toEpochMilli();
        Path log = write("00:00:00.400 INFO  [main] Worker - worker ready worker=w@local\n");

        assertEquals(0.5, StartupLog.celeriacReady(log, exec), 1e-9);
    }

    @Test
    void celery_ready_is_read_from_its_main_process_line() throws Exception {
        long exec = LocalDateTime.of(2026, 12, 7, 19, 37, 11, 200_000_000).atZone(ZONE).toInstant().toEpochMilli();
        Path log = write("[2026-12-07 19:37:11,635: INFO/MainProcess] Connected to redis://127.0.0.1:6379/0\n"
                + "[2026-12-07 19:37:11,640: INFO/MainProcess] bench-boot-c04a2af9@local ready.\n");

        assertEquals(0.44, StartupLog.celeryReady(log, exec), 1e-9);
    }

    @Test
    void a_log_without_the_line_or_no_log_gives_nan() throws Exception {
        Path log = write("19:37:10.743 INFO  [SIGTERM handler] Worker - worker stopping reason=SIGTERM\n");

        assertTrue(Double.isNaN(StartupLog.celeriacReady(log, 0)));
        assertTrue(Double.isNaN(StartupLog.celeryReady(dir.resolve("missing.log"), 0)));
    }

    private Path write(String text) throws Exception {
        Path log = Files.createTempFile(dir, "worker", ".log");
        Files.writeString(log, text);
        return log;
    }
}
