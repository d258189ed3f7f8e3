package io.celeriac.core.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules that turn where a task was found into a state and reasons; no Redis involved. */
class TaskDiagnosisTest {
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    static WorkerView worker(String name, String queues, Instant lastBeat) {
        return WorkerView.fromRecord(name, lastBeat, Map.of("queues", queues, "lease_ms", "30000"), NOW);
    }

    final TaskDiagnosis diagnosis = new TaskDiagnosis(NOW, List.of(worker("live", "celery", NOW.minusSeconds(5))));

    @Test
    void a_live_running_copy_wins_over_a_stale_queued_copy() {
        TaskReport report = diagnosis.diagnose("t", null, List.of(new TaskLocation.Queued("celery", 0, 3),
                new TaskLocation.InFlight("live", "celery", true, NOW.plusSeconds(25), true, NOW.minusSeconds(1))), null, null);
        assertEquals("running", report.state());
        assertEquals(List.of(), report.whyNotRunning());
    }

    @Test
    void a_reserved_message_waits_for_a_free_slot() {
        TaskReport report = diagnosis.diagnose("t", null,
                List.of(new TaskLocation.InFlight("live", "celery", true, NOW.plusSeconds(25), false, null)), null, null);
        assertEquals("reserved", report.state());
        assertEquals(List.of("reserved (prefetched) by live, waiting for a free slot"), report.whyNotRunning());
    }

    @Test
    void a_delayed_task_on_an_unconsumed_queue_gives_both_reasons() {
        Instant due = NOW.plus(Duration.ofMinutes(5));
        TaskReport report = diagnosis.diagnose("t", null, List.of(new TaskLocation.Delayed("reports", due)), null, null);
        assertEquals("delayed", report.state());
        assertEquals(List.of("delayed until " + due + " (ETA)", "queue reports has no live consumers: no live worker lists it"),
                report.whyNotRunning());
    }

    @Test
    void a_worker_whose_heartbeat_is_older_than_its_lease_is_dead() {
        assertEquals(false, worker("old", "celery", NOW.minusSeconds(31)).alive());
        assertEquals(true, worker("fresh", "celery", NOW.minusSeconds(29)).alive());
    }
}
