package io.celeriac.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.api.DefaultWorker;
import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.KombuEnvelope;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.client.TaskClient;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.internal.NodeName;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Celery's {@code task-sent} event ({@code task_send_sent_event}) from Celeriac's client and from a
 * worker's tasks, on the real Redis, checked against the event Celery 5.2 itself publishes (fixture
 * 35): same channel, routing key, envelope header and fields in the same order.
 */
class TaskSentEventsIT {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    Application sending;
    Application plain;
    AutoCloseable subscription;
    final BlockingQueue<Heard> heard = new LinkedBlockingQueue<>();

    record Heard(String channel, KombuEnvelope envelope) {
    }

    @BeforeEach
    void setUp() {
        String prefix = TestApp.randomPrefix();
        String yaml = "key_prefix: \"" + prefix + "celeriac:\"\ncelery_key_prefix: \"" + prefix + "\"\nresult_expires: 1h\n";
        // two processes of one deployment: the same keys and channels, one of them announcing its sends
        sending = new Application(AppConfigLoader.fromYaml(yaml + "task_send_sent_event: true\n"), TestRedis.url(), null, 16,
                Clock.systemUTC(), new SplittableRandom(1));
        plain = new Application(AppConfigLoader.fromYaml(yaml), TestRedis.url(), null, 16, Clock.systemUTC(), new SplittableRandom(2));
        subscription = sending.fanout().psubscribe(sending.fanout().everyRoutingKey(RedisKeys.EVENT_EXCHANGE),
                (channel, message) -> heard.add(new Heard(channel, KombuEnvelope.parse(message))));
        // subscribed once our own probe comes back
        Eventually.await("the subscription", TIMEOUT, () -> {
            sending.fanout().publish(sending.fanout().channel(RedisKeys.EVENT_EXCHANGE, "probe"), probe());
            return heard.poll() != null;
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        subscription.close();
        TestApp.removeKeys(sending);
        plain.close();
        sending.close();
    }

    private String probe() {
        return new KombuEnvelope(sending.json().createObjectNode().put("type", "probe"), sending.json().createObjectNode(),
                RedisKeys.EVENT_EXCHANGE, "probe").write("probe", false);
    }

    /** The next event heard, past the subscription's probes (more of them may still arrive). */
    Heard next() throws InterruptedException {
        while (true) {
            Heard next = heard.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError("no event within " + TIMEOUT);
            }
            if (!"probe".equals(next.envelope().routingKey())) {
                return next;
            }
        }
    }

    static KombuEnvelope celerys() throws IOException {
        try (InputStream in = TaskSentEventsIT.class.getResourceAsStream("/celery-fixtures/35-event-task-sent.publish.json")) {
            return KombuEnvelope.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static List<String> fieldNames(JsonNode event) {
        List<String> names = new ArrayList<>();
        event.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void a_send_is_followed_by_a_task_sent_event_shaped_as_celerys() throws Exception {
        // Celery's ISO times carry microseconds
        Instant eta = Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.MICROS);
        var sent = sending.client().send("demo.add", List.of(1, 2), Map.of("a", "b"),
                SendOptions.defaults().queue("sent-probe").eta(eta).expires(eta.plusSeconds(570)));

        Heard event = next();
        KombuEnvelope celery = celerys();
        assertTrue(event.channel().endsWith(".celeryev/task.sent"), event.channel());
        assertEquals(celery.exchange(), event.envelope().exchange());
        assertEquals(celery.routingKey(), event.envelope().routingKey());
        JsonNode body = event.envelope().body();
        assertEquals(fieldNames(celery.body()), fieldNames(body), body::toString);
        String origin = "gen" + NodeName.pid() + "@" + NodeName.host();
        assertEquals(origin, body.path("hostname").asText());
        assertEquals(origin, event.envelope().headers().path("hostname").asText());
        assertEquals(sent.id(), body.path("uuid").asText());
        assertEquals(sent.id(), body.path("root_id").asText());
        assertTrue(body.path("parent_id").isNull());
        assertEquals("demo.add", body.path("name").asText());
        assertEquals("[1, 2]", body.path("args").asText());
        assertEquals("{'a': 'b'}", body.path("kwargs").asText());
        assertEquals(0, body.path("retries").asInt());
        assertEquals(eta, Instant.parse(body.path("eta").asText()));
        assertEquals(eta.plusSeconds(570), Instant.parse(body.path("expires").asText()));
        assertEquals("sent-probe", body.path("queue").asText());
        assertEquals("", body.path("exchange").asText());
        assertEquals("sent-probe", body.path("routing_key").asText());
        assertEquals("task-sent", body.path("type").asText());
        assertEquals(NodeName.pid(), body.path("pid").asLong());
        assertTrue(body.path("timestamp").isNumber() && body.path("clock").asLong() > 0, body::toString);
    }

    @Test
    void a_bulk_send_announces_each_task_in_its_own_message_in_order() throws Exception {
        List<TaskClient.Request> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(new TaskClient.Request("demo.noop", List.of(i), Map.of(), SendOptions.defaults().queue("sent-bulk")));
        }
        List<String> ids = sending.client().sendAll(requests);
        long lastClock = 0;
        for (String id : ids) {
            JsonNode body = next().envelope().body();
            assertEquals(id, body.path("uuid").asText());
            assertTrue(body.path("clock").asLong() > lastClock, "the Lamport clock moves forward");
            lastClock = body.path("clock").asLong();
        }
    }

    @Test
    void a_client_without_the_setting_sends_none() throws Exception {
        plain.client().send("demo.noop", List.of(), Map.of(), SendOptions.defaults().queue("sent-quiet"));
        var announced = sending.client().send("demo.noop", List.of(), Map.of(), SendOptions.defaults().queue("sent-quiet"));
        // each send returns after its event went out: one from the plain client would have come first
        assertEquals(announced.id(), next().envelope().body().path("uuid").asText());
    }

    @Test
    void a_task_on_a_worker_announces_the_tasks_it_sends_naming_itself_their_parent() throws Exception {
        String queue = "sent-" + TestApp.randomPrefix().replace(":", "");
        TaskRegistry registry = new TaskRegistry();
        registry.register("demo.child", ctx -> "child");
        registry.register("demo.parent", ctx -> ctx.sender().send("demo.child", List.of(), Map.of(),
                SendOptions.defaults().queue(queue)).id());
        DefaultWorker worker = DefaultWorker.create(sending, TestApp.settings("sent@test", List.of(queue), 1), registry, null, false);
        worker.start();
        try {
            var parent = plain.client().send("demo.parent", List.of(), Map.of(), SendOptions.defaults().queue(queue));
            String childId = parent.get(TIMEOUT).asText();
            Heard event;
            do {
                event = next();
            } while (!"task-sent".equals(event.envelope().body().path("type").asText()));
            JsonNode body = event.envelope().body();
            assertEquals(childId, body.path("uuid").asText());
            assertEquals(parent.id(), body.path("parent_id").asText());
            assertEquals(parent.id(), body.path("root_id").asText());
            assertEquals("gen" + NodeName.pid() + "@" + NodeName.host(), body.path("hostname").asText(),
                    "named after the process, as a Python worker's task-sent is");
        } finally {
            worker.close();
        }
    }
}
