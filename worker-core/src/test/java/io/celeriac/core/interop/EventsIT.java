package io.celeriac.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.celeriac.core.api.DefaultWorker;
import io.celeriac.core.app.Application;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.control.RemoteControl;
import io.celeriac.core.events.EventPublisher;
import io.celeriac.core.events.LamportClock;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Celery 5.2's event receiver ({@code app.events.Receiver}, what {@code celery events} and Flower
 * use) watching a Celeriac worker started with task events: worker-online, heartbeats, a task's
 * received/started/succeeded with Python's field types, then Celery's {@code shutdown} command
 * stopping the worker gracefully and its worker-offline.
 */
class EventsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    static PythonCelery python;
    static FleetPython tools;
    static Application app;
    static String queue;

    @BeforeAll
    static void start() {
        PythonCelery.assumeInstalled();
        python = new PythonCelery();
        tools = new FleetPython(python);
        app = InteropApp.create();
        queue = InteropApp.randomQueue("events");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            InteropApp.forget(app, List.of(queue));
            app.close();
        }
    }

    @Test
    void a_python_receiver_sees_a_celeriac_worker_live_and_a_task_from_received_to_succeeded() throws Exception {
        String node = "events-" + UUID.randomUUID().toString().substring(0, 6) + "@test";
        String probe = "probe-" + node;
        Path ready = PythonCelery.appDir().resolve(probe + ".ready");
        FleetPython.Running receiver = tools.start(FleetPython.command("events").put("hostname", node).put("seconds", 35)
                .put("until", "worker-offline").put("probe", probe).put("ready_file", ready.toString()));
        EventPublisher probing = new EventPublisher(RemoteControl.fanout(app), probe, app.clock(), new LamportClock(), app.random());
        Eventually.await("the python receiver to subscribe", TIMEOUT, () -> {
            probing.send("worker-heartbeat", JsonNodeFactory.instance.objectNode());
            probing.runOnce();
            return Files.exists(ready);
        });

        TaskRegistry registry = new TaskRegistry();
        registry.register("events.add", ctx -> ctx.arg(0, Integer.class) + ctx.arg(1, Integer.class));
        DefaultWorker worker = DefaultWorker.create(app, TestApp.settings(node, List.of(queue), 1), registry, null, false, true);
        worker.start();
        String taskId;
        try {
            var sent = app.client().send("events.add", List.of(2, 3), Map.of(), SendOptions.defaults().queue(queue));
            taskId = sent.id();
            assertEquals(5, sent.get(TIMEOUT).asInt());
            // Celery's shutdown command: the worker stops warmly, then leaves the fleet
            tools.run(FleetPython.command("control").put("method", "shutdown").put("timeout", 1)
                    .set("destination", PythonCelery.JSON.createArrayNode().add(node)), TIMEOUT);
            assertTrue(worker.awaitStopped(TIMEOUT), "the worker stops on Celery's shutdown command");
        } finally {
            worker.close();
        }

        JsonNode events = receiver.await(TIMEOUT);
        List<String> types = new ArrayList<>();
        Map<String, JsonNode> byType = new HashMap<>();
        long lastClock = -1;
        for (JsonNode event : events) {
            types.add(event.path("type").asText());
            byType.putIfAbsent(event.path("type").asText(), event);
            assertTrue(event.path("clock").asLong() > lastClock, "Lamport clock moves forward: " + events);
            lastClock = event.path("clock").asLong();
            assertEquals(ProcessHandle.current().pid(), event.path("pid").asLong());
            assertTrue(event.path("timestamp").isNumber() && event.has("utcoffset"), event::toString);
        }
        assertEquals("worker-online", types.get(0), types::toString);
        assertEquals("worker-offline", types.get(types.size() - 1), types::toString);
        assertTrue(types.contains("worker-heartbeat"), types::toString);
        assertTrue(types.indexOf("task-received") < types.indexOf("task-started")
                && types.indexOf("task-started") < types.indexOf("task-succeeded"), types::toString);

        JsonNode received = byType.get("task-received");
        assertEquals(taskId, received.path("uuid").asText());
        assertEquals("events.add", received.path("name").asText());
        // the sender's argsrepr, as a Python worker sends it
        assertTrue(received.path("args").asText().contains("2, 3"), received::toString);
        JsonNode succeeded = byType.get("task-succeeded");
        assertEquals("5", succeeded.path("result").asText());
        assertTrue(succeeded.path("runtime").isNumber(), succeeded::toString);
        JsonNode heartbeat = byType.get("worker-heartbeat");
        assertEquals(2.0, heartbeat.path("freq").asDouble());
        assertEquals(3, heartbeat.path("loadavg").size());
        assertEquals("celeriac", heartbeat.path("sw_ident").asText());
        Files.deleteIfExists(ready);
    }

    @Test
    void a_python_receiver_sees_task_sent_from_a_celeriac_client_with_task_send_sent_event() throws Exception {
        String yaml = "key_prefix: \"" + TestApp.randomPrefix() + "celeriac:\"\ncelery_key_prefix: \"\"\n"
                + "result_expires: 10m\ntask_send_sent_event: true\n";
        try (Application client = new Application(AppConfigLoader.fromYaml(yaml), TestRedis.url(), null, 8,
                Clock.systemUTC(), new SplittableRandom())) {
            String origin = client.client().origin();
            String probe = "probe-sent-" + UUID.randomUUID().toString().substring(0, 6) + "@test";
            Path ready = PythonCelery.appDir().resolve(probe + ".ready");
            FleetPython.Running receiver = tools.start(FleetPython.command("events").put("hostname", origin).put("seconds", 30)
                    .put("until", "task-sent").put("probe", probe).put("ready_file", ready.toString()));
            EventPublisher probing = new EventPublisher(RemoteControl.fanout(app), probe, app.clock(), new LamportClock(), app.random());
            Eventually.await("the python receiver to subscribe", TIMEOUT, () -> {
                probing.send("worker-heartbeat", JsonNodeFactory.instance.objectNode());
                probing.runOnce();
                return Files.exists(ready);
            });
            var sent = client.client().send("events.add", List.of(2, 3), Map.of(), SendOptions.defaults().queue(queue)
                    .countdown(Duration.ofSeconds(60)));

            JsonNode events = receiver.await(TIMEOUT);
            JsonNode event = events.get(events.size() - 1);
            assertEquals("task-sent", event.path("type").asText(), events::toString);
            assertEquals(sent.id(), event.path("uuid").asText());
            assertEquals("events.add", event.path("name").asText());
            assertEquals("[2, 3]", event.path("args").asText());
            assertEquals(queue, event.path("queue").asText());
            assertEquals(queue, event.path("routing_key").asText());
            assertTrue(event.path("eta").isTextual(), event::toString);
            assertEquals(ProcessHandle.current().pid(), event.path("pid").asLong());
            Files.deleteIfExists(ready);
        }
    }
}
