package io.celeriac.core.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** One seeded fleet: a live worker, a dead one holding in-flight work, queues shared with Python. */
class FleetInspectorIT {
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    static Application app;
    static FleetInspector fleet;
    static String deadWorkersTask = FleetSeed.newId();
    static String retryTask = FleetSeed.newId();

    @BeforeAll
    static void seed() {
        app = TestApp.create(Clock.systemUTC(), "queues: [celery, emails]\n");
        fleet = new FleetInspector(app.redisBroker(), app.codec(), app.config().queues());
        FleetSeed seed = new FleetSeed(app);
        seed.worker("live@a", List.of("celery"), NOW.minusSeconds(2), Duration.ofSeconds(30), List.of("celeriac.add", "celeriac.echo"),
                Map.of("run-1", new Object[] {"celeriac.add", "celery", NOW.minusSeconds(5).toEpochMilli()}));
        seed.worker("dead@b", List.of("emails"), NOW.minusSeconds(300), Duration.ofSeconds(30), List.of("mail.send"),
                Map.of(deadWorkersTask, new Object[] {"mail.send", "emails", NOW.minusSeconds(320).toEpochMilli()}));
        seed.inflight("dead@b", "emails", 0, seed.envelope(deadWorkersTask, "mail.send", "emails", 0));
        seed.inflight("live@a", "celery", 0, seed.envelope("run-1", "celeriac.add", "celery", 0));
        for (int priority : new int[] {0, 0, 3, 9}) {
            seed.queued("celery", priority, seed.envelope(FleetSeed.newId(), "celeriac.add", "celery", priority));
        }
        seed.queued("emails", 6, seed.envelope(FleetSeed.newId(), "mail.send", "emails", 6));
        seed.delayed("emails", 0, seed.envelope(retryTask, "mail.send", "emails", 0, NOW.plusSeconds(60), null, 1), NOW.plusSeconds(60));
        seed.delayed("celery", 0, seed.envelope(FleetSeed.newId(), "celeriac.add", "celery", 0), NOW.plusSeconds(3600));
        seed.pythonQueue("py_only");
        String pyEta = seed.envelope("py-eta", "x.add", "py_only", 0, NOW.plusSeconds(120), null, 0);
        seed.pythonUnacked("tag-1", pyEta, "py_only");
        seed.dead("rejected: boom", "emails", "d-1", "mail.send", NOW.minusSeconds(30), seed.envelope("d-1", "mail.send", "emails", 0));
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void a_worker_past_its_lease_is_reported_dead_and_a_fresh_one_alive() {
        List<WorkerView> workers = fleet.workers(NOW);
        assertEquals(List.of("dead@b", "live@a"), workers.stream().map(WorkerView::name).toList());
        assertFalse(workers.get(0).alive());
        assertEquals("dead", workers.get(0).state());
        assertTrue(workers.get(1).alive());
        assertEquals(17L, workers.get(1).counters().get("processed"));
        assertEquals(List.of("celeriac.add", "celeriac.echo"), workers.get(1).registered());
    }

    @Test
    void queues_show_depth_per_priority_delayed_inflight_dead_and_live_consumers_only() {
        Map<String, QueueView> queues = byName(fleet.queues(fleet.workers(NOW)));
        QueueView celery = queues.get("celery");
        assertEquals(Map.of(0, 2L, 3, 1L, 6, 0L, 9, 1L), celery.depth());
        assertEquals(4, celery.ready());
        assertEquals(1, celery.delayed());
        assertEquals(1, celery.inflight());
        assertEquals(List.of("live@a"), celery.consumers());
        QueueView emails = queues.get("emails");
        assertEquals(1, emails.depth().get(6));
        assertEquals(1, emails.inflight(), "the dead worker's in-flight message still counts");
        assertEquals(1, emails.dead());
        assertEquals(List.of(), emails.consumers(), "a dead worker consumes nothing");
    }

    @Test
    void a_queue_only_python_declared_is_found_through_its_binding_and_pidbox_bindings_are_not_queues() {
        Map<String, QueueView> queues = byName(fleet.queues(fleet.workers(NOW)));
        assertTrue(queues.get("py_only").declaredBy().contains("kombu-binding"));
        assertEquals(1, queues.get("py_only").unacked());
        assertFalse(queues.keySet().stream().anyMatch(q -> q.contains("pidbox") || q.startsWith("celeryev")), queues.keySet().toString());
        assertEquals(List.of("celery", "emails"), List.copyOf(queues.keySet()).subList(0, 2), "config queues come first");
    }

    @Test
    void active_lists_running_tasks_and_marks_the_dead_workers_one() {
        List<RunningTask> active = fleet.active(fleet.workers(NOW));
        assertEquals(2, active.size());
        assertEquals(deadWorkersTask, active.get(0).id(), "longest running first");
        assertFalse(active.get(0).workerAlive());
        assertEquals(Duration.ofSeconds(5), active.get(1).runtime(NOW));
    }

    @Test
    void scheduled_lists_retries_and_etas_soonest_first_then_python_eta_tasks() {
        List<ScheduledTask> scheduled = fleet.scheduled(100);
        assertEquals(3, scheduled.size());
        assertEquals(retryTask, scheduled.get(0).id());
        assertEquals("retry", scheduled.get(0).kind());
        assertEquals("emails", scheduled.get(0).queue());
        assertEquals("eta", scheduled.get(1).kind());
        assertEquals("py-eta", scheduled.get(2).id());
        assertEquals("python-worker", scheduled.get(2).heldBy());
    }

    static Map<String, QueueView> byName(List<QueueView> queues) {
        Map<String, QueueView> map = new java.util.LinkedHashMap<>();
        queues.forEach(q -> map.put(q.name(), q));
        return map;
    }
}
