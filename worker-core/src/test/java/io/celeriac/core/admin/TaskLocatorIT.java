package io.celeriac.core.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.testing.TestApp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each test seeds one task somewhere and asks where it is and why it is not running. */
class TaskLocatorIT {
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    static Application app;
    static FleetSeed seed;
    static TaskLocator locator;

    @BeforeAll
    static void start() {
        app = TestApp.create(Clock.systemUTC(), "queues: [celery, orphan]\n");
        seed = new FleetSeed(app);
        locator = new TaskLocator(app.redisBroker(), app.codec(), app.redisResults(), app.config().queues());
        seed.worker("live@a", List.of("celery", "line"), NOW.minusSeconds(1), Duration.ofSeconds(30), List.of("celeriac.add"),
                Map.of("running-1", new Object[] {"celeriac.add", "celery", NOW.minusSeconds(4).toEpochMilli()}));
        seed.worker("dead@b", List.of("celery"), NOW.minusSeconds(120), Duration.ofSeconds(30), List.of("celeriac.add"), Map.of());
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void a_queued_task_says_how_many_are_served_before_it() {
        String id = FleetSeed.newId();
        seed.queued("line", 0, seed.envelope(FleetSeed.newId(), "celeriac.add", "line", 0));
        seed.queued("line", 0, seed.envelope(id, "celeriac.add", "line", 0));
        seed.queued("line", 3, seed.envelope(FleetSeed.newId(), "celeriac.add", "line", 3));
        TaskReport report = locator.locate(id, NOW);
        assertEquals("queued", report.state());
        assertEquals(List.of(new TaskLocation.Queued("line", 0, 1)), report.locations(),
                "the older message of its bucket goes first; the priority-3 one after it");
        assertEquals(List.of("waiting in queue line behind 1 message(s)"), report.whyNotRunning());
    }

    @Test
    void a_message_in_a_less_urgent_bucket_waits_behind_every_more_urgent_one() {
        String id = FleetSeed.newId();
        seed.queued("line9", 9, seed.envelope(id, "celeriac.add", "line9", 9));
        seed.queued("line9", 0, seed.envelope(FleetSeed.newId(), "celeriac.add", "line9", 0));
        seed.queued("line9", 6, seed.envelope(FleetSeed.newId(), "celeriac.add", "line9", 6));
        TaskReport report = locator.locate(id, NOW);
        assertEquals(List.of(new TaskLocation.Queued("line9", 9, 2)), report.locations());
    }

    @Test
    void a_task_on_a_queue_no_live_worker_consumes_says_so() {
        String id = FleetSeed.newId();
        seed.queued("orphan", 0, seed.envelope(id, "celeriac.add", "orphan", 0));
        TaskReport report = locator.locate(id, NOW);
        assertEquals(List.of("queue orphan has no live consumers: no live worker lists it"), report.whyNotRunning());
    }

    @Test
    void a_retrying_task_is_delayed_until_its_due_time() {
        String id = FleetSeed.newId();
        Instant due = NOW.plusSeconds(90);
        seed.delayed("celery", 0, seed.envelope(id, "celeriac.add", "celery", 0, due, null, 2), due);
        TaskReport report = locator.locate(id, NOW);
        assertEquals("delayed", report.state());
        assertEquals(new TaskLocation.Delayed("celery", due), report.locations().get(0));
        assertEquals(2, report.message().retries());
        assertEquals("delayed until " + due + " (retry 2 waiting out its backoff)", report.whyNotRunning().get(0));
    }

    @Test
    void a_task_in_flight_on_a_dead_worker_waits_for_lease_recovery() {
        String id = FleetSeed.newId();
        seed.inflight("dead@b", "celery", 0, seed.envelope(id, "celeriac.add", "celery", 0));
        TaskReport report = locator.locate(id, NOW);
        assertEquals("awaiting-recovery", report.state());
        TaskLocation.InFlight inFlight = (TaskLocation.InFlight) report.locations().get(0);
        assertEquals("dead@b", inFlight.worker());
        assertEquals(NOW.minusSeconds(90), inFlight.leaseExpiry());
        assertTrue(report.whyNotRunning().get(0).contains("waiting for lease recovery"), report.whyNotRunning().toString());
    }

    @Test
    void a_task_a_live_worker_reports_running_is_running_with_no_reasons() {
        seed.inflight("live@a", "celery", 0, seed.envelope("running-1", "celeriac.add", "celery", 0));
        TaskReport report = locator.locate("running-1", NOW);
        assertEquals("running", report.state());
        assertEquals(NOW.minusSeconds(4), ((TaskLocation.InFlight) report.locations().get(0)).started());
        assertEquals(List.of(), report.whyNotRunning());
    }

    @Test
    void a_dead_lettered_task_gives_the_reason_and_how_to_requeue() {
        String id = FleetSeed.newId();
        seed.dead("unregistered task nope.x", "celery", id, "nope.x", NOW.minusSeconds(10), seed.envelope(id, "nope.x", "celery", 0));
        TaskReport report = locator.locate(id, NOW);
        assertEquals("dead", report.state());
        assertEquals("nope.x", report.message().task());
        assertTrue(report.whyNotRunning().get(0).contains("unregistered task nope.x"));
        assertTrue(report.whyNotRunning().get(0).contains("celeriac dead requeue " + id));
    }

    @Test
    void a_finished_task_reports_its_result() {
        String id = FleetSeed.newId();
        app.redis().<String>getBucket(app.keys().result(id)).set("{\"status\":\"SUCCESS\",\"result\":3,\"traceback\":null,"
                + "\"children\":[],\"date_done\":\"2026-01-01T00:00:00.000000+00:00\",\"task_id\":\"" + id + "\"}");
        TaskReport report = locator.locate(id, NOW);
        assertEquals("finished", report.state());
        assertNotNull(report.result());
        assertEquals(3, report.result().result().asInt());
        assertEquals(List.of(), report.whyNotRunning());
    }

    @Test
    void a_revoked_and_expired_task_says_both() {
        String id = FleetSeed.newId();
        seed.queued("celery", 0, seed.envelope(id, "celeriac.add", "celery", 0, null, NOW.minusSeconds(5), 0));
        new Revocations(app.redisBroker()).revoke(id, NOW.plusSeconds(600), false, NOW);
        TaskReport report = locator.locate(id, NOW);
        assertEquals(NOW.plusSeconds(600), report.revokedUntil());
        assertTrue(report.whyNotRunning().get(0).startsWith("revoked (kept until"), report.whyNotRunning().toString());
        assertTrue(report.whyNotRunning().get(1).startsWith("expired at " + NOW.minusSeconds(5)), report.whyNotRunning().toString());
    }

    @Test
    void an_id_found_nowhere_is_unknown_with_an_explanation() {
        TaskReport report = locator.locate("no-such-task", NOW);
        assertEquals("unknown", report.state());
        assertTrue(report.whyNotRunning().get(0).startsWith("not found"));
    }
}
