package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.broker.BrokerOp;
import io.celeriac.core.broker.Completion;
import io.celeriac.core.broker.CompletionReport;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.broker.Source;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.routing.Router;
import io.celeriac.core.task.AckMode;
import io.celeriac.core.task.TaskOptions;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.FaultyBroker;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.core.testing.TestApp;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One delivery's life, case by case: each test publishes a real message, fetches it from the real
 * Redis, runs its {@link Execution} on a manual clock and checks the one {@link Outcome} it ends
 * in, then applies that outcome through a {@link FaultyBroker} where the case needs it.
 */
class ExecutionIT {
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T09:00:00Z"));
    final TaskRegistry registry = new TaskRegistry();
    final List<Completion> earlyWrites = new CopyOnWriteArrayList<>();
    final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    final WorkerStats stats = new WorkerStats();
    final CountDownLatch handlerStarted = new CountDownLatch(1);
    Application app;
    FaultyBroker broker;
    Executions executions;

    @BeforeEach
    void setUp() {
        app = TestApp.create(clock, null);
        broker = new FaultyBroker(app.redisBroker());
        executions = executions(false);
    }

    /** The executions of a worker that records STARTED for every task ({@code task_track_started}) or not. */
    Executions executions(boolean trackStarted) {
        ExecutionEnvironment env = new ExecutionEnvironment("exec@test", broker, registry, app.codec(), app.client(),
                clock, new SplittableRandom(7), Duration.ofHours(1), false, id -> id.startsWith("revoked-"),
                earlyWrites::add, timer, stats, execution -> handlerStarted.countDown(),
                new WorkflowSteps(new Router(List.of(), "celery"), app.codec(), new SplittableRandom(8), "exec@test"),
                TaskEvents.NONE, new TaskLimits(new io.celeriac.core.flow.FlowGate(app.redisBroker().flowStore(),
                        new io.celeriac.core.flow.FlowRules(), "exec@test", clock, Duration.ofSeconds(3), new SplittableRandom(9))),
                app.redisResults(), trackStarted);
        return new Executions(env);
    }

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
        TestApp.removeKeys(app);
        app.close();
    }

    Delivery deliver(String task, List<?> args, SendOptions options) {
        app.client().send(task, args, Map.of(), options);
        List<Source> sources = broker.sources("exec@test", List.of("celery"));
        return broker.fetch(sources, 1, 1 << 20).get(0);
    }

    Delivery deliver(String task, List<?> args) {
        return deliver(task, args, SendOptions.defaults().taskId("t-" + task));
    }

    static JsonNode resultJson(BrokerOp op, Application app) throws Exception {
        return app.json().readTree(((BrokerOp.StoreResult) op).json());
    }

    @Test
    void success_stores_the_result_fenced_by_possession() throws Exception {
        registry.register("t.ok", ctx -> ctx.arg(0, Integer.class) * 2);
        Outcome outcome = executions.of(deliver("t.ok", List.of(21))).run();
        Outcome.Succeeded succeeded = assertInstanceOf(Outcome.Succeeded.class, outcome);
        assertTrue(succeeded.fenced());
        JsonNode stored = resultJson(succeeded.ops().get(0), app);
        assertEquals("SUCCESS", stored.path("status").asText());
        assertEquals(42, stored.path("result").asInt());
    }

    @Test
    void a_failure_is_retried_after_the_backoff_with_retry_stored() throws Exception {
        registry.register("t.flaky", ctx -> {
            throw new java.io.IOException("provider down");
        });
        Outcome.Retried retried = assertInstanceOf(Outcome.Retried.class, executions.of(deliver("t.flaky", List.of())).run());
        BrokerOp.Delay delay = (BrokerOp.Delay) retried.ops().get(0);
        assertEquals(clock.instant().plus(retried.countdown()).toEpochMilli(), delay.dueMillis());
        assertTrue(retried.countdown().compareTo(Duration.ofSeconds(1)) >= 0 && retried.countdown().compareTo(Duration.ofSeconds(2)) <= 0,
                "first retry: 2 s with equal jitter, got " + retried.countdown());
        assertEquals("RETRY", resultJson(retried.ops().get(1), app).path("status").asText());
        assertEquals(1, app.codec().decode(delay.envelope()).retries());
    }

    @Test
    void a_task_over_its_fleet_wide_rate_waits_in_the_delayed_set_for_its_reserved_token_bytes_unchanged() {
        registry.register("t.limited", TaskOptions.defaults().rateLimit("1/m"), ctx -> "ran");
        assertInstanceOf(Outcome.Succeeded.class, executions.of(deliver("t.limited", List.of(), SendOptions.defaults().taskId("r1"))).run());
        Delivery second = deliver("t.limited", List.of(), SendOptions.defaults().taskId("r2"));
        Outcome.Deferred deferred = assertInstanceOf(Outcome.Deferred.class, executions.of(second).run());
        BrokerOp.Delay delay = (BrokerOp.Delay) deferred.ops().get(0);
        assertEquals(clock.millis() + 60_000, delay.dueMillis(), "the next token, one minute on");
        assertTrue(java.util.Arrays.equals(second.raw(), delay.envelope()), "the message waits as it was sent");
        clock.advance(Duration.ofMinutes(1));
        assertInstanceOf(Outcome.Succeeded.class, executions.of(second).run(), "back on time: runs on its reserved token");
    }

    @Test
    void a_message_without_its_limit_key_or_with_a_huge_one_is_dead_lettered_with_the_reason() throws Exception {
        registry.register("t.per_user", TaskOptions.defaults().flowLimit(
                io.celeriac.core.flow.FlowLimit.concurrency(io.celeriac.core.flow.FlowLimit.OWN, 1).perKey("args[0]")), ctx -> "ran");
        Outcome.DeadLettered missing = assertInstanceOf(Outcome.DeadLettered.class,
                executions.of(deliver("t.per_user", List.of(), SendOptions.defaults().taskId("k1"))).run());
        assertTrue(missing.reason().contains("positional argument 0"), missing.reason());
        assertEquals("FAILURE", resultJson(missing.ops().get(0), app).path("status").asText());
        assertInstanceOf(BrokerOp.DeadLetter.class, missing.ops().get(1));
        Outcome.DeadLettered huge = assertInstanceOf(Outcome.DeadLettered.class,
                executions.of(deliver("t.per_user", List.of("u".repeat(1000)), SendOptions.defaults().taskId("k2"))).run());
        assertTrue(huge.reason().contains("1000 bytes"), huge.reason());
        assertInstanceOf(Outcome.Succeeded.class,
                executions.of(deliver("t.per_user", List.of("user-1"), SendOptions.defaults().taskId("k3"))).run());
    }

    @Test
    void an_argument_error_fails_at_once_without_retries() {
        registry.register("t.npe", ctx -> ctx.kwarg("missing", String.class, null).length());
        Outcome.DeadLettered failed = assertInstanceOf(Outcome.DeadLettered.class, executions.of(deliver("t.npe", List.of())).run());
        assertTrue(failed.taskFailed());
        assertTrue(failed.reason().startsWith("NullPointerException is never retried"), failed.reason());
    }

    @Test
    void an_early_ack_takes_the_message_out_of_flight_before_running_and_skips_one_no_longer_held() {
        registry.register("t.early", TaskOptions.defaults().ackMode(AckMode.EARLY), ctx -> "ran");
        Delivery held = deliver("t.early", List.of());
        Outcome.Succeeded succeeded = assertInstanceOf(Outcome.Succeeded.class, executions.of(held).run());
        assertFalse(succeeded.fenced(), "its outcome is written although the message already left flight");
        assertFalse(broker.release(held), "it left flight before the task ran");

        Delivery lost = deliver("t.early", List.of(), SendOptions.defaults().taskId("t-lost"));
        broker.release(lost);
        assertInstanceOf(Outcome.NotHeld.class, executions.of(lost).run(), "not held: not run");
    }

    @Test
    void track_started_writes_started_before_the_task_runs() throws Exception {
        registry.register("t.tracked", TaskOptions.defaults().trackStarted(true), ctx -> "done");
        executions.of(deliver("t.tracked", List.of())).run();
        assertEquals(1, earlyWrites.size());
        assertFalse(earlyWrites.get(0).fenced());
        assertEquals("STARTED", resultJson(earlyWrites.get(0).ops().get(0), app).path("status").asText());
    }

    @Test
    void a_worker_tracking_started_records_started_for_a_task_that_does_not_ask() throws Exception {
        registry.register("t.plain", ctx -> "done");
        executions.of(deliver("t.plain", List.of())).run();
        assertEquals(0, earlyWrites.size(), "without task_track_started a plain task records no STARTED");

        executions(true).of(deliver("t.plain", List.of(), SendOptions.defaults().taskId("t-plain-tracked"))).run();
        assertEquals(1, earlyWrites.size());
        JsonNode started = resultJson(earlyWrites.get(0).ops().get(0), app);
        assertEquals("STARTED", started.path("status").asText());
        assertEquals("t-plain-tracked", started.path("task_id").asText());
        assertEquals("exec@test", started.path("result").path("hostname").asText());
    }

    @Test
    void a_return_value_that_cannot_be_json_fails_the_task_instead_of_the_runner() throws Exception {
        registry.register("t.optional", ctx -> Optional.of(1));
        Outcome.DeadLettered failed = assertInstanceOf(Outcome.DeadLettered.class, executions.of(deliver("t.optional", List.of())).run());
        assertTrue(failed.reason().startsWith("the task's return value cannot be stored as JSON"), failed.reason());
        assertEquals("EncodeError", resultJson(failed.ops().get(0), app).path("result").path("exc_type").asText());
    }

    @Test
    void a_time_limit_fails_with_celerys_time_limit_exceeded_whatever_the_task_throws() throws Exception {
        registry.register("t.slow_http", TaskOptions.defaults().timeLimit(Duration.ofMillis(100)), ctx -> {
            try {
                new CountDownLatch(1).await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                // what OkHttp throws when its thread is interrupted mid-call
                throw new InterruptedIOException("interrupted");
            }
            return "never";
        });
        Outcome.DeadLettered failed = assertInstanceOf(Outcome.DeadLettered.class, executions.of(deliver("t.slow_http", List.of())).run());
        JsonNode exception = resultJson(failed.ops().get(0), app).path("result");
        assertEquals("TimeLimitExceeded", exception.path("exc_type").asText());
        assertEquals("celery.exceptions", exception.path("exc_module").asText());
        assertEquals(0.1, exception.path("exc_message").get(0).asDouble());
        assertEquals(0, stats.retried(), "a time limit is never retried");
    }

    @Test
    void terminate_ends_the_task_revoked_not_retried() throws Exception {
        registry.register("t.long", ctx -> {
            Thread.sleep(Duration.ofSeconds(30));
            return "never";
        });
        Execution execution = executions.of(deliver("t.long", List.of()));
        Thread canceller = Thread.ofVirtual().start(() -> {
            try {
                handlerStarted.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            execution.cancel(Cancellation.TERMINATED);
        });
        Outcome.Revoked revoked = assertInstanceOf(Outcome.Revoked.class, execution.run());
        canceller.join();
        assertEquals("terminated", revoked.why());
        assertEquals("REVOKED", resultJson(revoked.ops().get(0), app).path("status").asText());
        assertFalse(Thread.currentThread().isInterrupted(), "no interrupt leaks into the runner's next task");
    }

    @Test
    void an_outcome_of_a_message_lost_mid_task_is_fenced_out() {
        registry.register("t.ok2", ctx -> "late");
        Delivery delivery = deliver("t.ok2", List.of());
        Outcome outcome = executions.of(delivery).run();
        // the worker stalled past its lease meanwhile: its in-flight messages went back to the queue
        broker.recover("exec@test", clock.instant().plusSeconds(1),
                broker.sources("exec@test", List.of("celery")).stream().map(Source::list).toList());
        CompletionReport report = broker.complete(List.of(new Completion(delivery, outcome.fenced(), outcome.ops())));
        assertEquals(List.of(0), report.fenced());
        Optional<ResultMeta> stored = app.redisResults().get("t-t.ok2");
        assertTrue(stored.isEmpty(), "nothing written by the worker that lost the message");
    }

    @Test
    void a_revoked_or_expired_message_is_not_run() {
        registry.register("t.never", ctx -> {
            throw new AssertionError("must not run");
        });
        assertEquals("revoked", assertInstanceOf(Outcome.Revoked.class,
                executions.of(deliver("t.never", List.of(), SendOptions.defaults().taskId("revoked-1"))).run()).why());
        Delivery expiring = deliver("t.never", List.of(), SendOptions.defaults().taskId("t-exp").expires(clock.instant().plusSeconds(5)));
        clock.advance(Duration.ofSeconds(6));
        assertEquals("expired", assertInstanceOf(Outcome.Revoked.class, executions.of(expiring).run()).why());
    }

    @Test
    void a_message_due_later_is_deferred_and_one_for_no_task_is_dead_lettered() {
        Delivery later = deliver("t.any", List.of(), SendOptions.defaults().taskId("t-later"));
        // a Python client's countdown: the ETA is inside the message, the message already on the queue
        byte[] withEta = new String(later.raw(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"eta\":null", "\"eta\":\"2026-12-07T10:00:00+00:00\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Delivery deferred = new Delivery(later.queue(), later.sourceList(), later.inflightList(), withEta);
        Outcome.Deferred outcome = assertInstanceOf(Outcome.Deferred.class, executions.of(deferred).run());
        assertEquals(Instant.parse("2026-12-07T10:00:00Z").toEpochMilli(), ((BrokerOp.Delay) outcome.ops().get(0)).dueMillis());

        Outcome.DeadLettered unknown = assertInstanceOf(Outcome.DeadLettered.class, executions.of(later).run());
        assertTrue(unknown.reason().contains("is not registered"), unknown.reason());
    }
}
