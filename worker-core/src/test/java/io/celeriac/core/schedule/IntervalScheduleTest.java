package io.celeriac.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalScheduleTest {

    @Test
    void fires_on_the_epoch_grid() {
        assertEquals(List.of(Instant.parse("2026-11-22T10:10:00Z"), Instant.parse("2026-11-22T10:20:00Z")),
                Schedule.every(Duration.ofMinutes(10)).next(Instant.parse("2026-11-22T10:03:17Z"), 2));
    }

    @Test
    void an_instant_on_the_grid_gives_the_following_one() {
        assertEquals(Instant.parse("2026-11-22T10:30:00Z"),
                Schedule.every(Duration.ofMinutes(30)).nextAfter(Instant.parse("2026-11-22T10:00:00Z")).orElseThrow());
    }

    @Test
    void an_anchor_moves_the_grid() {
        Schedule s = IntervalSchedule.of(Duration.ofHours(1), Instant.parse("2026-01-01T00:17:00Z"));
        assertEquals(Instant.parse("2026-11-22T11:17:00Z"), s.nextAfter(Instant.parse("2026-11-22T10:17:00Z")).orElseThrow());
        assertEquals("every 1h from 2026-01-01T00:17:00Z", s.describe());
    }

    @Test
    void sub_second_periods_are_rejected_naming_the_every_field() {
        assertEquals("every", assertThrows(InvalidScheduleException.class, () -> Schedule.every(Duration.ofMillis(500))).field());
    }

    @Test
    void describes_itself_with_the_shortest_duration() {
        assertEquals("every 10m", Schedule.every(Duration.ofSeconds(600)).describe());
    }
}
