package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.retry.Backoff;
import io.celeriac.core.task.TaskOptions;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries, dead letters after the last one, expiry, ETA messages and priority order, with a live worker. */
class RetryAndScheduleIT {
    Application app;
    Worker worker;
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final List<Integer> order = new CopyOnWriteArrayList<>();
    final TaskRegistry registry = new TaskRegistry();

    @BeforeEach
    void setUp() {
        app = TestApp.create();
        TaskOptions fast = TaskOptions.defaults().maxRetries(2).backoff(Backoff.fixed(Duration.ofMillis(100)));
        registry.register("test.flaky", fast, ctx -> {
            int n = attempts.computeIfAbsent(ctx.taskId(), k -> new AtomicInteger()).incrementAndGet();
            if (n <= ctx.arg(0, Integer.class)) {
                throw new IllegalStateException("attempt " + n + " fails");
            }
            return ctx.retries();
        });
        registry.register("test.explicit_retry", fast, ctx -> {
            if (ctx.retries() == 0) {
                throw ctx.retry(Duration.ofMillis(50), new RuntimeException("not yet"));
            }
            return "done after " + ctx.retries();
        });
        registry.register("test.record", ctx -> {
            order.add(ctx.arg(0, Integer.class));
            return null;
        });
    }

    @AfterEach
    void tearDown() {
        if (worker != null) {
            worker.shutdown();
        }
        app.close();
    }

    void startWorker(int concurrency) {
        worker = TestApp.worker(app, registry, TestApp.settings("retry@test", List.of("celery"), concurrency));
        worker.start();
    }

    @Test
    void a_task_failing_twice_is_retried_with_the_same_id_then_succeeds() {
        startWorker(2);
        AsyncResult result = app.client().send("test.flaky", List.of(2), Map.of(), SendOptions.defaults());
        assertEquals(2, result.get(Duration.ofSeconds(10)).asInt(), "ran with retries=2");
        assertEquals(3, attempts.get(result.id()).get());
    }

    @Test
    void after_the_last_retry_the_task_fails_and_is_dead_lettered_with_why() throws Exception {
        startWorker(2);
        AsyncResult result = app.client().send("test.flaky", List.of(10), Map.of(), SendOptions.defaults());
        ResultMeta meta = result.await(Duration.ofSeconds(10));
        assertEquals(TaskState.FAILURE, meta.status());
        assertEquals("IllegalStateException", meta.exception().type());
        assertEquals(3, attempts.get(result.id()).get(), "first run plus max retries (2)");
        String dead = Eventually.value("dead letter", Duration.ofSeconds(5), () -> app.redis().<String>getList(app.keys().dead())
                .readAll().stream().filter(d -> d.contains(result.id())).findFirst().orElse(null));
        assertTrue(app.json().readTree(dead).path("reason").asText().startsWith("max retries (2) exceeded"), dead);
    }

    @Test
    void an_explicit_retry_from_the_task_runs_it_again_after_the_countdown() {
        startWorker(1);
        AsyncResult result = app.client().send("test.explicit_retry", List.of(), Map.of(), SendOptions.defaults());
        assertEquals("done after 1", result.get(Duration.ofSeconds(10)).asText());
    }

    @Test
    void a_message_past_its_expiry_is_revoked_not_run() {
        AsyncResult result = app.client().send("test.record", List.of(1), Map.of(),
                SendOptions.defaults().expires(Instant.now().minusSeconds(1)));
        startWorker(1);
        ResultMeta meta = result.await(Duration.ofSeconds(10));
        assertEquals(TaskState.REVOKED, meta.status());
        assertEquals("expired", meta.exception().message());
        assertTrue(order.isEmpty());
    }

    @Test
    void a_revoked_task_is_skipped() {
        startWorker(1);
        app.redisBroker().revoke("revoked-1", Instant.now().plusSeconds(60), false);
        Eventually.await("the revocation reaches the worker", Duration.ofSeconds(10), () -> worker.knowsRevoked("revoked-1"));
        AsyncResult result = app.client().send("test.record", List.of(7), Map.of(), SendOptions.defaults().taskId("revoked-1"));
        assertEquals(TaskState.REVOKED, result.await(Duration.ofSeconds(10)).status());
        assertTrue(order.isEmpty());
    }

    @Test
    void a_lower_priority_number_is_served_first() {
        for (int p : new int[] {9, 6, 3, 0}) {
            app.client().send("test.record", List.of(p), Map.of(), SendOptions.defaults().priority(p));
        }
        startWorker(1);
        Eventually.await("four tasks", Duration.ofSeconds(10), () -> order.size() == 4);
        assertEquals(List.of(0, 3, 6, 9), order);
    }

    @Test
    void an_eta_message_put_straight_on_the_queue_waits_in_redis_until_due() {
        startWorker(1);
        Instant eta = Instant.now().plusMillis(700);
        // what a Python client does with countdown: the ETA message goes onto the queue list itself
        var message = io.celeriac.core.message.NewTask.create("eta-1", "test.record", app.json().createArrayNode().add(42),
                app.json().createObjectNode(), "celery", 0, eta, null, false, "gen1@py", "tag-eta-1", null, null);
        app.redisBroker().publish("celery", 0, app.codec().encodeBytes(message));
        Eventually.await("the message is parked in the delayed set", Duration.ofSeconds(5),
                () -> app.redis().getScoredSortedSet(app.keys().delayed()).size() == 1);
        assertTrue(order.isEmpty(), "not run before its ETA");
        Eventually.await("it runs once due", Duration.ofSeconds(5), () -> order.contains(42));
        assertTrue(Instant.now().isAfter(eta));
    }
}
