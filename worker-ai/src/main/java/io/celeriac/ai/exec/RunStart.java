package io.celeriac.ai.exec;

import io.celeriac.ai.db.RunStore;
import io.celeriac.ai.model.AiTaskRun;
import io.celeriac.ai.model.RunStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an attempt of a run under this worker:
 * <ol>
 *   <li>from pending or retrying (or running past {@code stale_run}, the last resort): started;</li>
 *   <li>running under a worker whose lease is gone, or a former incarnation of this one (a restart
 *       under the same name), or this very process without the attempt alive in it: taken over at
 *       once, conditional on the owner and attempt seen, so two successors cannot both win;</li>
 *   <li>running under a live worker: a duplicate message, ignored.</li>
 * </ol>
 * A message is redelivered when the engine found its worker's lease expired, so a crashed run is
 * back within the lease time, not after {@code stale_run}.
 */
final class RunStart {
    private static final Logger log = LoggerFactory.getLogger(RunStart.class);

    private final RunStore runs;
    private final RunOwners owners;
    private final Clock clock;
    private final Duration staleRun;
    private final Set<Long> active;

    RunStart(RunStore runs, RunOwners owners, Clock clock, Duration staleRun, Set<Long> active) {
        this.runs = runs;
        this.owners = owners;
        this.clock = clock;
        this.staleRun = staleRun;
        this.active = active;
    }

    /**
     * Starts the run; on success it is in {@code active} until the caller removes it. Synchronized
     * so a duplicate message handled by another thread of this worker sees the run active.
     */
    synchronized Optional<AiTaskRun> start(long runId, String worker) {
        Optional<AiTaskRun> started = attempt(runId, worker);
        started.ifPresent(run -> active.add(runId));
        return started;
    }

    private Optional<AiTaskRun> attempt(long runId, String worker) {
        Instant now = clock.instant();
        String incarnation = owners.incarnation(worker);
        Optional<AiTaskRun> started = runs.start(runId, worker, incarnation, now, now.minus(staleRun), null);
        if (started.isPresent()) {
            return started;
        }
        AiTaskRun current = runs.find(runId).orElse(null);
        if (current == null || current.status() != RunStatus.RUNNING) {
            log.atInfo().addKeyValue("run_id", runId).log("run already finished; message ignored");
            return Optional.empty();
        }
        boolean mine = worker.equals(current.owner()) && Objects.equals(incarnation, current.ownerStarted());
        boolean orphaned = mine ? !active.contains(runId) : owners.gone(current.owner(), current.ownerStarted());
        if (!orphaned) {
            log.atInfo().addKeyValue("run_id", runId).addKeyValue("owner", current.owner())
                    .log("run is running on a live worker; message ignored");
            return Optional.empty();
        }
        Optional<AiTaskRun> taken = runs.start(runId, worker, incarnation, now, now.minus(staleRun), current);
        taken.ifPresent(run -> log.atWarn().addKeyValue("run_id", runId).addKeyValue("from", current.owner())
                .addKeyValue("attempt", run.attempts()).log("run taken over from a worker whose lease is gone"));
        return taken;
    }
}
