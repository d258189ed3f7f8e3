package io.celeriac.core.flow.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.client.TaskClient;
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
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A worker process killed with kill -9 in the middle of a batch: the batch still completes, its callbacks sent once each. */
class BatchKillIT {
    Application app;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        String prefix = TestApp.randomPrefix();
        String yaml = "key_prefix: \"" + prefix + "celeriac:\"\ncelery_key_prefix: \"" + prefix + "\"\nresult_expires: 1h\n";
        config = Files.createTempFile("celeriac", ".yaml");
        Files.writeString(config, yaml);
        app = new Application(AppConfigLoader.fromYaml(yaml), TestRedis.url(), null, 16, Clock.systemUTC(), new SplittableRandom(11));
    }

    @AfterEach
    void tearDown() throws Exception {
        TestApp.removeKeys(app);
        app.close();
        Files.deleteIfExists(config);
    }

    private static TaskClient.Request task(String name, Object arg, String queue) {
        return new TaskClient.Request(name, List.of(arg), Map.of(), SendOptions.defaults().queue(queue));
    }

    private long inFlight(String worker) {
        return app.redis().getList(app.keys().inflight(worker, app.keys().queueList("celery", 0))).size();
    }

    @Test
    void after_kill_9_mid_batch_the_batch_completes_elsewhere_with_each_callback_sent_once() throws Exception {
        Batches batches = app.client().batches();
        String batch = batches.open(new Batches.Plan("kill -9", task("cb.complete", "c", "callbacks"), task("cb.success", "s", "callbacks"), null));
        batches.add(batch, List.of(task("celeriac.sleep", 120.0, "celery"), task("celeriac.echo", "a", "celery"), task("celeriac.echo", "b", "celery")));
        batches.seal(batch);
        var url = TestRedis.url();
        try (JavaProcess doomed = JavaProcess.celeriac("worker", "--config=" + config, "--broker-url=redis://" + url.host() + ":" + url.port()
                + "/" + url.database(), "--queues=celery", "--hostname=doomed@batch", "--lease-timeout=3s", "--concurrency=3")) {
            Eventually.await("the echoes counted and the sleep in flight", Duration.ofSeconds(60),
                    () -> batches.progress(batch).orElseThrow().succeeded() == 2 && inFlight("doomed@batch") == 1 || !doomed.isAlive());
            assertTrue(doomed.isAlive(), doomed.log());
            doomed.kill();
        }
        assertEquals(1, batches.progress(batch).orElseThrow().pending());

        TaskRegistry registry = new TaskRegistry();
        registry.register("celeriac.sleep", ctx -> "recovered");
        Worker rescuer = TestApp.worker(app, registry, TestApp.settings("rescuer@batch", List.of("celery"), 1));
        rescuer.start();
        try {
            Eventually.await("the batch completes", Duration.ofSeconds(30), () -> batches.progress(batch).orElseThrow().completedAt() != null);
        } finally {
            rescuer.shutdown();
        }
        BatchProgress done = batches.progress(batch).orElseThrow();
        assertEquals(List.of(3L, 0L, 3L, 0L), List.of(done.total(), done.pending(), done.succeeded(), done.failed()));
        assertEquals(2L, app.redisBroker().queueDepths("callbacks").values().stream().mapToLong(Long::longValue).sum());
    }
}
