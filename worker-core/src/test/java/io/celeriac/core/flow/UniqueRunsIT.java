package io.celeriac.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.celeriac.core.app.Application;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.message.NewTask;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskMessage;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Unique tasks with a running worker against real Redis: when each mode lets the next send in,
 * duplicates under concurrent sends (zero duplicate executions), and what a Python sender gets
 * with the {@code celeriac_unique} header alone.
 */
class UniqueRunsIT {
    static final Duration WAIT = Duration.ofSeconds(15);
    Application app;
    Worker worker;
    final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch holding = new CountDownLatch(1);

    @BeforeEach
    void setUp() {
        app = TestApp.create();
        TaskRegistry registry = new TaskRegistry();
        registry.register("u.count", ctx -> {
            runs.computeIfAbsent(ctx.arg(0, String.class), k -> new AtomicInteger()).incrementAndGet();
            return "ran";
        });
        registry.register("u.hold", ctx -> {
            runs.computeIfAbsent("hold", k -> new AtomicInteger()).incrementAndGet();
            holding.countDown();
            return release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS) ? "released" : "timed out";
        });
        worker = TestApp.worker(app, registry, TestApp.settings("unique@test", List.of("u"), 8));
        worker.start();
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        worker.shutdown();
        TestApp.removeKeys(app);
        app.close();
    }

    AsyncResult send(String task, String arg, Unique unique) {
        return app.client().send(task, List.of(arg), Map.of(), SendOptions.defaults().queue("u").unique(unique));
    }

    int ran(String arg) {
        AtomicInteger n = runs.get(arg);
        return n == null ? 0 : n.get();
    }

    @Test
    void until_executed_holds_while_the_task_runs_and_lets_the_next_send_in_once_it_ended() throws Exception {
        AsyncResult first = send("u.hold", "x", Unique.untilExecuted(Duration.ofMinutes(5)));
        assertTrue(holding.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(send("u.hold", "x", Unique.untilExecuted(Duration.ofMinutes(5))).duplicate(), "running: still a duplicate");
        release.countDown();
        assertEquals("released", first.get(WAIT).asText());
        Eventually.await("the lock released", WAIT, () -> app.redisBroker().uniqueLocks().list(10).isEmpty());
        assertFalse(send("u.hold", "x", Unique.untilExecuted(Duration.ofMinutes(5))).duplicate());
    }

    @Test
    void until_started_lets_the_next_send_in_as_soon_as_the_task_starts() throws Exception {
        send("u.hold", "y", Unique.untilStarted(Duration.ofMinutes(5)));
        assertTrue(holding.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        Eventually.await("the lock released at the start", WAIT, () -> app.redisBroker().uniqueLocks().list(10).isEmpty());
        assertFalse(send("u.hold", "y", Unique.untilStarted(Duration.ofMinutes(5))).duplicate());
    }

    @Test
    void while_executing_runs_every_send_but_one_at_a_time() {
        List<AsyncResult> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(send("u.count", "serial", Unique.whileExecuting(Duration.ofMinutes(1))));
        }
        assertEquals(3, Set.copyOf(sent.stream().map(AsyncResult::id).toList()).size(), "no send is a duplicate");
        for (AsyncResult r : sent) {
            assertEquals("ran", r.get(WAIT).asText());
        }
        assertEquals(3, ran("serial"));
    }

    @Test
    void concurrent_duplicate_sends_enqueue_once_per_key_and_nothing_runs_twice() throws Exception {
        // the queue is paused while the copies are sent, so every copy meets its twin's lock
        app.redisBroker().pauseQueue("u", true);
        Eventually.await("the worker paused", WAIT, () -> worker.pauses().contains("u"));
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        io.micrometer.core.instrument.Metrics.addRegistry(meters);
        int keys = 100;
        int sendsPerKey = 4;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<AsyncResult> results = new ArrayList<>();
        try {
            List<Future<AsyncResult>> futures = new ArrayList<>();
            for (int copy = 0; copy < sendsPerKey; copy++) {
                for (int k = 0; k < keys; k++) {
                    String arg = "k" + k;
                    futures.add(pool.submit(() -> send("u.count", arg, Unique.untilExecuted(Duration.ofMinutes(5)))));
                }
            }
            for (Future<AsyncResult> f : futures) {
                results.add(f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
        } finally {
            pool.shutdownNow();
            io.micrometer.core.instrument.Metrics.removeRegistry(meters);
        }
        long enqueued = results.stream().filter(r -> !r.duplicate()).count();
        assertEquals(keys, enqueued, "one send per key enqueued");
        assertEquals(keys, Set.copyOf(results.stream().map(AsyncResult::id).toList()).size(), "every copy names its key's one task");
        assertEquals(keys * (sendsPerKey - 1), meters.find("celeriac.unique.deduplicated").tag("task", "u.count").tag("at", "send").counter().count());

        app.redisBroker().pauseQueue("u", false);
        for (AsyncResult r : results) {
            assertEquals("ran", r.get(WAIT).asText());
        }
        for (int k = 0; k < keys; k++) {
            assertEquals(1, ran("k" + k), "k" + k + " ran once");
        }
    }

    @Test
    void a_python_sender_with_the_header_alone_gets_one_run_and_revoked_duplicates() throws Exception {
        String key = "py-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(publishAsPython("u.count", key, "throttle"));
        }
        int succeeded = 0;
        int revoked = 0;
        for (String id : ids) {
            ResultMeta meta = app.client().result(id).await(WAIT);
            if (meta.status() == TaskState.SUCCESS) {
                succeeded++;
            } else {
                assertEquals(TaskState.REVOKED, meta.status());
                assertTrue(meta.exception().toString().contains("duplicate of task "), meta.exception().toString());
                revoked++;
            }
        }
        assertEquals(1, succeeded);
        assertEquals(2, revoked);
        assertEquals(1, ran(key));
    }

    @Test
    void a_malformed_header_fails_the_task_with_its_reason_and_it_does_not_run() {
        TaskMessage message = NewTask.create(UUID.randomUUID().toString(), "u.count",
                JsonNodeFactory.instance.arrayNode().add("bad"), JsonNodeFactory.instance.objectNode(), "u",
                0, null, null, false, "gen1@py", UUID.randomUUID().toString(), null, null);
        message.headers().put(UniqueKeys.HEADER, "not an object");
        app.redisBroker().publish("u", 0, app.codec().encodeBytes(message));
        ResultMeta meta = app.client().result(message.id()).await(WAIT);
        assertEquals(TaskState.FAILURE, meta.status());
        assertTrue(meta.exception().toString().contains(UniqueKeys.HEADER), meta.exception().toString());
        assertEquals(0, ran("bad"));
    }

    /** A message as a Python sender makes it: the header, and no lock taken at the send. */
    private String publishAsPython(String task, String arg, String mode) {
        String id = UUID.randomUUID().toString();
        TaskMessage message = NewTask.create(id, task, JsonNodeFactory.instance.arrayNode().add(arg),
                JsonNodeFactory.instance.objectNode(), "u", 0, null, null, false, "gen1@py", UUID.randomUUID().toString(), null, null);
        message.headers().set(UniqueKeys.HEADER, JsonNodeFactory.instance.objectNode()
                .put("key", arg).put("mode", mode).put("ttl", 60));
        app.redisBroker().publish("u", 0, app.codec().encodeBytes(message));
        return id;
    }
}
