package io.celeriac.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.Batch;
import io.celeriac.BatchStatus;
import io.celeriac.Celeriac;
import io.celeriac.CeleriacWorker;
import io.celeriac.Signature;
import io.celeriac.Task;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batches through the public API, with real workers on the test Redis: callbacks once, failures, retries, growth. */
class BatchIT {
    static final Task<Integer, Integer> DOUBLE = Task.of("batch.double", Integer.class, Integer.class);
    static final Task<Integer, Integer> BROKEN = Task.of("batch.broken", Integer.class, Integer.class).settings(s -> s.maxRetries(0));
    static final Task<String, String> FLAKY = Task.of("batch.flaky", String.class, String.class);
    static final Task<Integer, Integer> FAN = Task.of("batch.fan", Integer.class, Integer.class);
    static final Task<String, String> CALLBACK = Task.of("batch.callback", String.class, String.class);
    static final Task<Integer, Integer> LAST = Task.of("batch.last", Integer.class, Integer.class);

    /** "kind:batch id" -> how many times that callback ran. */
    static final Map<String, AtomicInteger> callbacks = new ConcurrentHashMap<>();
    /** FLAKY's attempts by argument. */
    static final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    static CeleriacWorker worker;
    static Celeriac celeriac;

    @BeforeAll
    static void start() {
        String prefix = TestApp.randomPrefix();
        var url = TestRedis.url();
        String redis = "redis://" + url.host() + ":" + url.port() + "/" + url.database();
        worker = CeleriacWorker.builder(redis).keyPrefixes(prefix + "celeriac:", prefix).name("batch@test").concurrency(4)
                .task(DOUBLE, (n, context) -> n * 2)
                .task(BROKEN, (n, context) -> {
                    throw new IllegalStateException("part " + n + " broke");
                })
                .task(FLAKY, (key, context) -> {
                    if (attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() == 1) {
                        throw context.retry(Duration.ZERO, new IllegalStateException("first attempt fails"));
                    }
                    return key;
                })
                .task(FAN, (n, context) -> {
                    Batch own = context.batch().orElseThrow(() -> new IllegalStateException("not in a batch"));
                    List<Signature<?>> children = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        children.add(DOUBLE.with(i));
                    }
                    own.addAll(children);
                    return n;
                })
                .task(CALLBACK, (kind, context) -> {
                    String batch = context.callbackOf().orElse("none");
                    callbacks.computeIfAbsent(kind + ":" + batch, k -> new AtomicInteger()).incrementAndGet();
                    return kind;
                })
                .task(LAST, (n, context) -> n)
                .start();
        celeriac = Celeriac.builder(redis).keyPrefixes(prefix + "celeriac:", prefix).build();
    }

    @AfterAll
    static void stop() {
        celeriac.close();
        worker.close();
    }

    private static Batch submit(List<Signature<?>> tasks) {
        var builder = celeriac.batch().description("test batch")
                .onSuccess(CALLBACK.with("success")).onComplete(CALLBACK.with("complete"));
        tasks.forEach(builder::add);
        return builder.submit();
    }

    private static BatchStatus awaitComplete(Batch batch) {
        return Eventually.value("batch " + batch.id() + " complete", Duration.ofSeconds(20),
                () -> batch.status().filter(BatchStatus::isComplete).orElse(null));
    }

    /** Waits for a task sent after the callbacks, so a second callback, had one been pushed, would have run by now too. */
    private static void drain() {
        assertEquals(7, celeriac.send(LAST, 7).get(Duration.ofSeconds(20)));
    }

    private static int ran(String kind, Batch batch) {
        AtomicInteger count = callbacks.get(kind + ":" + batch.id());
        return count == null ? 0 : count.get();
    }

    @Test
    void when_every_task_succeeds_on_complete_and_on_success_run_exactly_once() {
        List<Signature<?>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tasks.add(DOUBLE.with(i));
        }
        Batch batch = submit(tasks);

        BatchStatus status = awaitComplete(batch);
        Eventually.await("both callbacks", Duration.ofSeconds(20), () -> ran("success", batch) == 1 && ran("complete", batch) == 1);
        drain();

        assertEquals(List.of(20L, 0L, 20L, 0L), List.of(status.total(), status.pending(), status.succeeded(), status.failed()));
        assertEquals("test batch", status.description());
        assertTrue(batch.status().orElseThrow().succeededAt() != null);
        assertEquals(1, ran("success", batch));
        assertEquals(1, ran("complete", batch));
    }

    @Test
    void with_failures_and_an_unregistered_task_on_complete_runs_once_and_on_success_never() {
        Batch batch = submit(List.of(DOUBLE.with(1), BROKEN.with(2), DOUBLE.with(3), BROKEN.with(4), DOUBLE.with(5),
                Signature.of("batch.registered_nowhere", List.of(6), Map.of())));

        BatchStatus status = awaitComplete(batch);
        Eventually.await("on_complete", Duration.ofSeconds(20), () -> ran("complete", batch) == 1);
        drain();

        assertEquals(List.of(6L, 0L, 3L, 3L), List.of(status.total(), status.pending(), status.succeeded(), status.failed()));
        assertEquals(0, ran("success", batch));
        assertEquals(1, ran("complete", batch));
        assertNull(batch.status().orElseThrow().succeededAt());
    }

    @Test
    void a_task_that_retries_counts_once_when_it_ends_for_good() {
        Batch batch = submit(List.of(FLAKY.with("retry-" + System.nanoTime()), DOUBLE.with(1)));

        BatchStatus status = awaitComplete(batch);
        Eventually.await("on_success", Duration.ofSeconds(20), () -> ran("success", batch) == 1);

        assertEquals(List.of(2L, 0L, 2L, 0L), List.of(status.total(), status.pending(), status.succeeded(), status.failed()));
    }

    @Test
    void tasks_that_add_tasks_to_their_own_batch_grow_it_and_it_completes_after_the_last() {
        Batch batch = submit(List.of(FAN.with(5), FAN.with(3)));

        BatchStatus status = awaitComplete(batch);
        Eventually.await("both callbacks", Duration.ofSeconds(20), () -> ran("success", batch) == 1 && ran("complete", batch) == 1);
        drain();

        assertEquals(List.of(10L, 0L, 10L, 0L), List.of(status.total(), status.pending(), status.succeeded(), status.failed()));
        assertEquals(1, ran("success", batch));
    }

    @Test
    void an_empty_batch_completes_at_once_and_a_complete_batch_refuses_new_tasks() {
        Batch batch = submit(List.of());

        BatchStatus status = awaitComplete(batch);
        Eventually.await("both callbacks", Duration.ofSeconds(20), () -> ran("success", batch) == 1 && ran("complete", batch) == 1);

        assertEquals(0, status.total());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> batch.add(DOUBLE.with(1)));
        assertTrue(refused.getMessage().contains("has completed"), refused.getMessage());
        assertEquals(0, celeriac.batch(batch.id()).status().orElseThrow().total());
    }

    @Test
    void a_batch_id_that_is_not_one_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> celeriac.batch("no spaces allowed"));
        assertTrue(celeriac.batch("never-opened").status().isEmpty());
    }
}
