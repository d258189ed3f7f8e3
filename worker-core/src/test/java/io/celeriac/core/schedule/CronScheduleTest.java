package io.celeriac.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static List<Instant> next(String cron, ZoneId zone, String after, int n) {
        return Schedule.cron(cron, zone).next(Instant.parse(after), n);
    }

    private static List<Instant> instants(String... texts) {
        return java.util.Arrays.stream(texts).map(Instant::parse).toList();
    }

    @Test
    void steps_fire_on_the_next_multiples() {
        assertEquals(instants("2026-11-22T10:10:00Z", "2026-11-22T10:20:00Z", "2026-11-22T10:30:00Z"),
                next("*/10 * * * *", UTC, "2026-11-22T10:03:17Z", 3));
    }

    @Test
    void an_instant_on_an_occurrence_gives_the_following_one() {
        assertEquals(instants("2026-11-22T11:00:00Z"), next("0 * * * *", UTC, "2026-11-22T10:00:00Z", 1));
    }

    @Test
    void ranges_lists_and_day_names_work() {
        // 2026-11-20 is a Friday
        assertEquals(instants("2026-11-20T09:15:00Z", "2026-11-20T17:15:00Z", "2026-11-23T09:15:00Z"),
                next("15 9,17 * * MON-FRI", UTC, "2026-11-20T08:00:00Z", 3));
        assertEquals(instants("2026-11-22T01:00:00Z", "2026-11-29T01:00:00Z"),
                next("0 1 * * SUN", UTC, "2026-11-20T00:00:00Z", 2));
        assertEquals(instants("2026-11-22T01:00:00Z"), next("0 1 * * 0", UTC, "2026-11-20T00:00:00Z", 1));
    }

    @Test
    void a_zone_shifts_wall_clock_times() {
        // 08:00 in Paris in winter is 07:00 UTC
        assertEquals(instants("2026-11-23T07:00:00Z"), next("0 8 * * *", ZoneId.of("Europe/Paris"), "2026-11-22T08:00:00Z", 1));
    }

    @Test
    void equal_expressions_describe_alike() {
        assertEquals("cron 0 2 * * * Europe/Paris", Schedule.cron(" 0  2 * * * ", ZoneId.of("Europe/Paris")).describe());
        assertEquals(Schedule.cron("0 2 * * *", UTC), Schedule.cron("0 2 * * *", UTC));
    }

    @Test
    void a_bad_expression_is_rejected_naming_the_cron_field() {
        InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Schedule.cron("61 * * * *", UTC));
        assertEquals("cron", e.field());
        assertTrue(e.getMessage().contains("61 * * * *"), e.getMessage());
        assertThrows(InvalidScheduleException.class, () -> Schedule.cron("* * * *", UTC));
        assertThrows(InvalidScheduleException.class, () -> Schedule.cron("0 0 * * * *", UTC));
        assertThrows(InvalidScheduleException.class, () -> Schedule.cron("every day", UTC));
        assertThrows(InvalidScheduleException.class, () -> Schedule.cron("", UTC));
        assertThrows(InvalidScheduleException.class, () -> Schedule.cron("0 25 * * *", UTC));
    }

    @Test
    void an_unknown_zone_is_rejected_naming_the_timezone_field() {
        InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> Schedule.zone("Mars/Olympus"));
        assertEquals("timezone", e.field());
        assertTrue(e.getMessage().contains("Mars/Olympus"));
        assertEquals(ZoneId.of("Europe/Paris"), Schedule.zone("Europe/Paris"));
        assertEquals(ZoneId.of("UTC"), Schedule.zone("UTC"));
    }
}
