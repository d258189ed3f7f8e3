package io.celeriac.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.AiTaskRun;
import io.celeriac.ai.model.TaskStatus;
import io.celeriac.ai.model.User;
import io.celeriac.ai.service.AiTaskService;
import io.celeriac.ai.service.Dispatcher;
import io.celeriac.ai.service.TaskRequest;
import io.celeriac.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Claims against real PostgreSQL with a manual clock: racing dispatchers, DST, downtime, pause, limits. */
class DispatchIT {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final ManualClock clock = new ManualClock(Instant.parse("2027-03-26T11:00:00Z"));
    private AiFixture fx;
    private AiTaskService service;
    private Dispatcher dispatcher;
    private User user;

    @BeforeEach
    void setUp() throws Exception {
        fx = new AiFixture(clock, false);
        service = fx.wired().service();
        dispatcher = fx.wired().dispatcher();
        user = fx.user("Europe/Paris");
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void two_dispatchers_and_a_sweep_racing_for_one_occurrence_produce_one_run() throws Exception {
        AiTask task = create("in", "5m", "race");
        clock.set(task.nextRunAt());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Object>> racers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                racers.add(() -> dispatcher.dispatch(task.id(), task.nextRunAt(), Duration.ZERO));
            }
            racers.add(() -> dispatcher.sweep());
            racers.add(() -> dispatcher.sweep());
            for (Future<Object> f : pool.invokeAll(racers, 30, TimeUnit.SECONDS)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, runs(task).size());
        assertEquals(TaskStatus.COMPLETED, service.show(task.id()).status());
        assertEquals("stale", dispatcher.dispatch(task.id(), task.nextRunAt(), Duration.ZERO), "a retried message finds nothing to claim");
        assertEquals(0, dispatcher.sweep().claimed(), "a restarted beat's sweep finds nothing either");
    }

    @Test
    void a_dispatch_message_delivered_early_waits_instead_of_firing() {
        AiTask task = create("in", "5m", "early");
        clock.set(task.nextRunAt().minusMillis(300));
        assertEquals("early", dispatcher.dispatch(task.id(), task.nextRunAt(), Duration.ZERO));
        assertTrue(runs(task).isEmpty());
    }

    @Test
    void a_cron_task_across_the_spring_and_autumn_dst_changes_fires_once_per_day_at_the_policy_instants() {
        AiTask task = create("cron", "30 2 * * *", "dst");
        List<Instant> fired = new ArrayList<>();
        for (int day = 0; day < 3; day++) {
            clock.set(service.show(task.id()).nextRunAt());
            assertEquals(1, dispatcher.sweep().claimed());
            fired.add(clock.instant());
        }
        assertEquals(List.of(Instant.parse("2027-03-27T01:30:00Z"), // 02:30 CET
                Instant.parse("2027-03-28T01:00:00Z"), // 02:30 does not exist: 03:00 CEST, the end of the gap
                Instant.parse("2027-03-29T00:30:00Z")), fired); // 02:30 CEST

        clock.set(Instant.parse("2027-10-30T12:00:00Z"));
        AiTask autumn = create("cron", "30 2 * * *", "dst-autumn");
        List<Instant> autumnRuns = new ArrayList<>();
        for (int day = 0; day < 2; day++) {
            clock.set(service.show(autumn.id()).nextRunAt());
            dispatcher.sweep();
            autumnRuns.add(clock.instant());
            clock.advance(Duration.ofMinutes(90)); // past the second 02:30: it must not fire again
            assertEquals(0, dispatcher.sweep().claimed());
        }
        assertEquals(List.of(Instant.parse("2027-10-31T00:30:00Z"), Instant.parse("2027-11-01T01:30:00Z")), autumnRuns);
        assertEquals(2, runs(autumn).size());
    }

