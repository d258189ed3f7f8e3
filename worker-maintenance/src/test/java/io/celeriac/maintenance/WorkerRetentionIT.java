package io.celeriac.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.testing.JavaProcess;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review's probe: {@code worker_retention: 1s} made the janitor requeue a live worker's running
 * task. A worker started with it now stops at once, exit 2, saying what is wrong.
 */
class WorkerRetentionIT {
    @TempDir
    Path dir;

    @Test
    void a_worker_configured_with_a_one_second_retention_exits_2_at_start() throws Exception {
        String prefix = TestApp.randomPrefix();
        Path config = Files.writeString(dir.resolve("celeriac.yaml"), "key_prefix: \"" + prefix + "celeriac:\"\n"
                + "celery_key_prefix: \"" + prefix + "\"\nmaintenance:\n  worker_retention: 1s\n");
        var redis = TestRedis.url();

        try (JavaProcess worker = JavaProcess.celeriac("worker", "--config=" + config, "--queues=maintenance_tasks",
                "--broker-url=redis://" + redis.host() + ":" + redis.port() + "/" + redis.database(), "--hostname=retention@test")) {
            int code = worker.waitFor(Duration.ofSeconds(60));

            assertEquals(2, code, worker.log());
            assertTrue(worker.log().contains("maintenance.worker_retention must be at least 5m"), worker.log());
        }
    }
}
