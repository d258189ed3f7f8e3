package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.builtin.BuiltinTasks;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.metrics.TaskMetrics;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Envelope;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * Each kind of hostile or broken message found from outside, against a real worker: it ends as a
 * dead letter whose reason names the field or the limit (keeping the task id when the message has
 * one), the exact bytes are kept, and the worker goes on running valid tasks.
 */
class HostileMessagesIT {
    static Application app;
    static Worker worker;
    static final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void start() {
        app = TestApp.create(java.time.Clock.systemUTC(), "max_message_size: 64KB\n");
        TaskRegistry registry = new TaskRegistry();
        new BuiltinTasks().register(registry, app);
        worker = new Worker(TestApp.settings("hostile@test", List.of("celery"), 4),
                new WorkerDependencies(app.redisBroker(), registry, app.codec(), app.client(), app.clock(), app.random(),
                        id -> false, new TaskMetrics(meters)));
        worker.start();
    }

    @AfterAll
    static void stop() {
        worker.shutdown();
        TestApp.removeKeys(app);
        app.close();
    }

    static void push(byte[] raw) {
        app.redis().<byte[]>getDeque(app.keys().queueList("celery", 0), ByteArrayCodec.INSTANCE).addFirst(raw);
    }

    static DeadLetterEntry deadLetterOf(byte[] raw) {
        return Eventually.value("a dead letter holding the message", Duration.ofSeconds(10), () -> {
            for (byte[] stored : app.redis().<byte[]>getList(app.keys().dead(), ByteArrayCodec.INSTANCE).readAll()) {
                DeadLetterEntry entry = DeadLetterEntry.decode(stored);
                if (entry != null && java.util.Arrays.equals(entry.raw(), raw)) {
                    return entry;
                }
            }
            return null;
        });
    }

    static void assertDeadLettered(byte[] raw, String taskId, String reasonPart) {
        DeadLetterEntry entry = deadLetterOf(raw);
        assertTrue(entry.reason().contains(reasonPart), "reason '" + entry.reason() + "' should say " + reasonPart);
        assertEquals(taskId, entry.taskId(), "the dead letter keeps the task id");
        if (taskId != null) {
            ResultMeta result = Eventually.value("FAILURE stored", Duration.ofSeconds(5), () -> app.redisResults().get(taskId).orElse(null));
            assertEquals(TaskState.FAILURE, result.status());
        }
    }

