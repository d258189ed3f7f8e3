package io.celeriac.ai.service;

import io.celeriac.ai.AiConfig;
import io.celeriac.ai.TaskNames;
import io.celeriac.ai.db.Claim;
import io.celeriac.ai.db.RunStore;
import io.celeriac.ai.db.TaskStore;
import io.celeriac.ai.exec.RunOwners;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.TaskStatus;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.flow.Unique;
import io.celeriac.core.client.TaskSender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns due occurrences into runs. The database says what is due; Redis carries wake-ups:
 * <ol>
 *   <li>creating or advancing a task sends {@code dispatch_ai_task(task, occurrence)} with the
 *       occurrence as its ETA, so the worker's delayed forwarder wakes it on time;</li>
 *   <li>the dispatch claims the occurrence ({@link TaskStore#claim}); a stale or duplicate message
 *       finds nothing to claim and stops;</li>
 *   <li>a claim sends {@code execute_ai_task(run)} at once and the wake-up for the next occurrence;</li>
 *   <li>{@code process_due_ai_tasks} ({@link #sweep}) claims whatever a lost message left due and
 *       re-sends execute for stranded runs: never started, left running by a dead worker, or
 *       waiting for a retry message that is long overdue. A run started twice this way runs once
 *       ({@link RunStore#start} is conditional).</li>
 * </ol>
 */
public final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** A claimed run not started after this long lost its execute message (or it waits in a long queue: harmless). */
    static final Duration PENDING_GRACE = Duration.ofMinutes(2);
    private static final int MAX_SWEEP_BATCHES = 20;
    /** How long a wake-up's unique lock outlives its due time if nothing starts it. */
    static final Duration WAKE_UP_LOCK_MARGIN = Duration.ofHours(1);
    /** An early wake-up this close to its time waits in the handler instead of going round again. */
    static final Duration SHORT_WAIT = Duration.ofSeconds(2);

    private final TaskStore tasks;
    private final RunStore runs;
    private final TaskSender sender;
    private final Clock clock;
    private final AiConfig.Runs settings;
    private final Duration longestRetryWait;
    private final RunOwners owners;

    /**
     * @param longestRetryWait the longest countdown execute_ai_task retries with: a run waiting to
     *                         retry longer than its attempt (at most {@code stale_run}) plus this lost its message
     */
    public Dispatcher(TaskStore tasks, RunStore runs, TaskSender sender, Clock clock, AiConfig.Runs settings,
                      Duration longestRetryWait, RunOwners owners) {
        this.owners = owners;
        this.tasks = tasks;
        this.runs = runs;
        this.sender = sender;
        this.clock = clock;
        this.settings = settings;
        this.longestRetryWait = longestRetryWait;
    }

    /** Sends the wake-up for the task's next occurrence; nothing when it has none or is not active. */
    public void schedule(AiTask task) {
        if (task.status() != TaskStatus.ACTIVE || task.nextRunAt() == null) {
            return;
        }
        // one wake-up per occurrence, however often it is scheduled (a create retried, a resume):
        // the lock lasts until the wake-up starts, so its own re-sends for an early release pass
        Duration untilDue = Duration.between(clock.instant(), task.nextRunAt());
        Unique once = Unique.untilStarted((untilDue.isNegative() ? Duration.ZERO : untilDue).plus(WAKE_UP_LOCK_MARGIN))
                .key("ai-dispatch-" + task.id() + "-" + task.nextRunAt());
        sender.send(TaskNames.DISPATCH, List.of(task.id(), task.nextRunAt().toString()), Map.of(),
                SendOptions.defaults().eta(task.nextRunAt()).unique(once));
    }

    /**
     * The body of {@code dispatch_ai_task}: claims the occurrence when due; returns what happened.
     * "Due" is judged on the shared clock (PostgreSQL's in production). A wake-up released early
     * by a worker whose clock runs ahead waits out up to {@link #SHORT_WAIT} here. An earlier one is
     * sent again with its ETA moved later by the skew it shows: the ETA shift it carried plus how
     * early it came. That estimate never exceeds the releasing clock's lead (a message is released
     * at its ETA by that clock or later), so the wake-up converges on its time, never past it.
     *
     * @param shift how much later than the occurrence the message's ETA was set (zero at first)
     */
    public String dispatch(long taskId, Instant occurrence, Duration shift) {
        Instant now = clock.instant();
        Optional<AiTask> task = tasks.find(taskId);
        if (task.isPresent() && task.get().status() == TaskStatus.ACTIVE && occurrence.equals(task.get().nextRunAt())
                && occurrence.isAfter(now)) {
            Duration early = Duration.between(now, occurrence);
            if (early.compareTo(SHORT_WAIT) > 0 || !pause(early)) {
                Duration skew = shift.plus(early);
                sender.send(TaskNames.DISPATCH, List.of(taskId, occurrence.toString(), skew.toMillis()), Map.of(),
                        SendOptions.defaults().eta(occurrence.plus(skew)));
                log.atDebug().addKeyValue("ai_task_id", taskId).addKeyValue("early_ms", early.toMillis())
                        .addKeyValue("shift_ms", skew.toMillis()).log("wake-up came early");
                return "early";
            }
            now = clock.instant();
            if (occurrence.isAfter(now)) {
                sender.send(TaskNames.DISPATCH, List.of(taskId, occurrence.toString(), shift.toMillis()), Map.of(),
                        SendOptions.defaults().eta(occurrence.plus(shift)));
                return "early";
            }
        }
        Optional<Claim> claim = tasks.claim(taskId, occurrence, now);
        if (claim.isEmpty()) {
            log.atDebug().addKeyValue("ai_task_id", taskId).addKeyValue("occurrence", occurrence).log("nothing to claim");
            return "stale";
        }
        started(claim.get(), now);
        return "claimed run " + claim.get().runId();
    }

    /** What a sweep did. */
    public record SweepResult(int claimed, int restarted) {
    }

    /** The body of {@code process_due_ai_tasks}. */
    public SweepResult sweep() {
        Instant now = clock.instant();
        int claimed = 0;
        for (int batch = 0; batch < MAX_SWEEP_BATCHES; batch++) {
            List<Claim> claims = tasks.claimDue(now, settings.sweepBatch());
            claims.forEach(c -> started(c, now));
            claimed += claims.size();
            if (claims.size() < settings.sweepBatch()) {
                break;
            }
        }
        Instant stale = now.minus(settings.staleRun());
        List<Long> stranded = new java.util.ArrayList<>(
                runs.stranded(now.minus(PENDING_GRACE), stale, stale.minus(longestRetryWait), settings.sweepBatch()));
        // a run whose worker's lease is gone need not wait for stale_run: its execute takes it over
        runs.running(settings.sweepBatch()).stream().filter(r -> !stranded.contains(r.id()))
                .filter(r -> owners.gone(r.owner(), r.ownerStarted())).forEach(r -> stranded.add(r.id()));
        stranded.forEach(this::execute);
        if (claimed > 0 || !stranded.isEmpty()) {
            log.atInfo().addKeyValue("claimed", claimed).addKeyValue("restarted", stranded.size()).log("sweep found due work");
        }
        return new SweepResult(claimed, stranded.size());
    }

    private void started(Claim claim, Instant now) {
        log.atInfo().addKeyValue("ai_task_id", claim.task().id()).addKeyValue("run_id", claim.runId())
                .addKeyValue("occurrence", claim.scheduledFor())
                .addKeyValue("late_ms", Duration.between(claim.scheduledFor(), now).toMillis())
                .log("occurrence claimed");
        execute(claim.runId());
        schedule(claim.task());
    }

    /** Waits {@code duration} plus a margin for the clocks' read; false when interrupted. */
    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis() + 20);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Not unique: a sweep re-sends execute on purpose (a takeover), and the run's own conditional
     * writes already make a second message a no-op.
     */
    private void execute(long runId) {
        sender.send(TaskNames.EXECUTE, List.of(runId), Map.of(), SendOptions.defaults());
    }
}
