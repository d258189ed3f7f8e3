package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.loop.ServiceLoop;
import io.celeriac.core.task.TaskOptions;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.FaultyBroker;
import io.celeriac.core.testing.TestApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.ByteArrayCodec;

/** Health tells the truth about what can stall a worker, and a worker survives what kills runners. */
class WorkerHealthIT {
    Application app;
    FaultyBroker broker;
    final TaskRegistry registry = new TaskRegistry();
    Worker worker;

    @BeforeEach
    void setUp() {
        app = TestApp.create();
        broker = new FaultyBroker(app.redisBroker());
        registry.register("t.ok", ctx -> "ok");
    }

    @AfterEach
    void tearDown() {
        broker.up();
        if (worker != null) {
            worker.shutdown();
        }
        TestApp.removeKeys(app);
        app.close();
    }

    Worker start(TaskListener listener, int concurrency) {
        worker = new Worker(TestApp.settings("health@test", List.of("celery"), concurrency),
                new WorkerDependencies(broker, registry, app.codec(), app.client(), app.clock(), app.random(), id -> false, listener));
        worker.start();
        return worker;
    }

    String run(String task) {
        return app.client().send(task, List.of(), Map.of(), SendOptions.defaults()).get(Duration.ofSeconds(10)).asText();
    }

    @Test
    void a_runner_that_dies_makes_the_worker_unhealthy_until_it_is_replaced() {
        AtomicBoolean once = new AtomicBoolean(true);
        TaskListener dying = (task, queue, outcome, runNanos, latencyNanos) -> {
            if (once.getAndSet(false)) {
                throw new Error("a listener bug that escapes the runner's step");
            }
        };
        start(dying, 2);
        ServiceLoop supervisor = worker.loops().stream().filter(l -> l.name().equals("runner-supervisor")).findFirst().orElseThrow();
        supervisor.signalStop();
        supervisor.awaitStopped(Duration.ofSeconds(5));
        assertEquals("ok", run("t.ok"));
        Eventually.await("the runner is gone", Duration.ofSeconds(5), () -> worker.runnersAlive() == 1);
        String problem = worker.health(Duration.ofSeconds(30)).problem();
        assertEquals("1 of 2 runners dead and not replaced", problem);

        assertEquals(1, worker.runners().supervise());
        assertEquals(2, worker.runnersAlive());
        assertEquals(1, worker.runnerRestarts());
        assertNull(worker.health(Duration.ofSeconds(30)).problem());
        assertEquals("ok", run("t.ok"));
    }

    @Test
    void a_task_holding_its_slot_past_its_time_limit_makes_the_worker_unhealthy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        registry.register("t.stubborn", TaskOptions.defaults().timeLimit(Duration.ofMillis(50)), ctx -> {
            while (true) {
                try {
                    if (release.await(10, TimeUnit.SECONDS)) {
                        return "late";
                    }
                } catch (InterruptedException ignored) {
                    // a task that swallows its interruption and waits on
                }
            }
        });
        start(TaskListener.NONE, 1);
        app.client().send("t.stubborn", List.of(), Map.of(), SendOptions.defaults());
        WorkerHealth health = new WorkerHealth(worker, Duration.ofSeconds(30), Duration.ZERO);
        Eventually.await("the overrun is seen", Duration.ofSeconds(10), () -> health.problem() != null);
        assertTrue(health.problem().contains("past its time limit"), health.problem());
        assertTrue(((Number) health.details().get("oldest_running_s")).doubleValue() > 0);
        release.countDown();
    }

    @Test
    void a_fetcher_that_cannot_reach_redis_makes_the_worker_unhealthy_and_recovers_when_it_is_back() {
        start(TaskListener.NONE, 1);
        WorkerHealth health = worker.health(Duration.ofMillis(1500));
        assertNull(health.problem());
        broker.down();
        Eventually.await("the stalled fetcher is seen", Duration.ofSeconds(10),
                () -> health.problem() != null && health.problem().contains("no progress"));
        broker.up();
        Eventually.await("healthy again", Duration.ofSeconds(10), () -> health.problem() == null);
        assertEquals("ok", run("t.ok"));
    }

    @Test
    void out_of_memory_in_a_task_dead_letters_its_message_and_stops_the_worker_for_a_restart() throws Exception {
        registry.register("t.oom", ctx -> {
            throw new OutOfMemoryError("injected");
        });
        start(TaskListener.NONE, 2);
        String id = app.client().send("t.oom", List.of(), Map.of(), SendOptions.defaults()).id();
        assertTrue(worker.awaitStopped(Duration.ofSeconds(20)), "the worker stops by itself");
        assertEquals(1, worker.exitCode(), "and asks to be restarted");
        List<byte[]> dead = app.redis().<byte[]>getList(app.keys().dead(), ByteArrayCodec.INSTANCE).readAll();
        assertEquals(1, dead.size());
        assertTrue(DeadLetterEntry.decode(dead.get(0)).reason().contains("ran out of resources"));
        assertTrue(new String(DeadLetterEntry.decode(dead.get(0)).raw()).contains(id));
        assertEquals(0, app.redis().getList(app.keys().queueList("celery", 0)).size(), "not pushed back to loop");
    }

    @Test
    void shutdown_with_redis_down_ends_within_the_shutdown_timeout() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        registry.register("t.long", ctx -> {
            started.countDown();
            Thread.sleep(Duration.ofSeconds(60));
            return "never";
        });
        start(TaskListener.NONE, 1);
        app.client().send("t.long", List.of(), Map.of(), SendOptions.defaults());
        assertTrue(started.await(10, TimeUnit.SECONDS));
        broker.down();
        long begun = System.nanoTime();
        worker.shutdown();
        long tookMs = (System.nanoTime() - begun) / 1_000_000;
        assertTrue(tookMs < 5_000 + 1_500, "shut down in " + tookMs + " ms with a 5 s shutdown timeout");
        assertTrue(worker.awaitStopped(Duration.ZERO));
        broker.up();
        assertEquals(1, app.redis().getList(app.keys().inflight("health@test", app.keys().queueList("celery", 0))).size(),
                "what could not be returned stays in flight for lease recovery");
    }
}
