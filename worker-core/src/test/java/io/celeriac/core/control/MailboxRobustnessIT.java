package io.celeriac.core.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.celeriac.core.api.DefaultWorker;
import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.KombuEnvelope;
import io.celeriac.core.broker.redis.RedisFanout;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.events.EventPublisher;
import io.celeriac.core.events.LamportClock;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input on the fleet's channels: malformed control messages, an unknown method, a client gone
 * before the reply, an event subscriber that never reads. The worker answers the next command and
 * runs every task.
 */
class MailboxRobustnessIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    static Application app;
    static DefaultWorker worker;
    static RedisFanout fanout;
    static Broadcast client;
    static final String NODE = "robust@test";

    @BeforeAll
    static void start() {
        app = TestApp.create();
        fanout = RemoteControl.fanout(app);
        client = new Broadcast(fanout, app.clock(), app.random());
        TaskRegistry registry = new TaskRegistry();
        registry.register("robust.add", ctx -> ctx.arg(0, Integer.class) + ctx.arg(1, Integer.class));
        worker = DefaultWorker.create(app, TestApp.settings(NODE, List.of("robust"), 4), registry, null, false, true);
        worker.start();
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (app != null) {
            TestApp.removeKeys(app);
            app.close();
        }
    }

    private JsonNode ask(String method) throws InterruptedException {
        Map<String, JsonNode> replies = client.call(method, JsonNodeFactory.instance.objectNode(), List.of(NODE), TIMEOUT, 1);
        assertEquals(1, replies.size(), replies::toString);
        return replies.get(NODE);
    }

    @Test
    void malformed_messages_and_a_gone_client_do_not_stop_the_mailbox() throws Exception {
        String channel = fanout.channel(RedisKeys.PIDBOX_EXCHANGE, "");
        fanout.publish(channel, "not json at all");
        fanout.publish(channel, "{\"body\": 42}");
        fanout.publish(channel, "{\"body\": \"bm90IGpzb24=\", \"properties\": {\"body_encoding\": \"base64\"}}");
        fanout.publish(channel, new KombuEnvelope(JsonNodeFactory.instance.objectNode().put("no", "method"),
                JsonNodeFactory.instance.objectNode(), RedisKeys.PIDBOX_EXCHANGE, "").write("tag", true));
        // a request whose client has gone: its reply queue is no longer bound
        fanout.publish(channel, new KombuEnvelope(new ControlRequest("ping", JsonNodeFactory.instance.objectNode(),
                List.of(NODE), null, null, "lost-ticket", "gone-client").toJson(),
                JsonNodeFactory.instance.objectNode(), RedisKeys.PIDBOX_EXCHANGE, "").write("tag", true));

        assertEquals("pong", ask("ping").path("ok").asText());
        assertEquals("No such control command: objgraph_please", ask("objgraph_please").path("error").asText());
        AsyncResult sum = app.client().send("robust.add", List.of(1, 2), Map.of(), SendOptions.defaults().queue("robust"));
        assertEquals(3, sum.get(TIMEOUT).asInt());
    }

    @Test
    void an_event_subscriber_that_never_reads_slows_nothing_and_loses_no_task() throws Exception {
        try (Socket stuck = new Socket(TestRedis.url().host(), TestRedis.url().port())) {
            String pattern = fanout.everyRoutingKey(RedisKeys.EVENT_EXCHANGE);
            OutputStream out = stuck.getOutputStream();
            if (TestRedis.url().password() != null) {
                out.write(resp("AUTH", TestRedis.url().password()));
            }
            out.write(resp("PSUBSCRIBE", pattern));
            out.flush();
            List<AsyncResult> sent = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                sent.add(app.client().send("robust.add", List.of(i, 1), Map.of(), SendOptions.defaults().queue("robust")));
            }
            for (int i = 0; i < sent.size(); i++) {
                assertEquals(i + 1, sent.get(i).get(TIMEOUT).asInt());
            }
        }
        assertTrue(worker.worker().stats().processed() >= 300);
    }

    @Test
    void a_full_event_buffer_drops_and_counts_instead_of_waiting() {
        EventPublisher small = new EventPublisher(fanout, "small@test", app.clock(), new LamportClock(), app.random(), 4);
        small.taskEvents(true);
        for (int i = 0; i < 10; i++) {
            small.send("task-started", JsonNodeFactory.instance.objectNode().put("uuid", "id-" + i));
        }
        assertEquals(6, small.dropped());
        small.runOnce();
        assertEquals(4, small.sent());
    }

    private static byte[] resp(String... words) {
        StringBuilder command = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            command.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
        }
        return command.toString().getBytes(StandardCharsets.UTF_8);
    }
}
