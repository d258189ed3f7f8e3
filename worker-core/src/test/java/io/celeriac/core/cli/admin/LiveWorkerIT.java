package io.celeriac.core.cli.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin commands against a real worker's heartbeat record, not a hand-written one. */
class LiveWorkerIT {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static AdminCli cli;
    static Worker worker;
    static final CountDownLatch release = new CountDownLatch(1);

    @BeforeAll
    static void start() {
        cli = AdminCli.create("queues: [celery]\n");
        TaskRegistry registry = new TaskRegistry();
        registry.register("test.hold", ctx -> release.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        worker = TestApp.worker(cli.app, registry, TestApp.settings("w@live", List.of("celery"), 2));
        worker.start();
    }

    @AfterAll
    static void stop() {
        release.countDown();
        worker.shutdown();
        cli.close();
    }

    @Test
    void a_running_task_shows_as_running_on_the_live_worker_then_as_finished() {
        AsyncResult sent = cli.app.client().send("test.hold", List.of(), Map.of(), SendOptions.defaults());
        JsonNode running = Eventually.value("the task to be reported running", TIMEOUT, () -> {
            JsonNode doc = cli.run("task", sent.id(), "--json").json();
            return doc.path("state").asText().equals("running") ? doc : null;
        });
        assertEquals("w@live", running.at("/locations/0/worker").asText());
        assertEquals("test.hold", running.path("name").asText());

        JsonNode active = cli.run("inspect", "active", "--json").json().path("active");
        assertEquals(sent.id(), active.at("/0/id").asText());
        assertTrue(active.at("/0/worker_alive").asBoolean());
        JsonNode status = cli.run("status", "--json").json();
        assertTrue(status.at("/workers/0/alive").asBoolean());
        assertEquals("w@live", status.at("/queues/0/consumers/0").asText());
        assertEquals("test.hold", cli.run("inspect", "registered", "--json").json().at("/registered/w@live/0").asText());

        release.countDown();
        sent.await(TIMEOUT);
        JsonNode finished = cli.run("task", sent.id(), "--json").json();
        assertEquals("finished", finished.path("state").asText());
        assertEquals("SUCCESS", finished.at("/result/status").asText());
    }
}
