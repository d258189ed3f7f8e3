package io.celeriac.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Europe/Paris: spring forward on 2027-03-28 at 02:00 CET (to 03:00 CEST, 01:00Z); fall back on
 * 2026-10-25 at 03:00 CEST (to 02:00 CET, 01:00Z).
 */
class DstPolicyTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static List<Instant> next(String cron, String after, int n) {
        return Schedule.cron(cron, PARIS).next(Instant.parse(after), n);
    }

    private static List<Instant> instants(String... texts) {
        return Arrays.stream(texts).map(Instant::parse).toList();
    }

    @Test
    void a_daily_time_inside_the_spring_gap_fires_once_at_the_first_valid_instant() {
        assertEquals(instants(
                "2027-03-27T01:30:00Z",   // 02:30 CET
                "2027-03-28T01:00:00Z",   // 02:30 does not exist: 03:00 CEST, the end of the gap
                "2027-03-29T00:30:00Z"),  // 02:30 CEST
                next("30 2 * * *", "2027-03-26T12:00:00Z", 3));
    }

    @Test
    void the_gap_day_is_not_skipped_for_a_time_at_the_gap_start() {
        // cron-utils alone skips 2027-03-28 for 0 2 * * * (STACK.md)
        assertEquals(instants("2027-03-27T01:00:00Z", "2027-03-28T01:00:00Z", "2027-03-29T00:00:00Z"),
                next("0 2 * * *", "2027-03-26T12:00:00Z", 3));
    }

    @Test
    void a_daily_time_inside_the_autumn_overlap_fires_once() {
        assertEquals(instants(
                "2026-10-24T00:30:00Z",   // 02:30 CEST
                "2026-10-25T00:30:00Z",   // the first 02:30 (CEST) only
                "2026-10-26T01:30:00Z"),  // 02:30 CET
                next("30 2 * * *", "2026-10-23T12:00:00Z", 3));
    }

    @Test
    void hourly_jobs_keep_firing_every_hour_through_the_overlap() {
        assertEquals(instants("2026-10-24T23:00:00Z", "2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z",
                        "2026-10-25T02:00:00Z", "2026-10-25T03:00:00Z"),
                next("0 * * * *", "2026-10-24T22:30:00Z", 5));
    }

    @Test
    void ten_minute_jobs_fire_once_for_the_whole_spring_gap() {
        assertEquals(instants("2027-03-28T00:40:00Z", "2027-03-28T00:50:00Z", "2027-03-28T01:00:00Z",
                        "2027-03-28T01:10:00Z"),
                next("*/10 * * * *", "2027-03-28T00:35:00Z", 4));
    }

    @Test
    void ten_minute_jobs_asked_during_the_second_pass_continue_in_it() {
        // 01:15Z is 02:15 CET, the second pass of 02:xx
        assertEquals(instants("2026-10-25T01:20:00Z", "2026-10-25T01:30:00Z"),
                next("*/10 * * * *", "2026-10-25T01:15:00Z", 2));
    }

    @Test
    void a_fixed_time_job_asked_during_the_second_pass_waits_for_the_next_day() {
        assertEquals(instants("2026-10-26T01:30:00Z"), next("30 2 * * *", "2026-10-25T01:15:00Z", 1));
    }

    @Test
    void every_minute_of_a_gap_collapses_into_one_firing() {
        assertEquals(instants("2027-03-28T00:59:00Z", "2027-03-28T01:00:00Z", "2027-03-28T01:01:00Z"),
                next("* * * * *", "2027-03-28T00:58:30Z", 3));
    }

    @Test
    void ten_minute_jobs_asked_inside_the_first_pass_still_fire_in_the_second() {
        // 00:50Z is 02:50 CEST, the first pass; 01:00Z is 02:00 CET, the second pass begins (issue 29)
        assertEquals(instants("2026-10-25T01:00:00Z", "2026-10-25T01:10:00Z"),
                next("*/10 * * * *", "2026-10-25T00:50:00Z", 2));
    }

    @Test
    void hourly_jobs_asked_inside_the_first_pass_fire_at_the_start_of_the_second() {
        // 00:30Z is 02:30 CEST: 03:00 CEST never comes, 02:00 CET (01:00Z) does
        assertEquals(instants("2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z"),
                next("0 * * * *", "2026-10-25T00:30:00Z", 2));
    }

    @Test
    void a_fixed_time_job_asked_inside_the_first_pass_does_not_repeat_in_the_second() {
        assertEquals(instants("2026-10-25T00:45:00Z", "2026-10-26T01:45:00Z"),
                next("45 2 * * *", "2026-10-25T00:30:00Z", 2));
    }

    @Test
    void asked_exactly_at_a_transition_instant() {
        assertEquals(instants("2026-10-25T01:10:00Z"), next("*/10 * * * *", "2026-10-25T01:00:00Z", 1));
        assertEquals(instants("2027-03-28T01:10:00Z"), next("*/10 * * * *", "2027-03-28T01:00:00Z", 1));
    }
}
