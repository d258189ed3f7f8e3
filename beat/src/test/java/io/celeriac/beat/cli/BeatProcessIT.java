package io.celeriac.beat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.beat.redis.BeatStore;
import io.celeriac.core.app.Application;
import io.celeriac.core.builtin.BuiltinTasks;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.JavaProcess;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import io.celeriac.core.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A real {@code celeriac beat} process and a worker: periodic tasks run; SIGTERM exits 0. */
class BeatProcessIT {

    @Test
    void a_beat_process_sends_periodic_tasks_that_a_worker_runs_and_stops_on_sigterm() throws Exception {
        String prefix = TestApp.randomPrefix();
        String yaml = "key_prefix: \"" + prefix + "celeriac:\"\ncelery_key_prefix: \"" + prefix + "\"\n"
                + "beat:\n  entries:\n    adder: {task: celeriac.add, every: 1s, args: [2, 3]}\n";
        Path config = Files.createTempFile("celeriac-beat", ".yaml");
        Files.writeString(config, yaml);
        var url = TestRedis.url();
        try (Application app = new Application(AppConfigLoader.fromYaml(yaml), url, null, 16, Clock.systemUTC(), new SplittableRandom(11))) {
            TaskRegistry registry = new TaskRegistry();
            new BuiltinTasks().register(registry, app);
            Worker worker = TestApp.worker(app, registry, TestApp.settings("w@beat-process", List.of("celery"), 2));
            worker.start();
            try (JavaProcess beat = JavaProcess.celeriac("beat", "--config=" + config,
                    "--broker-url=redis://" + url.host() + ":" + url.port() + "/" + url.database())) {
                Eventually.await("three periodic runs", Duration.ofSeconds(30), () -> worker.stats().succeeded() >= 3 || !beat.isAlive());
                assertTrue(beat.isAlive(), beat.log());
                assertEquals(0, beat.terminate(Duration.ofSeconds(30)), beat.log());
                long runs = BeatStore.of(app).read("adder").orElseThrow().state().runs();
                assertTrue(runs >= 3, "runs recorded in Redis: " + runs);
            } finally {
                worker.shutdown();
            }
        }
    }
}
