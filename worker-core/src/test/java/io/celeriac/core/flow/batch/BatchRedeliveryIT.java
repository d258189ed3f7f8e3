package io.celeriac.core.flow.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.BrokerOp;
import io.celeriac.core.broker.Completion;
import io.celeriac.core.broker.CompletionReport;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.broker.Source;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.client.TaskClient;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.FaultyBroker;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.worker.LeaseRecoverer;
import io.celeriac.core.worker.Worker;
import io.celeriac.core.worker.WorkerDependencies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly once through crashes: a worker killed mid-task (its message recovered and run by another),
 * its late outcome, a completion applied twice, a failure undone by a requeue. Callbacks go to a
 * queue no worker consumes, so the test counts the callback messages themselves.
 */
class BatchRedeliveryIT {
    static Application app;
    static Batches batches;

    @BeforeAll
    static void start() {
        app = TestApp.create();
        batches = app.client().batches();
    }

    @AfterAll
    static void stop() {
        TestApp.removeKeys(app);
        app.close();
    }

    private static TaskClient.Request task(String name, String queue) {
        return new TaskClient.Request(name, List.of(), Map.of(), SendOptions.defaults().queue(queue));
    }

    /** Opens a batch whose callbacks go to {@code callbacks}, with {@code n} tasks on {@code queue}; returns its id and task ids. */
    private static List<String> batchOf(int n, String queue, String callbacks, Duration keep) {
        String id = batches.open(new Batches.Plan("redelivery", task("cb.complete", callbacks), task("cb.success", callbacks), keep));
        List<String> ids = new java.util.ArrayList<>();
        ids.add(id);
        ids.addAll(batches.add(id, java.util.stream.IntStream.range(0, n).mapToObj(i -> task("crash.work", queue)).toList()));
        batches.seal(id);
        return ids;
    }

    private static long waiting(String queue) {
        return app.redisBroker().queueDepths(queue).values().stream().mapToLong(Long::longValue).sum();
    }

    private static BatchProgress progress(String id) {
        return batches.progress(id).orElseThrow();
    }

    private static CompletionReport completeAgain(String batch, String taskId, boolean succeeded) {
        return app.redisBroker().complete(List.of(new Completion(null, false,
                List.of(new BrokerOp.BatchPart(batch, taskId, succeeded, System.currentTimeMillis())))));
    }

    @Test
    void a_task_whose_worker_was_killed_runs_again_elsewhere_and_counts_once() throws Exception {
        List<String> ids = batchOf(2, "work", "callbacks-a", null);
        String batch = ids.get(0);
        // the doomed worker takes one message and dies (kill -9): it never completes it
        List<Source> sources = app.redisBroker().sources("doomed", List.of("work"));
        Delivery taken = app.redisBroker().fetch(sources, 1, 1 << 20).get(0);
        String takenId = app.codec().decode(taken.raw()).id();
        Instant beat = Instant.now().minusSeconds(60);
        app.redisBroker().heartbeat("doomed", beat, Map.of("sources", String.join("\n", sources.stream().map(Source::list).toList())));
        assertEquals(1, new LeaseRecoverer(app.redisBroker(), app.clock(), Duration.ofSeconds(3)).recover("doomed", beat.plusMillis(1)));

        TaskRegistry registry = new TaskRegistry();
        registry.register("crash.work", ctx -> "done");
        Worker live = TestApp.worker(app, registry, TestApp.settings("live-a", List.of("work"), 2));
        live.start();
        try {
            Eventually.await("the batch completes", Duration.ofSeconds(20), () -> progress(batch).completedAt() != null);
        } finally {
            live.shutdown();
        }
        // the doomed worker wakes and writes its late outcome: fenced out, it writes nothing
        CompletionReport late = app.redisBroker().complete(List.of(Completion.of(taken,
                List.of(new BrokerOp.BatchPart(batch, takenId, false, System.currentTimeMillis())))));
        assertEquals(1, late.fenced().size());
        // and an unfenced second completion of the same task (an early-acked task run twice) counts nothing either
        completeAgain(batch, takenId, true);
        completeAgain(batch, takenId, false);

        BatchProgress done = progress(batch);
        assertEquals(List.of(2L, 0L, 2L, 0L), List.of(done.total(), done.pending(), done.succeeded(), done.failed()));
        assertEquals(2, waiting("callbacks-a"), "on_complete and on_success, once each");
    }

    @Test
    void completions_whose_reply_was_lost_and_that_the_worker_wrote_again_count_once() {
        List<String> ids = batchOf(3, "work-f", "callbacks-f", null);
        String batch = ids.get(0);
        FaultyBroker faulty = new FaultyBroker(app.redisBroker()).loseCompletionReplies(3);
        TaskRegistry registry = new TaskRegistry();
        registry.register("crash.work", ctx -> "done");
        Worker worker = new Worker(TestApp.settings("lossy-f", List.of("work-f"), 1),
                new WorkerDependencies(faulty, registry, app.codec(), app.client(), app.clock(), app.random(), id -> false));
        worker.start();
        try {
            Eventually.await("the batch completes", Duration.ofSeconds(20), () -> progress(batch).completedAt() != null);
            Eventually.await("every reply lost and written again", Duration.ofSeconds(20), () -> faulty.completions() >= 4);
        } finally {
            worker.shutdown();
        }

        BatchProgress done = progress(batch);
        assertEquals(List.of(3L, 0L, 3L, 0L), List.of(done.total(), done.pending(), done.succeeded(), done.failed()));
        assertEquals(2, waiting("callbacks-f"));
    }

