package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.testing.ManualClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PickupsTest {
    @Test
    void reports_each_queue_once_per_new_pickup() {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
        Pickups pickups = new Pickups();
        assertTrue(pickups.sinceLastReport(clock).isEmpty(), "nothing taken yet");

        pickups.picked("a");
        pickups.picked("b");
        var first = pickups.sinceLastReport(clock);
        assertEquals(2, first.size());
        assertTrue(!first.get("a").isAfter(clock.instant()), "a pickup is never after the report");
        assertTrue(pickups.sinceLastReport(clock).isEmpty(), "no new pickup, nothing to write");

        pickups.picked("a");
        assertEquals(java.util.Set.of("a"), pickups.sinceLastReport(clock).keySet());

        pickups.reportAgain();
        assertEquals(java.util.Set.of("a", "b"), pickups.sinceLastReport(clock).keySet(), "a report that failed is sent again whole");
    }
}
