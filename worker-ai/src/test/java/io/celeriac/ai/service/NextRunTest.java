package io.celeriac.ai.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.Channel;
import io.celeriac.ai.model.NextRun;
import io.celeriac.ai.model.TaskKind;
import io.celeriac.ai.model.TaskSchedule;
import io.celeriac.ai.model.TaskStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NextRunTest {
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    private static AiTask task(TaskSchedule schedule, Integer maxRuns, Instant endAt) {
        return new AiTask(1, 1, "t", "p", TaskKind.PERIODIC, schedule, ZoneId.of("Europe/Paris"), T0, null, TaskStatus.ACTIVE,
                Set.of(Channel.SMS), 0, maxRuns, endAt, "k", T0, T0, null);
    }

    @Test
    void an_on_time_claim_moves_to_the_following_occurrence() {
        AiTask t = task(new TaskSchedule.Cron("0 * * * *"), null, null);
        assertEquals(Instant.parse("2026-11-30T09:00:00Z"), NextRun.after(t, T0, T0.plusMillis(40), 1).orElseThrow());
    }

    @Test
    void a_late_claim_skips_the_missed_occurrences_instead_of_bursting() {
        AiTask t = task(new TaskSchedule.Cron("0 * * * *"), null, null);
        assertEquals(Instant.parse("2026-11-30T13:00:00Z"), NextRun.after(t, T0, Instant.parse("2026-11-30T12:10:00Z"), 1).orElseThrow());
    }

    @Test
    void max_runs_and_the_end_date_close_the_schedule() {
        assertTrue(NextRun.after(task(new TaskSchedule.Cron("0 * * * *"), 3, null), T0, T0, 3).isEmpty());
        assertTrue(NextRun.after(task(new TaskSchedule.Cron("0 * * * *"), null, T0.plusSeconds(1800)), T0, T0, 1).isEmpty());
        assertTrue(NextRun.after(task(new TaskSchedule.Once(T0), null, null), T0, T0, 1).isEmpty());
    }

    @Test
    void every_1_day_keeps_its_local_time_across_daylight_saving_changes() {
        // 09:00 Paris on 2026-10-24 (CEST); the clocks go back on the 25th
        TaskSchedule daily = new TaskSchedule.Every(java.time.Duration.ofDays(1), Instant.parse("2026-10-24T07:00:00Z"));
        ZoneId paris = ZoneId.of("Europe/Paris");
        assertEquals(Instant.parse("2026-10-25T08:00:00Z"), daily.nextAfter(Instant.parse("2026-10-24T07:00:00Z"), paris).orElseThrow(),
                "09:00 CET, 25 hours later, not 08:00");
        assertEquals(Instant.parse("2026-10-26T08:00:00Z"), daily.nextAfter(Instant.parse("2026-10-25T08:00:00Z"), paris).orElseThrow());
        TaskSchedule hourly = new TaskSchedule.Every(java.time.Duration.ofHours(24 * 2 + 1), Instant.parse("2026-10-24T07:00:00Z"));
        assertEquals(Instant.parse("2026-10-26T08:00:00Z"), hourly.nextAfter(Instant.parse("2026-10-24T07:00:00Z"), paris).orElseThrow(),
                "a period that is not whole days stays on elapsed time");
    }
}
