package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.message.MessageCodec;
import io.celeriac.core.message.NewTask;
import io.celeriac.core.message.TaskMessage;
import io.celeriac.core.task.TaskOptions;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Chains, links and link_errors from Python clients' messages run on Celeriac workers. */
class WorkflowIT {
    static Application app;
    static Worker worker;

    @BeforeAll
    static void start() {
        app = TestApp.create();
        TaskRegistry registry = new TaskRegistry();
        registry.register("x.add", ctx -> {
            long sum = 0;
            for (JsonNode arg : ctx.args()) {
                sum += arg.asLong();
            }
            return sum;
        });
        registry.register("x.record", ctx -> ctx.args());
        registry.register("x.fail", TaskOptions.defaults().maxRetries(0), ctx -> {
            throw new IllegalStateException("broken");
        });
        worker = TestApp.worker(app, registry, TestApp.settings("workflow@test", List.of("celery", "ai_tasks"), 2));
        worker.start();
    }

    @AfterAll
    static void stop() {
        worker.shutdown();
        app.close();
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = WorkflowIT.class.getResourceAsStream("/celery-fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    JsonNode resultOf(String id) {
        return Eventually.value("result of " + id, Duration.ofSeconds(10),
                () -> app.redisResults().get(id).map(m -> m.result()).orElse(null));
    }

    @Test
    void a_python_chain_runs_its_next_link_with_the_result_prepended() throws IOException {
        // chain(add.s(1, 1), add.s(10)) as a Python client sent it
        app.redisBroker().publish("ai_tasks", 0, fixture("08-chain-first-link.lpush.json").getBytes(StandardCharsets.UTF_8));
        assertEquals(2, resultOf("c1225ed1-173a-4a12-868d-58051966b947").asInt());
        assertEquals(12, resultOf("c77cbf7f-9048-4d81-95b8-de3f7ed117c9").asInt(), "the second link got (2, 10)");
        assertEquals(List.of("c77cbf7f-9048-4d81-95b8-de3f7ed117c9"), app.redisResults().get("c1225ed1-173a-4a12-868d-58051966b947")
                .orElseThrow().children(), "the first link names the next as its child, as AsyncResult.children reads");
    }

    @Test
    void a_link_callback_receives_the_result_and_a_link_error_the_failed_task_id() throws IOException {
        JsonNode callbacks = app.json().readTree("""
                [{"task": "x.record", "args": ["extra"], "kwargs": {}, "options": {"task_id": "cb-ok"}, "subtask_type": null, "immutable": false}]""");
        JsonNode errbacks = app.json().readTree("""
                [{"task": "x.record", "args": [], "kwargs": {}, "options": {"task_id": "cb-err"}, "subtask_type": null, "immutable": false}]""");
        publish("wf-ok", "x.add", callbacks, null, 2, 3);
        publish("wf-fail", "x.fail", null, errbacks);
        assertEquals("[5,\"extra\"]", resultOf("cb-ok").toString());
        assertEquals("[\"wf-fail\"]", resultOf("cb-err").toString());
    }

    @Test
    void a_chord_member_records_its_part_in_the_group_and_the_body_waits_for_the_rest() throws IOException {
        // one member of a Python chord whose sender did not record the header's size: nothing can be complete yet
        app.redisBroker().publish("ai_tasks", 0, fixture("07-chord-header-member.lpush.json").getBytes(StandardCharsets.UTF_8));
        assertEquals(0, resultOf("97a6a822-435b-4c3e-8bb1-7e87dda996c0").asInt());
        String parts = app.keys().groupMeta("5bdec298-3c01-475f-aefd-dd2a10ee5fd5") + ".j";
        Eventually.await("the part is in the group's ordered set", Duration.ofSeconds(10),
                () -> app.redis().getScoredSortedSet(parts, org.redisson.client.codec.StringCodec.INSTANCE).size() == 1);
        assertTrue(app.redis().<String>getList(app.keys().dead()).readAll().isEmpty(), "nothing is dead-lettered");
        assertTrue(app.redisResults().get("5cde6c9f-e612-4021-9282-3b804a5028b4").isEmpty(), "the body has not run");
    }

    private void publish(String id, String task, JsonNode callbacks, JsonNode errbacks, int... args) {
        var argsNode = app.json().createArrayNode();
        for (int a : args) {
            argsNode.add(a);
        }
        TaskMessage message = NewTask.create(id, task, argsNode, app.json().createObjectNode(), "celery", 0, null, null, false,
                "gen1@py", "tag-" + id, null, null);
        var embed = MessageCodec.emptyEmbed();
        if (callbacks != null) {
            embed.set("callbacks", callbacks);
        }
        if (errbacks != null) {
            embed.set("errbacks", errbacks);
        }
        app.redisBroker().publish("celery", 0, app.codec().encodeBytes(message.withEmbed(embed)));
    }
}
