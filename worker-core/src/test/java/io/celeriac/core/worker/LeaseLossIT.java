package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.JavaProcess;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
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

/**
 * One life for a delivery, with real processes: a worker frozen (SIGSTOP) past its lease while it
 * runs an attempt that will fail and retry; another worker takes the message over and runs every
 * attempt; when the frozen one wakes, its late outcome (a retry) is fenced out, so no attempt
 * after the first runs twice.
 */
class LeaseLossIT {
    Application app;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        String prefix = TestApp.randomPrefix();
        String yaml = "key_prefix: \"" + prefix + "celeriac:\"\ncelery_key_prefix: \"" + prefix + "\"\nresult_expires: 1h\ntest_probes: true\n";
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

    JavaProcess worker(String name) throws Exception {
        var url = TestRedis.url();
        JavaProcess process = JavaProcess.celeriac("worker", "--config=" + config,
                "--broker-url=redis://" + url.host() + ":" + url.port() + "/" + url.database(),
                "--queues=celery", "--hostname=" + name, "--lease-timeout=3s", "--concurrency=1", "--loglevel=INFO");
        Eventually.await(name + " registered", Duration.ofSeconds(30),
                () -> app.redisBroker().workerHeartbeats().containsKey(name) || !process.isAlive());
        assertTrue(process.isAlive(), process.log());
        return process;
    }

    long attempts(String key, int retries) {
        return app.redis().getAtomicLong(key + ":" + retries).get();
    }

    @Test
    void a_worker_that_lost_its_lease_writes_nothing_when_it_wakes_and_no_retry_runs_twice() throws Exception {
        String key = TestApp.randomPrefix() + "attempts";
        try (JavaProcess frozen = worker("frozen@test")) {
            AsyncResult result = app.client().send("probe.attempts", List.of(key, 2, 3.0), Map.of(), SendOptions.defaults());
            Eventually.await("the first attempt started on the worker to freeze", Duration.ofSeconds(15), () -> attempts(key, 0) == 1);
            frozen.signal("STOP");
            try (JavaProcess rescuer = worker("rescuer@test")) {
                assertEquals(2, result.get(Duration.ofSeconds(60)).asInt(), "the rescuer ran every attempt to success");
                frozen.signal("CONT");
                Eventually.await("the woken worker's late outcome is fenced out", Duration.ofSeconds(30),
                        () -> frozen.log().contains("no longer held their messages"));
                assertEquals(2, attempts(key, 0), "the first attempt ran on both: the frozen worker was inside it");
                assertEquals(1, attempts(key, 1), "the second attempt ran once");
                assertEquals(1, attempts(key, 2), "the third attempt ran once");
                assertEquals(TaskState.SUCCESS, app.redisResults().get(result.id()).orElseThrow().status(), "its success stands");
                assertEquals(0, app.redis().getScoredSortedSet(app.keys().delayed()).size(), "no stray retry waits");
                assertEquals(0, app.redis().getList(app.keys().queueList("celery", 0)).size(), "and none is queued");
                assertEquals(0, rescuer.terminate(Duration.ofSeconds(30)), rescuer.log());
            }
            assertEquals(0, frozen.terminate(Duration.ofSeconds(30)), frozen.log());
        }
    }
}
