package io.celeriac.core.cli.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.api.DefaultWorker;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code celeriac queue pause|resume|list} and the remote-control {@code pause_queue} /
 * {@code resume_queue} against a live worker: it hears each change within a second.
 */
class QueueCommandIT {
    static AdminCli cli;
    static DefaultWorker embedded;
    static Worker worker;

    @BeforeAll
    static void start() {
        cli = AdminCli.create("queues: [ai_tasks, email_tasks]\n");
        // with its mailbox, so remote control reaches it
        embedded = DefaultWorker.create(cli.app, TestApp.settings("w@queues", List.of("ai_tasks", "email_tasks"), 1),
                new TaskRegistry(), null, false, false);
        embedded.start();
        worker = embedded.worker();
    }

    @AfterAll
    static void stop() {
        embedded.close();
        cli.close();
    }

    static JsonNode listed(String queue) {
        for (JsonNode q : cli.run("queue", "list", "--json").json().path("queues")) {
            if (q.path("name").asText().equals(queue)) {
                return q;
            }
        }
        throw new AssertionError(queue + " not listed");
    }

    @Test
    void queue_pause_and_resume_reach_the_worker_and_show_in_the_list() {
        AdminCli.Result paused = cli.run("queue", "pause", "ai_tasks", "--json");
        assertEquals(0, paused.exit(), paused.err());
        assertTrue(paused.json().path("paused").path("ai_tasks").asBoolean());
        Eventually.await("the worker hears the pause", Duration.ofSeconds(1), () -> worker.pauses().contains("ai_tasks"));
        assertTrue(listed("ai_tasks").path("paused").asBoolean());
        assertFalse(listed("email_tasks").path("paused").asBoolean());
        assertTrue(cli.run("queue", "list").out().lines().anyMatch(l -> l.startsWith("ai_tasks") && l.contains("paused")));

        AdminCli.Result resumed = cli.run("queue", "resume", "ai_tasks");
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.out().contains("resumed ai_tasks"), resumed.out());
        Eventually.await("the worker hears the resume", Duration.ofSeconds(1), () -> !worker.pauses().contains("ai_tasks"));
        assertFalse(listed("ai_tasks").path("paused").asBoolean());
    }

    @Test
    void the_remote_control_commands_pause_and_resume_fleet_wide() {
        AdminCli.Result paused = cli.run("control", "pause_queue", "email_tasks", "--destination=w@queues", "--json");
        assertEquals(0, paused.exit(), paused.err());
        assertEquals("paused queue email_tasks", paused.json().path("w@queues").path("ok").asText(), paused.out());
        Eventually.await("the worker hears the pause", Duration.ofSeconds(1), () -> worker.pauses().contains("email_tasks"));
        assertTrue(cli.app.redisBroker().pausedQueues().contains("email_tasks"), "stored, not only announced");

        AdminCli.Result resumed = cli.run("control", "resume_queue", "email_tasks", "--destination=w@queues", "--json");
        assertEquals("resumed queue email_tasks", resumed.json().path("w@queues").path("ok").asText(), resumed.out());
        Eventually.await("the worker hears the resume", Duration.ofSeconds(1), () -> !worker.pauses().contains("email_tasks"));
    }

    @Test
    void a_bad_queue_name_exits_2() {
        assertEquals(2, cli.run("queue", "pause", "bad name").exit());
    }
}
