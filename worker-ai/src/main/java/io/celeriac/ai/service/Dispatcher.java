package io.celeriac.ai.service;

import io.celeriac.ai.AiConfig;
import io.celeriac.ai.TaskNames;
import io.celeriac.ai.db.Claim;
import io.celeriac.ai.db.RunStore;
import io.celeriac.ai.db.TaskStore;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.TaskStatus;
import io.celeriac.core.client.SendOptions;
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

    private final TaskStore tasks;
    private final RunStore runs;
    private final TaskSender sender;
    private final Clock clock;
    private final AiConfig.Runs settings;
    private final Duration longestRetryWait;

    /**
     * @param longestRetryWait the longest countdown execute_ai_task retries with: a run waiting to
     *                         retry longer than its attempt (at most {@code stale_run}) plus this lost its message
     */
    public Dispatcher(TaskStore tasks, RunStore runs, TaskSender sender, Clock clock, AiConfig.Runs settings,
                      Duration longestRetryWait) {
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
        sender.send(TaskNames.DISPATCH, List.of(task.id(), task.nextRunAt().toString()), Map.of(),
                SendOptions.defaults().eta(task.nextRunAt()));
    }

    /** The body of {@code dispatch_ai_task}: claims the occurrence when due; returns what happened. */
    public String dispatch(long taskId, Instant occurrence) {
        Instant now = clock.instant();
        Optional<AiTask> task = tasks.find(taskId);
        if (task.isPresent() && task.get().status() == TaskStatus.ACTIVE && occurrence.equals(task.get().nextRunAt())
                && occurrence.isAfter(now)) {
            // delivered early (another machine's clock runs ahead): wait again rather than fire early
            schedule(task.get());
            return "early";
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
        List<Long> stranded = runs.stranded(now.minus(PENDING_GRACE), stale, stale.minus(longestRetryWait), settings.sweepBatch());
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

    private void execute(long runId) {
        sender.send(TaskNames.EXECUTE, List.of(runId), Map.of(), SendOptions.defaults());
    }
}
