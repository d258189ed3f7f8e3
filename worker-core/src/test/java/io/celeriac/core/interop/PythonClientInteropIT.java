package io.celeriac.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.builtin.BuiltinTasks;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.worker.Worker;
import io.celeriac.core.worker.WorkerSettings;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Python Celery clients (Debian's Celery 5.2) sending to our worker and reading our results with
 * {@code AsyncResult.get()}: plain calls, failures, unknown tasks, expiry, countdown/ETA messages,
 * priorities, retries, result_extended fields and groups. Chains and link callbacks are written
 * down as disabled tests: our worker does not act on a message's embed yet.
 */
class PythonClientInteropIT {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);
    private static final int WAIT_SECONDS = 20;
    /** Long enough that a slow python client has exited before the messages fall due. */
    private static final int ETA_SECONDS = 5;

    static PythonCelery python;
    static Application app;
    static TaskRegistry registry;
    static Worker worker;
    static String queue;
    static final List<Integer> served = new CopyOnWriteArrayList<>();
    static final List<String> queues = new CopyOnWriteArrayList<>();
    /** A typed task with a record argument, as a Java developer writes one. */
    record Greeting(String name, String language) {
    }

    static final class Greeter {
        @io.celeriac.CeleriacTask(value = "interop.java.greet", maxRetries = 0)
        String greet(Greeting greeting) {
            return (greeting.language().equals("fr") ? "Bonjour, " : "Hello, ") + greeting.name();
        }
    }

    static final java.util.concurrent.CountDownLatch progressRelease = new java.util.concurrent.CountDownLatch(1);

    @BeforeAll
    static void start() {
        PythonCelery.assumeInstalled();
        python = new PythonCelery();
        app = InteropApp.create();
        registry = new TaskRegistry();
        new BuiltinTasks().register(registry, app);
        registry.register("interop.java.clock", ctx -> ctx.clock().millis());
        registry.register("interop.java.sum", ctx -> {
            long total = 0;
            for (JsonNode n : ctx.args().get(0)) {
                total += n.asLong();
            }
            return total;
        });
        registry.register("interop.java.record", ctx -> {
            served.add(ctx.arg(0, Integer.class));
            return ctx.arg(0, Integer.class);
        });
        registry.register("interop.java.retry_once", ctx -> {
            if (ctx.retries() == 0) {
                throw ctx.retry(Duration.ofMillis(200), new IllegalStateException("first attempt"));
            }
            return Map.of("retries", ctx.retries(), "queue", ctx.queue());
        });
        registry.register("interop.java.progress", ctx -> {
            ctx.updateState("PROGRESS", Map.of("done", 40, "total", 100));
            if (!progressRelease.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the task finish");
            }
            return "done";
        });
        io.celeriac.core.api.TypedTasks.registerBean(registry, new Greeter(), io.celeriac.core.internal.Json.mapper());
        registry.register("interop.java.spawn", ctx -> ctx.sender().send("celeriac.add", List.of(1, 2), Map.of(),
                io.celeriac.core.client.SendOptions.defaults().queue(queue)).id());
        queue = InteropApp.randomQueue("pyclient");
        queues.add(queue);
        // result_extended on, as Python's AsyncResult.name/args/kwargs/worker/queue need it
        worker = TestApp.worker(app, registry, new WorkerSettings("java-" + queue + "@test", List.of(queue), 4, 1, 0,
                Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofMinutes(10), true));
        worker.start();
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.shutdown();
        }
        if (app != null) {
            InteropApp.forget(app, queues);
            python.forget(app);
            app.close();
        }
    }

    @Test
    void a_python_send_task_runs_on_our_worker_and_python_get_reads_the_result() {
        ObjectNode nested = PythonCelery.JSON.createObjectNode();
        nested.put("text", "héllo ✓ 😀 \"quoted\"\n\u0000");
        nested.putArray("list").add(1).add(2.5).add(true).addNull();
        nested.put("big", 12345678901234L);
        nested.put("huge", new BigInteger("1180591620717411303424"));
        nested.put("tiny", 1e-300);

        JsonNode results = python.client(sends(WAIT_SECONDS,
                send("celeriac.add", List.of(2, 3), Map.of()),
                send("celeriac.echo", List.of(nested), Map.of()),
                send("celery.ping", List.of(), Map.of()),
                send("celeriac.add", List.of(new BigInteger("1180591620717411303424"), 1), Map.of())), CLIENT_TIMEOUT);

        assertSucceeded(results.get(0));
        assertEquals(5, results.get(0).get("result").asInt());
        assertSucceeded(results.get(1));
        assertEquals(nested, results.get(1).get("result"), "values survive Python -> Java -> Python unchanged");
        assertSucceeded(results.get(2));
        assertEquals("pong", results.get(2).get("result").asText());
        assertSucceeded(results.get(3));
        assertEquals(new BigInteger("1180591620717411303425"), results.get(3).get("result").bigIntegerValue(),
                "python ints beyond 64 bits keep every digit");
    }

    @Test
    void python_reads_the_completion_time_and_extended_fields_of_our_result() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JsonNode result = python.client(sends(WAIT_SECONDS, send("celeriac.add", List.of(20), Map.of("y", 22))),
                CLIENT_TIMEOUT).get(0);

        assertSucceeded(result);
        Instant done = OffsetDateTime.parse(result.get("date_done").asText()).toInstant();
        assertFalse(done.isBefore(before), "python parsed our date_done as " + done);
        assertFalse(done.isAfter(Instant.now()), "python parsed our date_done as " + done);
        assertEquals("celeriac.add", result.get("name").asText());
        assertEquals(PythonCelery.JSON.valueToTree(List.of(20)), result.get("args"));
        assertEquals(PythonCelery.JSON.valueToTree(Map.of("y", 22)), result.get("kwargs"));
        assertEquals("java-" + queue + "@test", result.get("worker").asText());
        assertEquals(0, result.get("retries").asInt());
        assertEquals(queue, result.get("queue").asText());
    }

    @Test
    void python_sends_with_the_celeriac_unique_header_run_once_and_the_duplicates_are_revoked() {
        ObjectNode unique = PythonCelery.JSON.createObjectNode();
        unique.putObject("celeriac_unique").put("key", "py-" + java.util.UUID.randomUUID()).put("mode", "throttle").put("ttl", 60);
        ObjectNode[] specs = new ObjectNode[3];
        for (int i = 0; i < specs.length; i++) {
            specs[i] = send("celeriac.echo", List.of("once"), Map.of());
            specs[i].set("headers", unique);
        }
        JsonNode results = python.client(sends(WAIT_SECONDS, specs), CLIENT_TIMEOUT);

        int succeeded = 0;
        for (JsonNode result : results) {
            if ("SUCCESS".equals(result.get("status").asText())) {
                succeeded++;
            } else {
                assertEquals("REVOKED", result.get("status").asText(), result.toString());
                assertEquals("TaskRevokedError", result.get("exception").get("type").asText());
                assertTrue(result.get("exception").get("message").asText().startsWith("duplicate of task "), result.toString());
            }
        }
        assertEquals(1, succeeded, results.toString());
    }

    @Test
    void a_task_failing_on_our_worker_raises_in_python_with_its_message() {
        JsonNode result = python.client(sends(WAIT_SECONDS, send("celeriac.fail", List.of("broken on purpose"), Map.of())),
                CLIENT_TIMEOUT).get(0);

        assertFalse(result.get("timed_out").asBoolean(), "python get() returned");
        assertEquals("FAILURE", result.get("status").asText());
        JsonNode exception = result.get("exception");
        assertTrue(exception.get("is_exception").asBoolean(), "python rebuilt an exception, not a SecurityError");
        assertEquals("RequestedFailure", exception.get("type").asText());
        assertEquals("broken on purpose", exception.get("message").asText());
        assertTrue(result.get("traceback").asText().contains("RequestedFailure"), "our stack trace is python's traceback");
    }

    @Test
    void an_unknown_task_from_python_is_reported_to_python_as_not_registered() {
        JsonNode result = python.client(sends(WAIT_SECONDS, send("interop.no_such_task", List.of(1), Map.of())),
                CLIENT_TIMEOUT).get(0);

        assertEquals("FAILURE", result.get("status").asText());
        assertEquals("NotRegistered", result.get("exception").get("type").asText());
        assertEquals("celery.exceptions", result.get("exception").get("module").asText());
    }

    @Test
    void a_python_message_past_its_expiry_is_revoked_and_python_sees_task_revoked() {
        ObjectNode expired = send("celeriac.echo", List.of("too late"), Map.of());
        expired.put("expires_in", -60);

        JsonNode result = python.client(sends(WAIT_SECONDS, expired), CLIENT_TIMEOUT).get(0);

        assertEquals("REVOKED", result.get("status").asText());
        assertEquals("TaskRevokedError", result.get("exception").get("type").asText());
        assertEquals("celery.exceptions", result.get("exception").get("module").asText());
    }

    @Test
    void python_countdown_and_eta_messages_wait_in_our_delayed_set_and_run_after_their_eta() {
        ObjectNode countdown = send("interop.java.clock", List.of(), Map.of());
        countdown.put("countdown", ETA_SECONDS);
        ObjectNode eta = send("interop.java.clock", List.of(), Map.of());
        eta.put("eta_in", ETA_SECONDS);

        JsonNode sent = python.client(sends(0, countdown, eta), CLIENT_TIMEOUT);
        List<String> ids = List.of(sent.get(0).get("id").asText(), sent.get(1).get("id").asText());
        Eventually.await("both ETA messages parked in the delayed set", Duration.ofSeconds(10), () ->
                ids.stream().allMatch(id -> delayedMembers().stream().anyMatch(m -> m.contains(id))));
        assertTrue(app.redisResults().get(ids.get(0)).isEmpty(), "not run before its ETA");

        ObjectNode gets = PythonCelery.JSON.createObjectNode().put("wait", WAIT_SECONDS);
        ids.forEach(gets.putArray("gets")::add);
        JsonNode done = python.client(gets, CLIENT_TIMEOUT);

        for (int i = 0; i < 2; i++) {
            assertSucceeded(done.get(i));
            long earliest = sent.get(i).get("sent_at_ms").asLong() + ETA_SECONDS * 1000L;
            long ranAt = done.get(i).get("result").asLong();
            assertTrue(ranAt >= earliest, "ran at " + Instant.ofEpochMilli(ranAt) + ", before its ETA "
                    + Instant.ofEpochMilli(earliest));
        }
        assertTrue(ids.stream().noneMatch(id -> delayedMembers().stream().anyMatch(m -> m.contains(id))),
                "forwarded out of the delayed set");
    }

    @Test
    void python_priorities_land_in_kombus_bucket_lists_and_our_worker_serves_the_lowest_number_first() {
        String bucketed = InteropApp.randomQueue("priority");
        queues.add(bucketed);
        List<ObjectNode> specs = new ArrayList<>();
        for (int priority : List.of(9, 6, 0, 3)) {
            ObjectNode spec = send("interop.java.record", List.of(priority), Map.of());
            spec.put("queue", bucketed);
            spec.put("priority", priority);
            specs.add(spec);
        }
        JsonNode sent = python.client(sends(0, specs.toArray(ObjectNode[]::new)), CLIENT_TIMEOUT);

        assertEquals(1, app.redis().getList(bucketed).size(), "priority 0 in the queue list itself");
        assertEquals(1, app.redis().getList(bucketed + RedisKeys.SEP + "3").size());
        assertEquals(1, app.redis().getList(bucketed + RedisKeys.SEP + "6").size());
        assertEquals(1, app.redis().getList(bucketed + RedisKeys.SEP + "9").size());

        served.clear();
        Worker single = TestApp.worker(app, registry, TestApp.settings("java-" + bucketed + "@test", List.of(bucketed), 1));
        single.start();
        try {
            Eventually.await("all four priorities served", Duration.ofSeconds(20), () -> served.size() == 4);
        } finally {
            single.shutdown();
        }
        assertEquals(List.of(0, 3, 6, 9), served, "on Redis a lower priority number is served first");

        ObjectNode gets = PythonCelery.JSON.createObjectNode().put("wait", WAIT_SECONDS);
        sent.forEach(s -> gets.withArray("gets").add(s.get("id").asText()));
        python.client(gets, CLIENT_TIMEOUT).forEach(PythonClientInteropIT::assertSucceeded);
    }

    @Test
    void python_reads_the_progress_our_running_task_records_and_then_its_result() {
        String id = python.client(sends(0, send("interop.java.progress", List.of(), Map.of())), CLIENT_TIMEOUT).get(0).get("id").asText();
        ObjectNode peek = PythonCelery.JSON.createObjectNode();
        peek.putArray("peeks").add(id);

        JsonNode running = Eventually.value("python sees PROGRESS", Duration.ofSeconds(20), () -> {
            JsonNode seen = python.client(peek, CLIENT_TIMEOUT).get(0);
            return seen.get("state").asText().equals("PROGRESS") ? seen : null;
        });
        assertEquals(40, running.get("info").get("done").asInt(), "AsyncResult.info is the meta");

        progressRelease.countDown();
        ObjectNode gets = PythonCelery.JSON.createObjectNode().put("wait", WAIT_SECONDS);
        gets.putArray("gets").add(id);
        JsonNode done = python.client(gets, CLIENT_TIMEOUT).get(0);
        assertSucceeded(done);
        assertEquals("done", done.get("result").asText());
    }

    @Test
    void python_sends_a_record_argument_to_a_typed_task_and_a_wrong_shape_fails_naming_the_parameter() {
        JsonNode results = python.client(sends(WAIT_SECONDS,
                send("interop.java.greet", List.of(Map.of("name", "Ada", "language", "fr")), Map.of()),
                send("interop.java.greet", List.of(), Map.of("greeting", Map.of("name", "Grace", "language", "en"))),
                send("interop.java.greet", List.of("just a string"), Map.of())), CLIENT_TIMEOUT);

        assertSucceeded(results.get(0));
        assertEquals("Bonjour, Ada", results.get(0).get("result").asText());
        assertEquals("Hello, Grace", results.get(1).get("result").asText(), "by keyword, as Python would call it");
        JsonNode wrong = results.get(2);
        assertEquals("FAILURE", wrong.get("status").asText());
        assertEquals("TypeError", wrong.get("exception").get("type").asText(), "python's own TypeError");
        String message = wrong.get("exception").get("message").asText();
        assertTrue(message.contains("argument 'greeting'") && message.contains("Greeting"), message);
        String id = wrong.get("id").asText();
        Eventually.await("the wrong call is dead-lettered with that reason", Duration.ofSeconds(10), () ->
                app.redis().<String>getList(app.keys().dead(), org.redisson.client.codec.StringCodec.INSTANCE).readAll().stream()
                        .anyMatch(entry -> entry.contains(id) && entry.contains("argument 'greeting'")));
    }

    @Test
    void python_follows_what_our_task_sent_through_async_result_children() {
        JsonNode done = python.client(sends(WAIT_SECONDS, send("interop.java.spawn", List.of(), Map.of())), CLIENT_TIMEOUT).get(0);
        assertSucceeded(done);
        String child = done.get("result").asText();
        ObjectNode peek = PythonCelery.JSON.createObjectNode();
        peek.putArray("peeks").add(done.get("id").asText());

        JsonNode seen = python.client(peek, CLIENT_TIMEOUT).get(0);

        assertEquals(List.of(child), PythonCelery.JSON.convertValue(seen.get("children"), List.class));
        assertEquals(done.get("id").asText(), app.redisResults().await(child, Duration.ofSeconds(10)).parentId(), "the child names its parent");
    }

    @Test
    void our_retry_of_a_python_message_stays_on_its_queue_and_python_get_sees_the_final_result() {
        JsonNode result = python.client(sends(WAIT_SECONDS, send("interop.java.retry_once", List.of(), Map.of())),
                CLIENT_TIMEOUT).get(0);

        assertSucceeded(result);
        assertEquals(1, result.get("result").get("retries").asInt());
        assertEquals(queue, result.get("result").get("queue").asText());
    }

    @Test
    void a_python_group_sent_to_our_worker_is_collected_by_group_result_get() {
        ObjectNode command = PythonCelery.JSON.createObjectNode().put("wait", WAIT_SECONDS);
        command.putArray("group")
                .add(send("celeriac.add", List.of(1, 2), Map.of()))
                .add(send("celeriac.add", List.of(3, 4), Map.of()));

        JsonNode result = python.client(command, CLIENT_TIMEOUT).get(0);

        assertSucceeded(result);
        assertEquals(PythonCelery.JSON.valueToTree(List.of(3, 7)), result.get("result"), "in group order");
        for (JsonNode child : result.get("children")) {
            assertEquals(result.get("id").asText(), app.redisResults().get(child.asText()).orElseThrow().groupId(),
                    "our stored result names its group");
        }
    }

    @Test
    void a_python_chain_continues_on_our_worker_with_the_previous_result() {
        ObjectNode command = PythonCelery.JSON.createObjectNode().put("wait", WAIT_SECONDS);
        command.putArray("chain")
                .add(send("celeriac.add", List.of(1, 2), Map.of()))
                .add(send("celeriac.add", List.of(10), Map.of()));

        JsonNode result = python.client(command, CLIENT_TIMEOUT).get(0);

        assertSucceeded(result);
        assertEquals(13, result.get("result").asInt(), "(1 + 2) + 10: the first result is prepended");
    }

    @Test
    void a_python_chord_over_our_workers_runs_its_body_once_with_every_part_in_order() {
        ObjectNode command = PythonCelery.JSON.createObjectNode().put("wait", WAIT_SECONDS);
        ObjectNode chord = command.putObject("chord");
        chord.putArray("header")
                .add(send("celeriac.add", List.of(1, 1), Map.of()))
                .add(send("celeriac.add", List.of(2, 2), Map.of()))
                .add(send("celeriac.add", List.of(3, 3), Map.of()));
        chord.set("body", send("interop.java.sum", List.of(), Map.of()));

        JsonNode result = python.client(command, CLIENT_TIMEOUT).get(0);

        assertSucceeded(result);
        assertEquals(12, result.get("result").asInt(), "2 + 4 + 6, summed once");
    }

    @Test
    void a_failed_part_of_a_python_chord_fails_its_body_with_chord_error() {
        ObjectNode command = PythonCelery.JSON.createObjectNode().put("wait", WAIT_SECONDS);
        ObjectNode chord = command.putObject("chord");
        chord.putArray("header")
                .add(send("celeriac.add", List.of(1, 1), Map.of()))
                .add(send("celeriac.fail", List.of("part failed"), Map.of()));
        chord.set("body", send("interop.java.sum", List.of(), Map.of()));

        JsonNode result = python.client(command, CLIENT_TIMEOUT).get(0);

        assertEquals("FAILURE", result.get("status").asText(), result::toString);
        assertEquals("ChordError", result.get("exception").get("type").asText(), result::toString);
        assertEquals("celery.exceptions", result.get("exception").get("module").asText());
    }

    @Test
    void a_python_link_callback_runs_after_our_task_with_its_result() {
        ObjectNode spec = send("celeriac.add", List.of(1, 2), Map.of());
        spec.set("link", send("celeriac.add", List.of(100), Map.of()));

        JsonNode result = python.client(sends(WAIT_SECONDS, spec), CLIENT_TIMEOUT).get(0);

        assertSucceeded(result);
        assertSucceeded(result.get("link_result"));
        assertEquals(103, result.get("link_result").get("result").asInt());
    }

    private List<String> delayedMembers() {
        return new ArrayList<>(app.redis().<String>getScoredSortedSet(app.keys().delayed()).readAll());
    }

    /** One send_task of the python client, to this class's queue unless the caller changes it. */
    private static ObjectNode send(String task, List<?> args, Map<String, ?> kwargs) {
        ObjectNode spec = PythonCelery.JSON.createObjectNode();
        spec.put("task", task);
        spec.set("args", PythonCelery.JSON.valueToTree(args));
        spec.set("kwargs", PythonCelery.JSON.valueToTree(kwargs));
        spec.put("queue", queue);
        return spec;
    }

    /** A client command sending {@code specs}, then waiting up to {@code waitSeconds} for each result (0: no wait). */
    private static ObjectNode sends(int waitSeconds, ObjectNode... specs) {
        ObjectNode command = PythonCelery.JSON.createObjectNode();
        ArrayNode list = command.putArray("sends");
        for (ObjectNode spec : specs) {
            list.add(spec);
        }
        if (waitSeconds > 0) {
            command.put("wait", waitSeconds);
        }
        return command;
    }

    private static void assertSucceeded(JsonNode result) {
        assertFalse(result.get("timed_out").asBoolean(), () -> "python get() timed out: " + result);
        assertEquals("SUCCESS", result.get("status").asText(), () -> result.toString());
    }
}
