package io.celeriac.ai;

import io.celeriac.ai.db.NotificationLog;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.AiTaskRun;
import io.celeriac.ai.model.Channel;
import io.celeriac.ai.model.RunStatus;
import io.celeriac.ai.model.User;
import io.celeriac.ai.service.Dispatcher;
import io.celeriac.ai.service.TaskRequest;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.worker.Worker;
import io.celeriac.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs stranded by a crashed worker (left 'running' past stale_run, 5m) or by a lost message
 * (left 'pending' over 2m, or 'retrying' past stale_run plus the longest retry wait, 10m):
 * process_due_ai_tasks re-sends execute, here twice, as two sweeps would before a worker is free.
 * A real worker then takes every message: each run is restarted once, and a channel the dead
 * worker sent or was sending is not sent again.
 */
class StaleRunIT {
    private AiFixture fx;
    private Dispatcher dispatcher;
    private User user;
    private Instant now;

    @BeforeEach
    void setUp() throws Exception {
        fx = new AiFixture(Clock.systemUTC(), true);
        dispatcher = fx.wired().dispatcher();
        user = fx.user("Europe/Paris");
        now = Clock.systemUTC().instant();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void a_run_whose_worker_died_after_sending_the_sms_is_restarted_once_and_sends_nothing_more() {
        long runId = diedWhileRunning("died-after-send", Duration.ofMinutes(10));
        fx.wired().notifier().plan(runId, Channel.SMS, "Water", "Drink water");
        fx.wired().notifier().deliver(runId, user, Channel.SMS);
        fx.llm.thenAnswers("Drink water");

        AiTaskRun run = recover(runId);

        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals(2, run.attempts(), "the dead attempt and one recovery, though execute was sent twice");
        assertEquals(1, fx.llm.requests.size());
        assertEquals(1, fx.twilio.messages.size(), "only the dead worker's SMS");
        assertEquals("sms=sent", run.notification());
    }

    @Test
    void a_run_whose_worker_died_mid_send_after_twilio_took_it_is_reconciled_not_resent() {
        long runId = diedWhileRunning("died-mid-send", Duration.ofMinutes(6));
        diedMidSend(runId, "Drink water");
        // Twilio had taken it before the worker died
        fx.twilio.preload(user.phone(), "+15550001111", "Drink water", now.minus(Duration.ofMinutes(6)).plusSeconds(1));

        AiTaskRun run = recover(runId);

        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals(2, run.attempts());
        assertEquals(0, fx.twilio.posts(), "found in Twilio's list: not sent again");
        assertEquals("sms=sent", run.notification());
        assertEquals(0, fx.llm.requests.size(), "the answer was kept: the model is not asked again");
    }

    @Test
    void a_run_whose_worker_died_before_its_sms_reached_twilio_sends_it_once() {
        long runId = diedWhileRunning("died-before-send", Duration.ofMinutes(6));
        diedMidSend(runId, "Drink water");

        AiTaskRun run = recover(runId);

        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals(1, fx.twilio.posts(), "not in Twilio's list: sent, once");
        assertEquals("Drink water", fx.twilio.messages.get(0).get("Body"));
        assertEquals("sms=sent", run.notification());
    }

    @Test
    void runs_whose_execute_or_retry_message_was_lost_run_once_and_young_runs_are_left_alone() {
        long lost = fx.claim(task("lost-message"));
        backdateClaim(lost, Duration.ofMinutes(3));
        long lostRetry = diedWhileRunning("lost-retry", Duration.ofMinutes(16));
        fx.wired().runs().retrying(fx.run(lostRetry), "llm unavailable: HTTP 503", "[]", 40, "");
        long justClaimed = fx.claim(task("just-claimed"));
        backdateClaim(justClaimed, Duration.ofMinutes(1));
        // a live worker's run, under stale_run: left alone
        fx.app.redisBroker().heartbeat("alive-worker", Instant.now(), java.util.Map.of("started", "1"));
        long stillRunning = fx.claim(task("still-running"));
        fx.wired().runs().start(stillRunning, "alive-worker", "1", now.minus(Duration.ofMinutes(4)), Instant.EPOCH, null);
        long retryDue = diedWhileRunning("retry-due-soon", Duration.ofMinutes(14));
        fx.wired().runs().retrying(fx.run(retryDue), "llm unavailable: HTTP 503", "[]", 40, "");

        recover(lost, lostRetry);

        assertEquals(1, fx.run(lost).attempts());
        assertEquals(2, fx.run(lostRetry).attempts());
        assertEquals(40 + 5, fx.run(lostRetry).tokensUsed(), "the attempt before the lost retry, and the recovery");
        assertEquals(2, fx.twilio.messages.size(), "one SMS per run");
        assertEquals(RunStatus.PENDING, fx.run(justClaimed).status(), "under the 2m grace");
        assertEquals(RunStatus.RUNNING, fx.run(stillRunning).status(), "under stale_run");
        assertEquals(1, fx.run(stillRunning).attempts());
        assertEquals(RunStatus.RETRYING, fx.run(retryDue).status(), "its retry may still be waiting");
    }

    /** Two sweeps re-send execute for each run; a worker then takes every message. Returns the first run, finished. */
    private AiTaskRun recover(long... runIds) {
        Dispatcher.SweepResult once = new Dispatcher.SweepResult(0, runIds.length);
        assertEquals(once, dispatcher.sweep());
        assertEquals(once, dispatcher.sweep(), "nothing started them yet: sent again");
        Worker worker = fx.startWorker();
        for (long runId : runIds) {
            Eventually.await("run " + runId + " to finish", Duration.ofSeconds(15), () -> fx.run(runId).status().isFinished());
            assertEquals(RunStatus.SUCCEEDED, fx.run(runId).status());
        }
        Eventually.await("every execute message handled", Duration.ofSeconds(10),
                () -> worker.stats().processed() >= 2L * runIds.length);
        assertEquals(new Dispatcher.SweepResult(0, 0), dispatcher.sweep(), "a finished run is not stranded");
        return fx.run(runIds[0]);
    }

    /** A claimed run that a worker started {@code ago} and never finished. */
    private long diedWhileRunning(String key, Duration ago) {
        long runId = fx.claim(task(key));
        fx.startRun(runId, now.minus(ago));
        return runId;
    }

    /** The dead attempt had stored its answer and begun the SMS when it died, 6 minutes ago. */
    private void diedMidSend(long runId, String answer) {
        Instant at = now.minus(Duration.ofMinutes(6));
        fx.wired().runs().answered(fx.run(runId), answer, "[]", 30, null, at);
        NotificationLog log = new NotificationLog(Database.of(fx.app));
        log.plan(runId, Channel.SMS, "t", answer, at);
        log.begin(runId, Channel.SMS, io.celeriac.ai.model.Notification.Status.PENDING, at);
    }

    private AiTask task(String key) {
        return fx.wired().service().create(new TaskRequest(user.id(), null, "Remind me: " + key, null, null, "1h", null, null,
                null, "sms", null, null, key)).task();
    }

    /** fx.claim stamps the occurrence (an hour ahead) as the claim time; a claim {@code ago} is what a sweep looks at. */
    private void backdateClaim(long runId, Duration ago) {
        Database.of(fx.app).jdbi().useHandle(h -> h.createUpdate("UPDATE ai_task_runs SET claimed_at = :at WHERE id = :id")
                .bind("at", now.minus(ago).atOffset(ZoneOffset.UTC)).bind("id", runId).execute());
    }
}
