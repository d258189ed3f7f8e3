package io.celeriac.core.worker;

import io.celeriac.core.health.HealthCheck;
import io.celeriac.core.loop.ServiceLoop;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Liveness of one worker, honest about what can stall it: a runner that died and was not replaced,
 * a task holding its slot past its hard time limit plus a grace, a fetcher or completer that has
 * made no progress (a tick is recorded only on success), a background loop gone silent. The
 * details name the oldest message the worker holds and how old it is.
 */
public final class WorkerHealth implements HealthCheck {
    /** How long a task may overrun its hard limit (its interruption is on its way) before the worker is unhealthy. */
    static final Duration OVERRUN_GRACE = Duration.ofSeconds(30);

    private final Worker worker;
    private final Duration maxSilence;
    private final Duration overrunGrace;

    WorkerHealth(Worker worker, Duration maxSilence, Duration overrunGrace) {
        this.worker = worker;
        this.maxSilence = maxSilence;
        this.overrunGrace = overrunGrace;
    }

    @Override
    public String name() {
        return "worker";
    }

    @Override
    public String problem() {
        if (worker.stopping()) {
            return null;
        }
        Runners runners = worker.runners();
        int alive = runners.alive();
        int configured = worker.settings().concurrency();
        if (alive < configured) {
            return (configured - alive) + " of " + configured + " runners dead and not replaced";
        }
        long now = System.nanoTime();
        for (Execution execution : runners.running()) {
            long deadline = execution.deadlineNanos();
            if (deadline != Long.MAX_VALUE && now - deadline > overrunGrace.toNanos()) {
                return "task " + execution.taskId() + " has held its slot " + (now - deadline) / 1_000_000_000
                        + " s past its time limit";
            }
        }
        long fetcherSilent = now - worker.fetcher().lastTickNanos();
        if (fetcherSilent > maxSilence.toNanos()) {
            return "fetcher made no progress for " + fetcherSilent / 1_000_000 + " ms";
        }
        long completerSilent = now - worker.completer().lastTickNanos();
        if (completerSilent > maxSilence.toNanos()) {
            return "completer could not write outcomes for " + completerSilent / 1_000_000 + " ms ("
                    + worker.completer().backlog() + " waiting)";
        }
        for (ServiceLoop loop : worker.loops()) {
            long silent = now - loop.lastTickNanos();
            if (silent > maxSilence.toNanos()) {
                return loop.name() + " loop made no progress for " + silent / 1_000_000 + " ms";
            }
        }
        return null;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        long now = System.nanoTime();
        Execution oldest = null;
        for (Execution execution : worker.runners().running()) {
            if (oldest == null || execution.createdNanos() < oldest.createdNanos()) {
                oldest = execution;
            }
        }
        details.put("runners_alive", worker.runners().alive());
        details.put("runner_restarts", worker.runners().restarts());
        details.put("held", worker.inFlight());
        details.put("oldest_running_s", oldest == null ? 0 : (now - oldest.createdNanos()) / 1_000_000_000.0);
        if (oldest != null && oldest.taskId() != null) {
            details.put("oldest_running_task", oldest.taskId());
        }
        details.put("outcomes_fenced", worker.stats().fenced());
        return details;
    }
}