    @Test
    void after_downtime_a_recurring_task_runs_once_then_resumes_its_schedule() {
        AiTask task = create("cron", "0 * * * *", "downtime");
        Instant due = task.nextRunAt();
        clock.set(due.plus(Duration.ofHours(5)).plusSeconds(600)); // five missed hours
        assertEquals(1, dispatcher.sweep().claimed());
        assertEquals(0, dispatcher.sweep().claimed());
        List<AiTaskRun> runs = runs(task);
        assertEquals(1, runs.size());
        assertEquals(due, runs.get(0).scheduledFor(), "the run serves the first missed occurrence");
        ZonedDateTime next = service.show(task.id()).nextRunAt().atZone(PARIS);
        assertEquals(clock.instant().atZone(PARIS).plusHours(1).withMinute(0).withSecond(0).withNano(0), next);
    }

    @Test
    void a_paused_task_does_not_fire_and_resumes_from_now() {
        AiTask task = create("every", "1h", "paused");
        service.pause(task.id());
        clock.set(task.nextRunAt().plus(Duration.ofHours(3)));
        assertEquals(0, dispatcher.sweep().claimed());
        assertEquals("stale", dispatcher.dispatch(task.id(), task.nextRunAt(), Duration.ZERO));
        AiTask resumed = service.resume(task.id());
        assertEquals(TaskStatus.ACTIVE, resumed.status());
        assertTrue(resumed.nextRunAt().isAfter(clock.instant()), "missed occurrences while paused are skipped");
        assertTrue(runs(task).isEmpty());
    }

    @Test
    void a_task_completes_when_its_max_runs_or_end_date_is_reached() {
        AiTask limited = fx.wired().service().create(new TaskRequest(user.id(), null, "water the plants", null, null, null,
                null, "1h", null, "sms", 2, null, "max-runs")).task();
        AiTask ending = fx.wired().service().create(new TaskRequest(user.id(), null, "stand up", null, null, null,
                null, "1h", null, "sms", null, "2027-03-26T14:30", "until")).task();
        for (int hour = 0; hour < 4; hour++) {
            clock.advance(Duration.ofHours(1));
            dispatcher.sweep();
        }
        assertEquals(2, runs(limited).size());
        assertEquals(TaskStatus.COMPLETED, service.show(limited.id()).status());
        assertNull(service.show(limited.id()).nextRunAt());
        assertEquals(2, runs(ending).size(), "13:00 and 14:00 Paris; 15:00 is past the end date");
        assertEquals(TaskStatus.COMPLETED, service.show(ending.id()).status());
    }

    @Test
    void creating_with_the_same_idempotency_key_returns_the_first_task() {
        AiTask first = create("in", "10m", "same-key");
        var again = service.create(new TaskRequest(user.id(), null, "another prompt", null, null, "20m", null, null, null,
                "sms", null, null, "same-key"));
        assertEquals(first.id(), again.task().id());
        assertTrue(!again.created());
        assertEquals(1, service.list(user.id(), 10).size());
    }

    @Test
    void a_create_retried_with_its_key_and_a_second_scheduling_leave_one_task_and_one_wake_up() {
        AiTask first = create("in", "5m", "once");
        AiTask again = create("in", "5m", "once");
        assertEquals(first.id(), again.id(), "one chat request, one task");
        dispatcher.schedule(first); // scheduled again for the same occurrence (a resume, a retried create)
        long wakeUps = fx.app.redisBroker().direct().call(jedis -> jedis.zcard(fx.app.keys().delayed()));
        assertEquals(1, wakeUps, "one wake-up for the occurrence, however often it was scheduled");
    }

    private AiTask create(String field, String value, String key) {
        TaskRequest r = new TaskRequest(user.id(), null, "prompt " + key, null, field.equals("at") ? value : null,
                field.equals("in") ? value : null, field.equals("cron") ? value : null, field.equals("every") ? value : null,
                null, "sms", null, null, key);
        return service.create(r).task();
    }

    private List<AiTaskRun> runs(AiTask task) {
        List<AiTaskRun> runs = new ArrayList<>(fx.wired().runs().latest(task.id(), 100));
        runs.sort(Comparator.comparing(AiTaskRun::scheduledFor));
        return runs;
    }
}
