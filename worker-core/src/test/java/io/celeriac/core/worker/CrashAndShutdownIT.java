package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.internal.NodeName;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.task.TaskRegistry;
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

/** Real worker processes: SIGTERM is a warm shutdown with exit 0; after kill -9 the tasks come back. */
class CrashAndShutdownIT {
    Application app;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        String prefix = TestApp.randomPrefix();
        String yaml = "key_prefix: \"" + prefix + "celeriac:\"\ncelery_key_prefix: \"" + prefix + "\"\nresult_expires: 1h\n";
        config = Files.createTempFile("celeriac", ".yaml");
        Files.writeString(config, yaml);
        app = new Application(AppConfigLoader.fromYaml(yaml), TestRedis.url(), null, 16, Clock.systemUTC(), new SplittableRandom(7));
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    JavaProcess worker(String name, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("worker", "--config=" + config, "--broker-url=" + brokerUrl(),
                "--queues=celery", "--hostname=" + name, "--lease-timeout=3s", "--loglevel=INFO"));
        args.addAll(List.of(extra));
        JavaProcess process = JavaProcess.celeriac(args.toArray(String[]::new));
        Eventually.await(name + " registered", Duration.ofSeconds(30),
                () -> app.redisBroker().workerHeartbeats().containsKey(name) || !process.isAlive());
        assertTrue(process.isAlive(), process.log());
        return process;
    }

    String brokerUrl() {
        var url = TestRedis.url();
        return "redis://" + url.host() + ":" + url.port() + "/" + url.database();
    }

    long inFlight(String worker) {
        return app.redis().getList(app.keys().inflight(worker, app.keys().queueList("celery", 0))).size();
    }

    @Test
    void sigterm_lets_the_running_task_finish_returns_prefetched_ones_and_exits_0() throws Exception {
        try (JavaProcess process = worker("term@test", "--concurrency=1", "--prefetch-multiplier=4")) {
            AsyncResult running = app.client().send("celeriac.sleep", List.of(1.0), Map.of(), SendOptions.defaults());
            for (int i = 0; i < 3; i++) {
                app.client().send("celeriac.echo", List.of("waiting " + i), Map.of(), SendOptions.defaults());
            }
            Eventually.await("the sleep task started", Duration.ofSeconds(10), () -> app.redisBroker().workerRecord("term@test")
                    .getOrDefault("active_tasks", "").contains(running.id()));
            assertEquals(0, process.terminate(Duration.ofSeconds(30)), process.log());
            assertEquals(TaskState.SUCCESS, running.await(Duration.ofSeconds(1)).status(), "the running task finished");
            assertEquals(3, app.redis().getList(app.keys().queueList("celery", 0)).size(), "prefetched messages are back on the queue");
            assertEquals(0, inFlight("term@test"), "nothing left in flight");
            assertFalse(app.redisBroker().workerHeartbeats().containsKey("term@test"), "the worker left the worker set");
        }
    }

    @Test
    void after_kill_9_the_in_flight_task_goes_back_to_its_queue_within_the_lease_and_runs_elsewhere() throws Exception {
        AsyncResult result;
        try (JavaProcess doomed = worker("doomed@test", "--concurrency=1")) {
            result = app.client().send("celeriac.sleep", List.of(120.0), Map.of(), SendOptions.defaults());
            Eventually.await("the task is in flight on the doomed worker", Duration.ofSeconds(10), () -> inFlight("doomed@test") == 1);
            doomed.kill();
        }
        TaskRegistry registry = new TaskRegistry();
        registry.register("celeriac.sleep", ctx -> "recovered");
        Worker rescuer = TestApp.worker(app, registry, TestApp.settings("rescuer@test", List.of("celery"), 1));
        rescuer.start();
        try {
            assertEquals("recovered", result.get(Duration.ofSeconds(20)).asText());
            assertEquals(0, inFlight("doomed@test"));
            assertFalse(app.redisBroker().workerHeartbeats().containsKey("doomed@test"), "the dead worker is forgotten");
        } finally {
            rescuer.shutdown();
        }
    }

    @Test
    void a_second_worker_with_a_live_workers_name_refuses_to_start_with_exit_code_2() throws Exception {
        try (JavaProcess first = worker("twin@test")) {
            JavaProcess second = JavaProcess.celeriac("worker", "--config=" + config, "--broker-url=" + brokerUrl(),
                    "--queues=celery", "--hostname=twin@test", "--lease-timeout=3s");
            assertEquals(2, second.waitFor(Duration.ofSeconds(30)), second.log());
            assertTrue(second.log().contains("a live worker named twin@test"), second.log());
            assertEquals(0, first.terminate(Duration.ofSeconds(30)));
        }
    }

    @Test
    void workers_without_a_name_take_celerys_default_and_the_second_takes_one_of_its_own() throws Exception {
        String host = NodeName.host();
        String[] unnamed = {"worker", "--config=" + config, "--broker-url=" + brokerUrl(), "--queues=celery",
                "--lease-timeout=3s", "--loglevel=INFO"};
        try (JavaProcess first = JavaProcess.celeriac(unnamed)) {
            Eventually.await("the first worker registered", Duration.ofSeconds(30),
                    () -> app.redisBroker().workerHeartbeats().containsKey("celery@" + host) || !first.isAlive());
            assertTrue(first.isAlive(), first.log());
            try (JavaProcess second = JavaProcess.celeriac(unnamed)) {
                String own = "celery-" + second.pid() + "@" + host;
                Eventually.await("the second worker registered", Duration.ofSeconds(30),
                        () -> app.redisBroker().workerHeartbeats().containsKey(own) || !second.isAlive());
                assertTrue(second.isAlive(), second.log());
                assertEquals(1, second.log().lines().filter(l -> l.contains("default node name in use")).count(), second.log());
                assertFalse(first.log().contains("default node name in use"), first.log());
                assertEquals(0, second.terminate(Duration.ofSeconds(30)), second.log());
            }
            assertEquals(0, first.terminate(Duration.ofSeconds(30)), first.log());
        }
    }
}
