package io.celeriac.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.builtin.BuiltinTasks;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.ResultTimeoutException;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.message.CeleryTime;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our client sending to a real Python Celery worker (Debian's Celery 5.2, {@code interop_app.py})
 * and reading what it stores: results, failures, Python's {@code self.retry()} of our message,
 * and countdowns, which wait in our delayed set until a Celeriac worker's forwarder moves them.
 */
class PythonWorkerInteropIT {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(20);

    static PythonCelery python;
    static PythonWorker pythonWorker;
    static Application app;
    static Worker forwarding;
    static String queue;
    static String own;

    @BeforeAll
    static void start() {
        PythonCelery.assumeInstalled();
        python = new PythonCelery();
        queue = InteropApp.randomQueue("pyworker");
        pythonWorker = python.startWorker(queue, READY_TIMEOUT);
        app = InteropApp.create();
        // a Celeriac worker on a queue of its own: here only for its delayed-message forwarder
        TaskRegistry registry = new TaskRegistry();
        new BuiltinTasks().register(registry, app);
        own = InteropApp.randomQueue("forwarder");
        forwarding = TestApp.worker(app, registry, TestApp.settings("java-" + own + "@test", List.of(own), 1));
        forwarding.start();
    }

    @AfterAll
    static void stop() {
        if (forwarding != null) {
            forwarding.shutdown();
        }
        if (pythonWorker != null) {
            pythonWorker.close();
        }
        if (app != null) {
            InteropApp.forget(app, List.of(queue, own));
            python.forget(app);
            app.close();
        }
    }

    @Test
    void our_send_runs_on_a_python_worker_and_we_read_its_result() {
        AsyncResult result = app.client().send("interop.py.add", List.of(2, 3), Map.of(), SendOptions.defaults().queue(queue));

        assertEquals(5, result.get(RESULT_TIMEOUT).asInt(), this::workerLog);
        assertEquals(TaskState.SUCCESS, result.state());
    }

    @Test
    void our_message_reaches_python_with_the_values_and_headers_we_sent() {
        Map<String, Object> kwargs = Map.of("text", "héllo ✓ \"quoted\"\n", "nested", Map.of("list", List.of(1, 2.5, true)));
        Instant expires = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MICROS);

        AsyncResult result = app.client().send("interop.py.describe", List.of(7, "é"), kwargs,
                SendOptions.defaults().queue(queue).priority(6).expires(expires));
        JsonNode seen = result.get(RESULT_TIMEOUT);

        assertEquals(PythonCelery.JSON.valueToTree(List.of(7, "é")), seen.get("args"));
        assertEquals(PythonCelery.JSON.valueToTree(kwargs), seen.get("kwargs"));
        assertEquals(result.id(), seen.get("id").asText());
        assertEquals(result.id(), seen.get("root_id").asText(), "a standalone task is its own root");
        assertTrue(seen.get("parent_id").isNull());
        assertEquals(0, seen.get("retries").asInt());
        assertTrue(seen.get("eta").isNull());
        assertEquals(expires, CeleryTime.parse(seen.get("expires").asText()));
        assertEquals(queue, seen.get("routing_key").asText(), "delivery_info.routing_key is our queue");
        assertEquals(6, seen.get("priority").asInt(), "taken from the priority-6 bucket with its priority");
        assertTrue(seen.get("hostname").asText().startsWith(pythonWorker.name() + "@"), "ran on the python worker");
    }

    @Test
    void a_python_tasks_own_progress_state_is_read_by_us_as_running_with_its_meta() {
        AsyncResult result = app.client().send("interop.py.progress", List.of(40, 100), Map.of(), SendOptions.defaults().queue(queue));

        ResultMeta meta = Eventually.value("the PROGRESS state stored by python", RESULT_TIMEOUT,
                () -> app.redisResults().get(result.id()).orElse(null));

        assertEquals("PROGRESS", meta.state(), this::workerLog);
        assertEquals(TaskState.STARTED, meta.status(), "a state of the task's own is a running one");
        assertEquals(40, meta.result().get("done").asInt());
    }

    @Test
    void a_python_failure_is_read_by_us_as_failure_with_its_exception() {
        AsyncResult result = app.client().send("interop.py.fail", List.of("bad thing"), Map.of(), SendOptions.defaults().queue(queue));

        ResultMeta meta = result.await(RESULT_TIMEOUT);

        assertEquals(TaskState.FAILURE, meta.status());
        assertEquals("ValueError", meta.exception().type());
        assertEquals("builtins", meta.exception().module());
        assertEquals("bad thing", meta.exception().message());
        assertTrue(meta.traceback().contains("ValueError: bad thing"), meta::traceback);
        assertNotNull(meta.dateDone(), "python's naive date_done parses");
    }

    @Test
    void a_message_we_send_past_its_expiry_is_revoked_by_python_and_we_read_that() {
        AsyncResult result = app.client().send("interop.py.add", List.of(1, 1), Map.of(),
                SendOptions.defaults().queue(queue).expires(Instant.now().minusSeconds(60)));

        ResultMeta meta = result.await(RESULT_TIMEOUT);

        assertEquals(TaskState.REVOKED, meta.status(), this::workerLog);
        assertEquals("TaskRevokedError", meta.exception().type());
        assertEquals("celery.exceptions", meta.exception().module());
    }

    @Test
    void a_python_retry_of_our_message_lands_on_our_queue_and_completes() {
        AsyncResult result = app.client().send("interop.py.retry_once", List.of(7), Map.of(), SendOptions.defaults().queue(queue));

        ResultMeta meta;
        try {
            meta = result.await(RESULT_TIMEOUT);
        } catch (ResultTimeoutException e) {
            throw new AssertionError("no result; messages in celery's default queue: " + python.defaultQueueLength(app)
                    + "\n" + workerLog(), e);
        }

        assertEquals(TaskState.SUCCESS, meta.status(), this::workerLog);
        assertEquals(1, meta.result().get("retries").asInt(), "the second attempt succeeded");
        assertEquals(queue, meta.result().get("routing_key").asText(), "the retry came from our queue");
        assertEquals(result.id(), meta.parentId(), "celery's retry names the task itself as parent");
        assertTrue(workerLog().contains("interop.py.retry_once[" + result.id() + "] retry: Retry in 1s"), this::workerLog);
        assertEquals(0, python.defaultQueueLength(app), "nothing went to celery's default queue");
    }

    @Test
    void our_eta_to_a_python_worker_waits_in_our_delayed_set_then_runs_after_it() {
        Instant eta = Instant.now().plus(Duration.ofMillis(1500)).truncatedTo(ChronoUnit.MICROS);

        AsyncResult result = app.client().send("interop.py.describe", List.of(), Map.of(), SendOptions.defaults().queue(queue).eta(eta));
        boolean parked = app.redis().<String>getScoredSortedSet(app.keys().delayed()).readAll().stream()
                .anyMatch(m -> m.contains(result.id()));
        ResultMeta meta = result.await(RESULT_TIMEOUT);

        assertTrue(parked, "held in the delayed set, not on the queue, until due");
        assertEquals(TaskState.SUCCESS, meta.status(), this::workerLog);
        assertEquals(eta, CeleryTime.parse(meta.result().get("eta").asText()), "python saw our eta header");
        assertFalse(meta.dateDone().isBefore(eta), "ran at " + meta.dateDone() + ", before its eta " + eta);
        assertTrue(meta.result().get("hostname").asText().startsWith(pythonWorker.name() + "@"));
    }

    private String workerLog() {
        return "--- python worker log ---\n" + pythonWorker.log();
    }

    @Test
    void a_chord_over_a_python_and_a_celeriac_worker_runs_its_body_once() {
        com.fasterxml.jackson.databind.node.ObjectNode command = PythonCelery.JSON.createObjectNode().put("wait", 30);
        com.fasterxml.jackson.databind.node.ObjectNode chord = command.putObject("chord");
        var header = chord.putArray("header");
        for (int i = 1; i <= 4; i++) {
            // alternate: even parts on the Python worker's queue, odd ones on the Celeriac worker's
            header.addObject().put("task", i % 2 == 0 ? "interop.py.add" : "celeriac.add").put("queue", i % 2 == 0 ? queue : own)
                    .set("args", PythonCelery.JSON.valueToTree(List.of(i, i)));
        }
        chord.putObject("body").put("task", "interop.py.sum").put("queue", queue);

        JsonNode result = python.client(command, Duration.ofSeconds(60)).get(0);

        assertEquals("SUCCESS", result.get("status").asText(), () -> result + workerLog());
        assertEquals(20, result.get("result").asInt(), "2 + 4 + 6 + 8, from both kinds of worker");
    }
}
