package io.celeriac.core.cli.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.admin.FleetSeed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** status, inspect and task over one seeded fleet, through the real command line; JSON parsed. */
class FleetCommandsIT {
    static AdminCli cli;
    static String stuck = FleetSeed.newId();
    static String waiting = FleetSeed.newId();

    @BeforeAll
    static void seed() {
        cli = AdminCli.create("queues: [celery, emails]\n");
        FleetSeed seed = new FleetSeed(cli.app);
        Instant now = Instant.now();
        seed.worker("live@a", List.of("celery"), now, Duration.ofSeconds(30), List.of("celeriac.add"), Map.of());
        seed.worker("dead@b", List.of("emails"), now.minusSeconds(600), Duration.ofSeconds(30), List.of("mail.send"),
                Map.of(stuck, new Object[] {"mail.send", "emails", now.minusSeconds(610).toEpochMilli()}));
        seed.inflight("dead@b", "emails", 0, seed.envelope(stuck, "mail.send", "emails", 0));
        seed.queued("emails", 3, seed.envelope(waiting, "mail.send", "emails", 3));
        seed.delayed("celery", 0, seed.envelope(FleetSeed.newId(), "celeriac.add", "celery", 0, null, null, 1), now.plusSeconds(30));
    }

    @AfterAll
    static void close() {
        cli.close();
    }

    @Test
    void status_json_lists_both_workers_with_liveness_and_every_queue() {
        AdminCli.Result result = cli.run("status", "--json");
        assertEquals(0, result.exit(), result.err());
        JsonNode doc = result.json();
        assertEquals("dead@b", doc.at("/workers/0/name").asText());
        assertFalse(doc.at("/workers/0/alive").asBoolean());
        assertTrue(doc.at("/workers/1/alive").asBoolean());
        JsonNode emails = doc.at("/queues/1");
        assertEquals("emails", emails.path("name").asText());
        assertEquals(1, emails.at("/depth_by_priority/3").asInt());
        assertEquals(1, emails.path("inflight").asInt());
        assertEquals(0, emails.path("consumers").size());
        assertEquals(1, doc.at("/queues/0/delayed").asInt());
    }

    @Test
    void status_table_marks_the_dead_worker() {
        AdminCli.Result result = cli.run("status");
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("Workers: 1 alive, 1 dead"), result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.startsWith("dead@b") && l.contains("DEAD")), result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.startsWith("emails") && l.endsWith("none")), result.out());
    }

    @Test
    void inspect_active_flags_a_task_on_a_dead_worker() {
        JsonNode active = cli.run("inspect", "active", "--json").json().path("active");
        assertEquals(1, active.size());
        assertEquals(stuck, active.at("/0/id").asText());
        assertFalse(active.at("/0/worker_alive").asBoolean());
        assertTrue(active.at("/0/runtime_ms").asLong() >= 610_000);
    }

    @Test
    void inspect_scheduled_queues_workers_and_registered_answer_in_json() {
        JsonNode scheduled = cli.run("inspect", "scheduled", "--json").json().path("scheduled");
        assertEquals("retry", scheduled.at("/0/kind").asText());
        assertEquals(2, cli.run("inspect", "queues", "--json").json().path("queues").size());
        assertEquals(2, cli.run("inspect", "workers", "--json").json().path("workers").size());
        JsonNode registered = cli.run("inspect", "registered", "--json").json().path("registered");
        assertEquals("mail.send", registered.at("/dead@b/0").asText());
    }

    @Test
    void inspect_tables_print_headers_and_rows() {
        AdminCli.Result result = cli.run("inspect", "active");
        assertTrue(result.out().startsWith("TASK ID"), result.out());
        assertTrue(result.out().contains("dead@b (DEAD: awaiting lease recovery)"), result.out());
    }

    @Test
    void task_json_explains_a_task_stuck_on_a_dead_worker() {
        AdminCli.Result result = cli.run("task", stuck, "--json");
        assertEquals(0, result.exit(), result.err());
        JsonNode doc = result.json();
        assertEquals("awaiting-recovery", doc.path("state").asText());
        assertEquals("mail.send", doc.path("name").asText());
        assertEquals("inflight", doc.at("/locations/0/where").asText());
        assertEquals("dead@b", doc.at("/locations/0/worker").asText());
        assertTrue(doc.at("/why_not_running/0").asText().contains("waiting for lease recovery"));
    }

    @Test
    void task_table_says_where_and_why_not_running() {
        AdminCli.Result result = cli.run("task", waiting);
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("Where:    queued on emails (priority bucket 3), 0 ahead of it"), result.out());
        assertTrue(result.out().contains("Not running: queue emails has no live consumers"), result.out());
    }

    @Test
    void task_of_an_unknown_id_exits_1() {
        AdminCli.Result result = cli.run("task", "no-such-id", "--json");
        assertEquals(1, result.exit());
        assertEquals("unknown", result.json().path("state").asText());
    }
}
