package io.celeriac.core.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerViewTest {
    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final Map<String, String> RECORD = Map.of("lease_ms", "30000", "heartbeat_ms", "10000", "state", "running");

    static WorkerView beatSecondsAgo(long seconds, Map<String, String> record) {
        return WorkerView.fromRecord("w@h", NOW.minusSeconds(seconds), record, NOW);
    }

    @Test
    void a_worker_that_beats_on_time_is_alive_in_the_state_it_reported() {
        WorkerView view = beatSecondsAgo(5, RECORD);
        assertTrue(view.alive());
        assertEquals("running", view.state());
    }

    @Test
    void two_missed_beats_inside_the_lease_read_as_missing_and_past_the_lease_as_dead() {
        WorkerView missing = beatSecondsAgo(21, RECORD);
        assertTrue(missing.alive(), "its lease still holds: its tasks are not back yet");
        assertEquals(WorkerView.MISSING, missing.state());
        WorkerView dead = beatSecondsAgo(31, RECORD);
        assertFalse(dead.alive());
        assertEquals("dead", dead.state());
    }

    @Test
    void a_record_from_before_the_heartbeat_field_assumes_a_third_of_the_lease() {
        assertEquals(WorkerView.MISSING, beatSecondsAgo(21, Map.of("lease_ms", "30000")).state());
        assertEquals("unknown", beatSecondsAgo(19, Map.of("lease_ms", "30000")).state());
    }
}