    @Test
    void a_callback_redis_refuses_to_enqueue_is_dead_lettered_with_its_reason() {
        String callbacks = "callbacks-g";
        app.redisBroker().direct().call(jedis -> jedis.set(app.keys().queueList(callbacks, 0), "not a list"));
        List<String> ids = batchOf(1, "work-g", callbacks, null);

        completeAgain(ids.get(0), ids.get(1), true);

        List<String> dead = app.redisBroker().direct().call(jedis -> jedis.lrange(app.keys().dead(), 0, -1));
        assertTrue(dead.stream().anyMatch(d -> d.contains("could not enqueue the on_complete callback of batch " + ids.get(0))), dead.toString());
        assertTrue(dead.stream().anyMatch(d -> d.contains("could not enqueue the on_success callback of batch " + ids.get(0))), dead.toString());
        assertEquals("succeeded", progress(ids.get(0)).state());
    }

    @Test
    void what_a_running_task_adds_to_its_batch_is_its_child_and_counts_before_the_batch_can_complete() {
        String batch = batches.open(new Batches.Plan("grow", task("cb.complete", "callbacks-h"), null, null));
        String fan = batches.add(batch, List.of(task("grow.fan", "work-h"))).get(0);
        batches.seal(batch);
        TaskRegistry registry = new TaskRegistry();
        registry.register("grow.fan", ctx -> ctx.batch().add(List.of(task("crash.work", "work-h"), task("crash.work", "work-h"))));
        registry.register("crash.work", ctx -> "done");
        Worker worker = TestApp.worker(app, registry, TestApp.settings("grow-h", List.of("work-h"), 2));
        worker.start();
        try {
            Eventually.await("the batch completes", Duration.ofSeconds(20), () -> progress(batch).completedAt() != null);
        } finally {
            worker.shutdown();
        }

        assertEquals(List.of(3L, 3L), List.of(progress(batch).total(), progress(batch).succeeded()));
        assertEquals(2, app.redisResults().get(fan).orElseThrow().children().size());
        assertEquals(1, waiting("callbacks-h"));
    }

    @Test
    void the_last_completion_applied_twice_and_a_second_seal_send_each_callback_once() {
        List<String> ids = batchOf(1, "work-b", "callbacks-b", null);
        String batch = ids.get(0);

        completeAgain(batch, ids.get(1), true);
        completeAgain(batch, ids.get(1), true);
        batches.seal(batch);

        BatchProgress done = progress(batch);
        assertEquals("succeeded", done.state());
        assertEquals(List.of(1L, 0L, 1L, 0L), List.of(done.total(), done.pending(), done.succeeded(), done.failed()));
        assertEquals(2, waiting("callbacks-b"));
    }

    @Test
    void a_batch_stays_open_until_its_sender_seals_it_however_fast_its_tasks_end() {
        String batch = batches.open(new Batches.Plan("held", task("cb.complete", "callbacks-c"), null, null));
        String only = batches.add(batch, List.of(task("crash.work", "work-c"))).get(0);

        completeAgain(batch, only, true);
        assertEquals("adding", progress(batch).state());
        assertEquals(0, waiting("callbacks-c"));

        batches.seal(batch);
        assertEquals("succeeded", progress(batch).state());
        assertEquals(1, waiting("callbacks-c"));
    }

    @Test
    void a_failure_undone_by_a_requeue_sends_on_success_then_and_on_complete_never_again() {
        List<String> ids = batchOf(2, "work-d", "callbacks-d", null);
        String batch = ids.get(0);

        completeAgain(batch, ids.get(1), true);
        completeAgain(batch, ids.get(2), false);
        BatchProgress failed = progress(batch);
        assertEquals("complete", failed.state());
        assertNull(failed.succeededAt());
        assertEquals(1, waiting("callbacks-d"), "on_complete only");

        completeAgain(batch, ids.get(2), true);
        BatchProgress recovered = progress(batch);
        assertEquals(List.of(2L, 0L, 2L, 0L), List.of(recovered.total(), recovered.pending(), recovered.succeeded(), recovered.failed()));
        assertNotNull(recovered.succeededAt());
        assertEquals(2, waiting("callbacks-d"), "on_success now, on_complete not again");
    }

    @Test
    void a_completed_batch_expires_after_its_ttl_and_an_unknown_task_id_counts_nothing() {
        List<String> ids = batchOf(1, "work-e", "callbacks-e", Duration.ofSeconds(60));
        String batch = ids.get(0);

        completeAgain(batch, "not-a-member", false);
        assertEquals(1, progress(batch).pending());
        completeAgain(batch, ids.get(1), true);

        long ttl = app.redisBroker().direct().call(jedis -> jedis.ttl(app.keys().batch(batch)));
        long tasksTtl = app.redisBroker().direct().call(jedis -> jedis.ttl(app.keys().batchTasks(batch)));
        assertTrue(ttl > 0 && ttl <= 60, "ttl " + ttl);
        assertTrue(tasksTtl > 0 && tasksTtl <= 60, "tasks ttl " + tasksTtl);
        assertTrue(batches.list(100).stream().anyMatch(b -> b.id().equals(batch)));
        assertFalse(batches.progress("never-opened").isPresent());
        // the index follows the keys' expiry, and the next batch opened forgets what expired
        double until = app.redisBroker().direct().call(jedis -> jedis.zscore(app.keys().batches(), batch));
        assertTrue(until <= System.currentTimeMillis() + 60_000, "indexed until " + until);
        app.redisBroker().direct().call(jedis -> jedis.zadd(app.keys().batches(), 1, "expired-long-ago"));
        batchOf(0, "work-e", "callbacks-e", null);
        assertNull(app.redisBroker().direct().call(jedis -> jedis.zscore(app.keys().batches(), "expired-long-ago")));
    }
}
