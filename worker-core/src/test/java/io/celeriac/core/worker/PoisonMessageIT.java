package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.builtin.BuiltinTasks;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input is dead-lettered with its reason and never stops the worker. */
class PoisonMessageIT {
    static Application app;
    static Worker worker;

    @BeforeAll
    static void start() {
        app = TestApp.create();
        TaskRegistry registry = new TaskRegistry();
        new BuiltinTasks().register(registry, app);
        worker = TestApp.worker(app, registry, TestApp.settings("poison@test", List.of("celery"), 2));
        worker.start();
    }

    @AfterAll
    static void stop() {
        worker.shutdown();
        app.close();
    }

    static String envelope(String id, String task, String body, String contentType, boolean withTag) {
        String b64 = Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
        return "{\"body\": \"" + b64 + "\", \"content-encoding\": \"utf-8\", \"content-type\": \"" + contentType + "\","
                + " \"headers\": {\"lang\": \"py\", \"task\": \"" + task + "\", \"id\": \"" + id + "\"},"
                + " \"properties\": {\"body_encoding\": \"base64\", \"delivery_info\": {\"exchange\": \"\", \"routing_key\": \"celery\"}"
                + (withTag ? ", \"delivery_tag\": \"tag-" + id + "\"" : "") + "}}";
    }

    @Test
    void each_kind_of_poison_is_dead_lettered_with_its_reason_and_the_worker_keeps_running() throws Exception {
        String queue = app.keys().queueList("celery", 0);
        String good = "[[1], {}, {\"callbacks\": null, \"errbacks\": null, \"chain\": null, \"chord\": null}]";
        List<String> poison = List.of(
                "{this is not json",
                envelope("p-two", "celeriac.echo", "[[5, 6], {\"a\": 1}]", "application/json", true),
                envelope("p-notag", "celeriac.echo", good, "application/json", false),
                envelope("p-unknown", "no.such.task", good, "application/json", true),
                envelope("p-pickle", "celeriac.echo", good, "application/x-python-serialize", true));
        for (String raw : poison) {
            app.redis().getDeque(queue).addFirst(raw);
        }
        var after = app.client().send("celeriac.add", List.of(1, 1), Map.of(), SendOptions.defaults());
        assertEquals(2, after.get(Duration.ofSeconds(10)).asInt(), "the worker still runs tasks");

        List<JsonNode> dead = new ArrayList<>();
        Eventually.await("5 dead letters", Duration.ofSeconds(10), () -> {
            dead.clear();
            for (String entry : app.redis().<String>getList(app.keys().dead()).readAll()) {
                dead.add(io.celeriac.core.broker.DeadLetterEntry.decode(entry.getBytes(StandardCharsets.UTF_8)).toJson());
            }
            return dead.size() == 5;
        });
        assertReason(dead, null, "envelope is not valid JSON");
        assertReason(dead, "p-two", "body has 2 elements");
        assertReason(dead, "p-notag", "no properties.delivery_tag");
        assertReason(dead, "p-unknown", "is not registered");
        assertReason(dead, "p-pickle", "unsupported content type");
        assertTrue(dead.stream().allMatch(d -> !d.path("message").asText().isEmpty()), "each entry keeps the message");

        ResultMeta unknown = app.redisResults().get("p-unknown").orElseThrow();
        assertEquals(TaskState.FAILURE, unknown.status());
        assertEquals("NotRegistered", unknown.exception().type());
        assertEquals(TaskState.FAILURE, app.redisResults().get("p-two").orElseThrow().status());
        assertEquals(0, app.redis().getList(app.keys().inflight("poison@test", queue)).size(), "nothing left in flight");
    }

    private static void assertReason(List<JsonNode> dead, String id, String reason) {
        assertTrue(dead.stream().anyMatch(d -> (id == null ? d.path("task_id").isNull() : id.equals(d.path("task_id").asText()))
                && d.path("reason").asText().contains(reason)), "dead letter for " + id + " with reason " + reason + " in " + dead);
    }
}
