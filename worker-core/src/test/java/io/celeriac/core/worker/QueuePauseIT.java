package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Queue pauses against real Redis: a paused queue is not fetched from (driven by the fetcher's
 * runOnce), its messages stay queued, a running worker hears a pause within a second, and a
 * pause outlives the workers that saw it.
 */
class QueuePauseIT {
    Application app;
    final List<Worker> workers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        app = TestApp.create();
    }

    @AfterEach
    void tearDown() {
        workers.forEach(w -> w.pauses().stop());
        TestApp.removeKeys(app);
        app.close();
    }

    Worker worker(String name) {
        Worker worker = TestApp.worker(app, new TaskRegistry(), TestApp.settings(name, List.of("ai", "email"), 4));
        workers.add(worker);
        return worker;
    }

    void send(String queue, int count) {
        for (int i = 0; i < count; i++) {
            app.client().send("p.task", List.of(i), Map.of(), SendOptions.defaults().queue(queue));
        }
    }

    long waiting(String queue) {
        return app.redisBroker().queueDepths(queue).values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void a_paused_queue_is_not_fetched_from_and_keeps_its_messages_until_resumed() {
        send("ai", 5);
        send("email", 3);
        Worker worker = worker("pause-a@test");
        assertTrue(app.redisBroker().pauseQueue("ai", true));
        assertFalse(app.redisBroker().pauseQueue("ai", true), "pausing twice changes nothing");
        worker.pauses().runOnce();

        assertEquals(3, worker.fetcher().runOnce(100), "only email's messages are fetched");
        assertEquals(0, worker.fetcher().runOnce(100));
        assertEquals(5, waiting("ai"), "the paused queue's messages stay queued");

        assertTrue(app.redisBroker().pauseQueue("ai", false));
        worker.pauses().runOnce();
        assertEquals(5, worker.fetcher().runOnce(100));
        assertEquals(0, waiting("ai"));
    }

    @Test
    void a_listening_worker_hears_a_pause_and_a_resume_within_a_second() {
        Worker worker = worker("pause-b@test");
        worker.pauses().start();
        app.redisBroker().pauseQueue("email", true);
        Eventually.await("the pause heard", Duration.ofSeconds(1), () -> worker.fetcher().pausing("email"));
        send("email", 2);
        assertEquals(0, worker.fetcher().runOnce(100));

        app.redisBroker().pauseQueue("email", false);
        Eventually.await("the resume heard", Duration.ofSeconds(1), () -> !worker.fetcher().pausing("email"));
        assertEquals(2, worker.fetcher().runOnce(100));
    }

    @Test
    void a_pause_outlives_the_workers_and_holds_from_a_new_workers_first_fetch() {
        Worker first = worker("pause-c1@test");
        first.pauses().start();
        app.redisBroker().pauseQueue("ai", true);
        first.pauses().stop();
        send("ai", 4);

        Worker restarted = worker("pause-c2@test");
        restarted.pauses().start();
        assertTrue(restarted.pauses().contains("ai"));
        assertEquals(0, restarted.fetcher().runOnce(100));
        assertEquals(4, waiting("ai"));
    }

    @Test
    void the_paused_gauge_reads_1_while_a_queue_is_paused() {
        Worker worker = worker("pause-g@test");
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        worker.pauses().registerGauges(List.of("ai", "email"), meters);
        app.redisBroker().pauseQueue("ai", true);
        worker.pauses().runOnce();
        assertEquals(1.0, meters.get("celeriac.queue.paused").tag("queue", "ai").gauge().value());
        assertEquals(0.0, meters.get("celeriac.queue.paused").tag("queue", "email").gauge().value());
    }

    @Test
    void with_every_queue_paused_a_fetch_asks_redis_for_nothing_and_gets_nothing() {
        send("ai", 1);
        send("email", 1);
        Worker worker = worker("pause-d@test");
        app.redisBroker().pauseQueue("ai", true);
        app.redisBroker().pauseQueue("email", true);
        worker.pauses().runOnce();
        assertTrue(worker.fetcher().order().isEmpty());
        assertEquals(0, worker.fetcher().runOnce(100));
        assertEquals(1, waiting("ai"));
        assertEquals(1, waiting("email"));
    }

    @Test
    void a_started_worker_runs_nothing_from_a_paused_queue_and_everything_after_the_resume() {
        TaskRegistry registry = new TaskRegistry();
        registry.register("p.task", ctx -> "done");
        Worker worker = TestApp.worker(app, registry, TestApp.settings("pause-e@test", List.of("ai"), 2));
        app.redisBroker().pauseQueue("ai", true);
        worker.start();
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(app.client().send("p.task", List.of(), Map.of(), SendOptions.defaults().queue("ai")).id());
            }
            assertEquals(3, waiting("ai"), "still queued while paused");
            app.redisBroker().pauseQueue("ai", false);
            for (String id : ids) {
                assertEquals("done", app.client().result(id).get(Duration.ofSeconds(10)).asText());
            }
        } finally {
            worker.shutdown();
        }
    }
}
