package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.task.TaskOptions;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What remote control changes on a running worker: concurrency, queues, rates, time limits, soft limits. */
class WorkerControlIT {
    Application app;
    Worker worker;
    final TaskRegistry registry = new TaskRegistry();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    @BeforeEach
    void setUp() {
        app = TestApp.create();
        registry.register("c.ok", ctx -> "ok");
        registry.register("c.hold", ctx -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(Duration.ofMillis(300));
            } finally {
                running.decrementAndGet();
            }
            return "held";
        });
        registry.register("c.cleanup", TaskOptions.defaults().softTimeLimit(Duration.ofMillis(100)).timeLimit(Duration.ofSeconds(10)), ctx -> {
            try {
                new CountDownLatch(1).await(5, TimeUnit.SECONDS);
                return "never";
            } catch (InterruptedException e) {
                return ctx.softTimeLimitExceeded() ? "cleaned up after the soft limit" : "interrupted otherwise";
            }
        });
        registry.register("c.careless", ctx -> {
            Thread.sleep(Duration.ofSeconds(5));
            return "never";
        });
        worker = TestApp.worker(app, registry, TestApp.settings("control@test", List.of("celery"), 1));
        worker.start();
    }

    @AfterEach
    void tearDown() {
        worker.shutdown();
        TestApp.removeKeys(app);
        app.close();
    }

    AsyncResult send(String task, String queue) {
        return app.client().send(task, List.of(), Map.of(), SendOptions.defaults().queue(queue));
    }

    @Test
    void growing_the_pool_runs_more_at_once_and_shrinking_it_runs_fewer() {
        worker.resize(3);
        assertEquals(3, worker.concurrency());
        List<AsyncResult> held = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            held.add(send("c.hold", "celery"));
        }
        held.forEach(r -> assertEquals("held", r.get(Duration.ofSeconds(10)).asText()));
        assertEquals(3, mostAtOnce.get(), "three ran at once after the pool grew");
        worker.resize(1);
        mostAtOnce.set(0);
        List<AsyncResult> again = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            again.add(send("c.hold", "celery"));
        }
        again.forEach(r -> assertEquals("held", r.get(Duration.ofSeconds(10)).asText()));
        assertEquals(1, mostAtOnce.get(), "one at a time after it shrank");
        Eventually.await("the extra runners left", Duration.ofSeconds(5), () -> {
            worker.runners().supervise();
            return worker.runnersAlive() == 1;
        });
        assertEquals(0, worker.runnerRestarts(), "runners that left after a shrink are not taken for dead");
    }

    @Test
    void a_queue_can_be_added_and_cancelled_while_running() {
        assertTrue(worker.addQueue("extra"));
        assertFalse(worker.addQueue("extra"), "already consumed");
        assertEquals("ok", send("c.ok", "extra").get(Duration.ofSeconds(10)).asText());
        Eventually.await("the record names the new queue", Duration.ofSeconds(5),
                () -> app.redisBroker().workerRecord("control@test").getOrDefault("queues", "").equals("celery,extra"));
        assertTrue(worker.cancelQueue("extra"));
        AsyncResult waiting = send("c.ok", "extra");
        assertEquals(1, app.redis().getList(app.keys().queueList("extra", 0)).size(), "no longer consumed");
        assertTrue(app.redisBroker().workerRecord("control@test").get("sources").contains(app.keys().queueList("extra", 0)),
                "recovery still knows the cancelled queue's lists");
        assertEquals(TaskState.PENDING, waiting.state());
    }

    @Test
    void a_rate_limit_holds_tasks_over_it_in_the_delayed_set_until_their_token() {
        worker.rateLimit("c.ok", "2/s");
        assertEquals("2/s", worker.rateLimit("c.ok"));
        List<AsyncResult> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(send("c.ok", "celery"));
        }
        sent.forEach(r -> assertEquals("ok", r.get(Duration.ofSeconds(15)).asText()));
        assertTrue(worker.stats().processed() > 5, "some were deferred before they ran: " + worker.stats().processed());
    }

    @Test
    void a_soft_limit_lets_the_task_clean_up_and_a_task_that_does_not_fails_with_soft_time_limit_exceeded() {
        assertEquals("cleaned up after the soft limit", send("c.cleanup", "celery").get(Duration.ofSeconds(10)).asText());
        worker.timeLimits("c.careless", Duration.ofMillis(100), Duration.ofSeconds(10));
        ResultMeta failed = send("c.careless", "celery").await(Duration.ofSeconds(10));
        assertEquals(TaskState.FAILURE, failed.status());
        assertEquals("SoftTimeLimitExceeded", failed.exception().type());
        assertEquals("celery.exceptions", failed.exception().module());
    }
}
