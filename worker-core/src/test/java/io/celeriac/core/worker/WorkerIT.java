package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.builtin.BuiltinTasks;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.TestApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkerIT {
    static Application app;
    static Worker worker;

    @BeforeAll
    static void start() {
        app = TestApp.create();
        TaskRegistry registry = new TaskRegistry();
        new BuiltinTasks().register(registry, app);
        worker = TestApp.worker(app, registry, TestApp.settings("w1@test", List.of("celery", "other"), 4));
        worker.start();
    }

    @AfterAll
    static void stop() {
        worker.shutdown();
        app.close();
    }

    @Test
    void a_sent_task_runs_and_its_result_can_be_awaited() {
        AsyncResult result = app.client().send("celeriac.add", List.of(2, 3), Map.of(), SendOptions.defaults());
        assertEquals(5, result.get(Duration.ofSeconds(10)).asInt());
        assertEquals(TaskState.SUCCESS, result.state());
    }

    @Test
    void the_builtin_tasks_take_their_arguments_as_python_functions_do() {
        assertEquals(5, app.client().send("celeriac.echo", List.of(), Map.of("value", 5), SendOptions.defaults())
                .get(Duration.ofSeconds(10)).asInt(), "by keyword");
        ResultMeta extra = app.client().send("celeriac.echo", List.of(1, 2), Map.of(), SendOptions.defaults()).await(Duration.ofSeconds(10));
        assertEquals(TaskState.FAILURE, extra.status());
        assertEquals("TypeError", extra.exception().type());
        assertEquals("celeriac.echo() takes 1 positional argument but 2 were given", extra.exception().message());
        ResultMeta unknown = app.client().send("celeriac.echo", List.of(1), Map.of("colour", "red"), SendOptions.defaults())
                .await(Duration.ofSeconds(10));
        assertTrue(unknown.exception().message().contains("unexpected keyword argument 'colour'"), unknown.exception().message());
        ResultMeta defaulted = app.client().send("celeriac.fail", List.of(), Map.of(), SendOptions.defaults()).await(Duration.ofSeconds(10));
        assertEquals("failed on request", defaulted.exception().message(), "message is optional, as message=None in Python");
    }

    @Test
    void each_queue_s_last_pickup_is_recorded_for_the_fleet_and_never_moves_back() {
        java.time.Instant before = app.redisBroker().time().minusMillis(50);
        app.client().send("celery.ping", List.of(), Map.of(), SendOptions.defaults().queue("other")).get(Duration.ofSeconds(10));
        Double at = io.celeriac.core.testing.Eventually.value("the heartbeat reports the pickup", Duration.ofSeconds(10), () -> {
            Double score = app.redis().getScoredSortedSet(app.keys().pickups()).getScore("other");
            return score != null && score >= before.toEpochMilli() ? score : null;
        });
        assertTrue(at <= app.redisBroker().time().toEpochMilli() + 50, "not in the future: " + at);
        // a worker whose clock lags reports an older pickup: the fleet's time stays
        app.redisBroker().recordPickups(Map.of("other", java.time.Instant.ofEpochMilli(at.longValue() - 60_000)));
        assertEquals(at, app.redis().getScoredSortedSet(app.keys().pickups()).getScore("other"));
    }

    @Test
    void a_pickups_key_of_the_wrong_type_never_stops_the_heartbeat_loop() {
        app.redis().getKeys().delete(app.keys().pickups());
        app.redis().getBucket(app.keys().pickups()).set("not a sorted set");
        try {
            app.client().send("celery.ping", List.of(), Map.of(), SendOptions.defaults()).get(Duration.ofSeconds(10));
            java.time.Instant from = app.redisBroker().workerHeartbeats().get("w1@test");
            io.celeriac.core.testing.Eventually.await("three more heartbeats", Duration.ofSeconds(15),
                    () -> app.redisBroker().workerHeartbeats().get("w1@test").isAfter(from.plusSeconds(3)));
            long heartbeatTick = worker.loops().stream().filter(l -> l.name().equals("heartbeat")).findFirst().orElseThrow().lastTickNanos();
            assertTrue(System.nanoTime() - heartbeatTick < Duration.ofSeconds(3).toNanos(),
                    "the heartbeat loop still ticks (liveness counts only successful passes)");
        } finally {
            app.redis().getKeys().delete(app.keys().pickups());
        }
    }

    @Test
    void an_explicit_queue_is_consumed_too() {
        AsyncResult result = app.client().send("celery.ping", List.of(), Map.of(), SendOptions.defaults().queue("other"));
        assertEquals("pong", result.get(Duration.ofSeconds(10)).asText());
    }

    @Test
    void a_countdown_task_waits_in_the_delayed_set_then_runs() {
        AsyncResult result = app.client().send("celeriac.echo", List.of("later"), Map.of(),
                SendOptions.defaults().countdown(Duration.ofMillis(300)));
        assertEquals("later", result.get(Duration.ofSeconds(10)).asText());
    }

    @Test
    void a_senders_time_limit_interrupts_a_task_that_runs_too_long() {
        var message = io.celeriac.core.message.NewTask.create("limited-1", "celeriac.sleep", app.json().createArrayNode().add(30),
                app.json().createObjectNode(), "celery", 0, null, null, false, "gen1@py", "tag-limited-1", null, null);
        message.headers().putArray("timelimit").add(0.3).addNull(); // what apply_async(time_limit=0.3) sends
        app.redisBroker().publish("celery", 0, app.codec().encodeBytes(message));
        ResultMeta meta = app.client().result("limited-1").await(Duration.ofSeconds(10));
        assertEquals(TaskState.FAILURE, meta.status());
        assertEquals("TimeLimitExceeded", meta.exception().type());
    }

    @Test
    void a_failing_task_stores_failure_and_is_dead_lettered() {
        AsyncResult result = app.client().send("celeriac.fail", List.of("boom"), Map.of(), SendOptions.defaults());
        ResultMeta meta = result.await(Duration.ofSeconds(10));
        assertEquals(TaskState.FAILURE, meta.status());
        assertEquals("boom", meta.exception().message());
        List<String> dead = app.redis().<String>getList(app.keys().dead()).readAll();
        assertTrue(dead.stream().anyMatch(d -> d.contains(result.id())), "dead letter holds the task");
    }
}