    static void assertStillRunsTasks(int count) {
        List<AsyncResult> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(app.client().send("celeriac.add", List.of(i, 1), Map.of(), SendOptions.defaults()));
        }
        for (int i = 0; i < count; i++) {
            assertEquals(i + 1, sent.get(i).get(Duration.ofSeconds(10)).asInt());
        }
    }

    @Test
    void dates_no_arithmetic_can_hold_are_refused_and_the_runners_survive_them() {
        List<byte[]> poison = List.of(
                Envelope.of("eta-max", "celeriac.add", "[1, 2]").header("eta", "\"+999999999-12-31T23:59:59+00:00\"").bytes(),
                Envelope.of("eta-min", "celeriac.add", "[1, 2]").header("eta", "\"-999999999-01-01T00:00:00+00:00\"").bytes(),
                Envelope.of("exp-max", "celeriac.add", "[1, 2]").header("expires", "\"+999999999-12-31T23:59:59+00:00\"").bytes(),
                Envelope.of("eta-10000", "celeriac.add", "[1, 2]").header("eta", "\"10000-01-01T00:00:00+00:00\"").bytes());
        poison.forEach(HostileMessagesIT::push);
        assertStillRunsTasks(20);
        assertDeadLettered(poison.get(0), "eta-max", "headers.eta is outside years 1-9999");
        assertDeadLettered(poison.get(1), "eta-min", "headers.eta is outside years 1-9999");
        assertDeadLettered(poison.get(2), "exp-max", "headers.expires is outside years 1-9999");
        assertDeadLettered(poison.get(3), "eta-10000", "headers.eta");
        assertEquals(4, worker.runnersAlive());
    }

    @Test
    void a_header_of_the_wrong_type_is_named_and_the_message_keeps_its_id() {
        byte[] retries = Envelope.of("h-retries", "celeriac.add", "[1, 2]").header("retries", "[1]").bytes();
        byte[] priority = Envelope.of("h-priority", "celeriac.add", "[1, 2]").property("priority", "{\"p\": 1}").bytes();
        byte[] timelimit = Envelope.of("h-limit", "celeriac.add", "[1, 2]").header("timelimit", "[[1, 2], [3]]").bytes();
        byte[] overflow = Envelope.of("h-overflow", "celeriac.add", "[1, 2]").header("retries", "1099511627776").bytes();
        byte[] duplicate = Envelope.of("h-dup", "celeriac.add", "[1, 2]").bytesWith("\"headers\": \"oops\"");
        for (byte[] raw : List.of(retries, priority, timelimit, overflow, duplicate)) {
            push(raw);
        }
        assertDeadLettered(retries, "h-retries", "headers.retries must be an integer, got a list");
        assertDeadLettered(priority, "h-priority", "properties.priority must be an integer, got an object");
        assertDeadLettered(timelimit, "h-limit", "headers.timelimit must be [hard, soft]");
        assertDeadLettered(overflow, "h-overflow", "headers.retries is out of range");
        assertDeadLettered(duplicate, null, "duplicate field 'headers'");
        assertStillRunsTasks(3);
    }

    @Test
    void encodings_are_honoured_or_refused_by_name_and_dead_letters_keep_the_exact_bytes() {
        byte[] latin1 = Envelope.of("e-latin1", "celeriac.echo", "[]").field("content-encoding", "\"latin-1\"")
                .bodyBytes("[[\"caf\u00e9\"], {}, null]".getBytes(StandardCharsets.ISO_8859_1)).bytes();
        byte[] hex = Envelope.of("e-hex", "celeriac.echo", "[1]").property("body_encoding", "\"hex\"").bytes();
        byte[] badUtf8 = Envelope.of("e-utf8", "celeriac.echo", "[]").bodyBytes(new byte[] {'[', '[', '"', (byte) 0xc3, '"', ']', ']'}).bytes();
        byte[] notUtf8Envelope = {'{', '"', 'b', (byte) 0xff, '"', ':', '1', '}'};
        push(latin1);
        push(hex);
        push(badUtf8);
        push(notUtf8Envelope);
        assertEquals("café", Eventually.value("the latin-1 task ran", Duration.ofSeconds(10),
                () -> app.redisResults().get("e-latin1").orElse(null)).result().asText());
        assertDeadLettered(hex, "e-hex", "unsupported properties.body_encoding 'hex'");
        assertDeadLettered(badUtf8, "e-utf8", "body is not valid UTF-8");
        DeadLetterEntry binary = deadLetterOf(notUtf8Envelope);
        assertArrayEquals(notUtf8Envelope, binary.raw(), "byte for byte, invalid UTF-8 included");
    }

    @Test
    void a_message_over_the_size_limit_never_reaches_the_worker_and_says_which_limit() {
        byte[] big = Envelope.of("big-1", "celeriac.echo", "[\"" + "x".repeat(70_000) + "\"]").bytes();
        push(big);
        DeadLetterEntry entry = deadLetterOf(big);
        assertTrue(entry.reason().startsWith("message is " + big.length + " bytes, over the limit of 65536 (max_message_size)"), entry.reason());
        byte[] deep = Envelope.of("deep-1", "celeriac.echo", "[" + "[".repeat(100) + "]".repeat(100) + "]").bytes();
        push(deep);
        assertDeadLettered(deep, "deep-1", "nests deeper than the limit of 64 (max_nesting_depth)");
        assertStillRunsTasks(2);
    }

    @Test
    void hostile_task_names_are_bounded_in_logs_metrics_and_reasons() {
        byte[] forged = Envelope.of("n-forged", "x\n18:00:00.000 ERROR [main] Worker - FORGED", "[]").bytes();
        byte[] huge = Envelope.of("n-huge", "y".repeat(100_000), "[]").bytes();
        byte[] unknown = Envelope.of("n-unknown", "no.such.task", "[]").bytes();
        push(forged);
        push(huge);
        push(unknown);
        assertDeadLettered(forged, "n-forged", "headers.task holds a control, whitespace or format character");
        DeadLetterEntry long1 = deadLetterOf(huge);
        assertTrue(long1.reason().length() < 200, "a short reason: " + long1.reason().length());
        assertDeadLettered(unknown, "n-unknown", "is not registered");
        Eventually.await("the outcomes counted", Duration.ofSeconds(5), () -> !meters.find("celeriac.tasks").counters().isEmpty());
        List<String> tags = meters.find("celeriac.tasks").counters().stream().map(c -> c.getId().getTag("task")).distinct().toList();
        assertTrue(tags.stream().allMatch(tag -> tag.equals("unregistered") || tag.startsWith("celeriac.")), "bounded task tags: " + tags);
    }

    @Test
    void a_negative_retry_count_buys_no_extra_retries() {
        byte[] raw = Envelope.of("neg-1", "celeriac.echo", "[1]").header("retries", "-3").bytes();
        assertEquals(0, app.codec().decode(raw).retries(), "read as none done, so the task's max retries still hold");
    }
}
