package io.celeriac.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.api.DefaultWorker;
import io.celeriac.core.app.Application;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Celery 5.2's own remote control ({@code app.control}) against a running Celeriac worker: inspect
 * ping, active, registered and stats, then control commands (revoke with terminate, rate_limit,
 * add_consumer, an unknown command, shutdown).
 */
class RemoteControlIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    static PythonCelery python;
    static FleetPython tools;
    static Application app;
    static DefaultWorker worker;
    static String node;
    static String queue;
    static final CountDownLatch release = new CountDownLatch(1);

    @BeforeAll
    static void start() {
        PythonCelery.assumeInstalled();
        python = new PythonCelery();
        tools = new FleetPython(python);
        app = InteropApp.create();
        queue = InteropApp.randomQueue("fleet");
        node = "fleet-" + UUID.randomUUID().toString().substring(0, 6) + "@test";
        TaskRegistry registry = new TaskRegistry();
        registry.register("fleet.add", ctx -> ctx.arg(0, Integer.class) + ctx.arg(1, Integer.class));
        registry.register("fleet.hold", ctx -> {
            release.await(60, TimeUnit.SECONDS);
            return "released";
        });
        worker = DefaultWorker.create(app, TestApp.settings(node, List.of(queue), 2), registry, null, false, false);
        worker.start();
    }

    @AfterAll
    static void stop() {
        release.countDown();
        if (worker != null) {
            worker.close();
        }
        if (app != null) {
            InteropApp.forget(app, List.of(queue, queue + "-extra"));
            app.close();
        }
    }

    private JsonNode inspect(String method) {
        return tools.run(FleetPython.command("inspect").put("method", method).put("timeout", 3)
                .set("destination", PythonCelery.JSON.createArrayNode().add(node)), TIMEOUT);
    }

    private JsonNode control(String method, Map<String, Object> arguments) {
        var command = FleetPython.command("control").put("method", method).put("timeout", 3);
        command.set("destination", PythonCelery.JSON.createArrayNode().add(node));
        command.set("arguments", PythonCelery.JSON.valueToTree(arguments));
        JsonNode replies = tools.run(command, TIMEOUT);
        assertEquals(1, replies.size(), replies::toString);
        return replies.get(0).get(node);
    }

    @Test
    void celery_inspect_ping_registered_and_stats_reach_a_celeriac_worker() {
        assertEquals("pong", inspect("ping").path(node).path("ok").asText());
        JsonNode registered = inspect("registered").path(node);
        assertEquals(List.of("fleet.add", "fleet.hold"), List.of(registered.get(0).asText(), registered.get(1).asText()));
        AsyncResult done = app.client().send("fleet.add", List.of(2, 3), Map.of(), SendOptions.defaults().queue(queue));
        assertEquals(5, done.get(TIMEOUT).asInt());
        JsonNode stats = inspect("stats").path(node);
        assertTrue(stats.path("total").path("fleet.add").asInt() >= 1, stats::toString);
        assertEquals(ProcessHandle.current().pid(), stats.path("pid").asLong());
        assertEquals(2, stats.path("pool").path("max-concurrency").asInt());
        assertTrue(stats.path("rusage").path("maxrss").asLong() > 0, stats::toString);
    }

    @Test
    void celery_inspect_active_sees_a_running_task_and_revoke_terminate_ends_it_revoked() {
        AsyncResult held = app.client().send("fleet.hold", List.of(), Map.of(), SendOptions.defaults().queue(queue));
        JsonNode active = Eventually.value("the task to show as active", TIMEOUT, () -> {
            JsonNode list = inspect("active").path(node);
            return list.size() == 1 ? list : null;
        });
        assertEquals(held.id(), active.get(0).path("id").asText());
        assertEquals("fleet.hold", active.get(0).path("name").asText());
        assertTrue(active.get(0).path("acknowledged").asBoolean());

        tools.run(FleetPython.command("revoke").put("task_id", held.id()).put("terminate", true), TIMEOUT);

        Eventually.await("the terminated task to be REVOKED", TIMEOUT, () -> held.state() == TaskState.REVOKED);
        assertTrue(inspect("revoked").path(node).toString().contains(held.id()));
        // the worker stays healthy: it runs the next task
        assertEquals(9, app.client().send("fleet.add", List.of(4, 5), Map.of(), SendOptions.defaults().queue(queue))
                .get(TIMEOUT).asInt());
    }

    @Test
    void celery_control_commands_change_the_running_worker() {
        assertEquals("new rate limit set successfully",
                control("rate_limit", Map.of("task_name", "fleet.add", "rate_limit", "100/m")).path("ok").asText());
        assertEquals("100/m", worker.worker().rateLimit("fleet.add"));
        assertEquals("unknown task", control("rate_limit", Map.of("task_name", "no.such", "rate_limit", "1/s"))
                .path("error").asText());
        assertEquals("add consumer " + queue + "-extra", control("add_consumer", Map.of("queue", queue + "-extra")).path("ok").asText());
        assertTrue(worker.worker().queues().contains(queue + "-extra"));
        assertEquals("No such control command: no_such_thing", control("no_such_thing", Map.of()).path("error").asText());
        JsonNode queues = inspect("active_queues").path(node);
        assertEquals(2, queues.size(), queues::toString);
    }

    @Test
    void a_ping_for_another_node_is_not_answered() {
        JsonNode replies = tools.run(FleetPython.command("inspect").put("method", "ping").put("timeout", 1)
                .set("destination", PythonCelery.JSON.createArrayNode().add("nobody@nowhere")), TIMEOUT);
        assertFalse(replies != null && replies.has(node), String.valueOf(replies));
    }
}
