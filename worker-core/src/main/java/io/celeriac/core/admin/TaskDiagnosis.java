package io.celeriac.core.admin;

import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns where a task was found into one state and the reasons it is not running. Pure: the
 * locator does the reading, so every rule here is testable without Redis.
 *
 * <p>States, first match wins: running, reserved (prefetched by a live worker), awaiting-recovery
 * (in flight on a dead worker), queued, delayed, python-unacked, dead, finished (a ready result
 * and no message left), unknown.
 */
final class TaskDiagnosis {
    private final Instant now;
    private final List<WorkerView> workers;

    TaskDiagnosis(Instant now, List<WorkerView> workers) {
        this.now = now;
        this.workers = workers;
    }

    TaskReport diagnose(String taskId, TaskMessage message, List<TaskLocation> locations, ResultMeta result, Instant revokedUntil) {
        String state = state(locations, result);
        List<String> why = new ArrayList<>();
        if (!state.equals("running") && !state.equals("finished")) {
            if (revokedUntil != null) {
                why.add("revoked (kept until " + revokedUntil + "): a worker that takes it stores REVOKED without running it");
            }
            if (message != null && message.expires() != null && message.expires().isBefore(now)) {
                why.add("expired at " + message.expires() + ": a worker that takes it stores REVOKED without running it");
            }
            locations.forEach(location -> why.addAll(reasons(location, message)));
            if (locations.isEmpty()) {
                why.add(result == null
                        ? "not found: not queued, delayed, in flight or dead-lettered, and no result stored "
                                + "(never sent, its result expired, or a Python worker holds it in memory)"
                        : "no message left and the stored state is " + result.state() + " (not a final state): "
                                + "it may have been purged or lost, or a Python worker holds it in memory");
            }
        }
        return new TaskReport(taskId, state, message, List.copyOf(locations), result, revokedUntil, why);
    }

    private static String state(List<TaskLocation> locations, ResultMeta result) {
        if (has(locations, l -> l instanceof TaskLocation.InFlight f && f.workerAlive() && f.running())) {
            return "running";
        }
        if (has(locations, l -> l instanceof TaskLocation.InFlight f && f.workerAlive())) {
            return "reserved";
        }
        if (has(locations, l -> l instanceof TaskLocation.InFlight)) {
            return "awaiting-recovery";
        }
        if (has(locations, l -> l instanceof TaskLocation.Queued)) {
            return "queued";
        }
        if (has(locations, l -> l instanceof TaskLocation.Delayed)) {
            return "delayed";
        }
        if (has(locations, l -> l instanceof TaskLocation.PythonUnacked)) {
            return "python-unacked";
        }
        if (has(locations, l -> l instanceof TaskLocation.DeadLettered)) {
            return "dead";
        }
        return result != null && result.status().isReady() ? "finished" : "unknown";
    }

    private List<String> reasons(TaskLocation location, TaskMessage message) {
        return switch (location) {
            case TaskLocation.Queued q -> List.of(consumed(q.queue())
                    ? "waiting in queue " + q.queue() + " behind " + q.ahead() + " message(s)"
                    : "queue " + q.queue() + " has no live consumers: no live worker lists it");
            case TaskLocation.Delayed d -> {
                String kind = message != null && message.retries() > 0 ? "retry " + message.retries() + " waiting out its backoff" : "ETA";
                List<String> reasons = new ArrayList<>(List.of("delayed until " + d.due() + " (" + kind + ")"));
                if (!consumed(d.queue())) {
                    reasons.add("queue " + d.queue() + " has no live consumers: no live worker lists it");
                }
                yield reasons;
            }
            case TaskLocation.InFlight f when !f.workerAlive() -> List.of("in flight on dead worker " + f.worker()
                    + " (lease expired at " + f.leaseExpiry() + "): waiting for lease recovery, which puts it back on "
                    + f.queue() + " when a live worker's recoverer next runs");
            case TaskLocation.InFlight f when !f.running() -> List.of("reserved (prefetched) by " + f.worker()
                    + ", waiting for a free slot");
            case TaskLocation.InFlight f -> List.of();
            case TaskLocation.PythonUnacked p -> List.of("held by a Python worker (kombu unacked, queue " + p.routingKey() + ")"
                    + (message != null && message.eta() != null ? " until its ETA " + message.eta() : ""));
            case TaskLocation.DeadLettered d -> List.of("dead-lettered at " + d.at() + ": " + d.reason()
                    + " (celeriac dead requeue " + (message != null ? message.id() : "#" + d.position()) + " puts it back)");
        };
    }

    private boolean consumed(String queue) {
        return workers.stream().anyMatch(w -> w.alive() && w.consumes(queue));
    }

    private static boolean has(List<TaskLocation> locations, java.util.function.Predicate<TaskLocation> test) {
        return locations.stream().anyMatch(test);
    }
}
