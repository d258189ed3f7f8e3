package io.celeriac.dashboard;

import io.celeriac.core.admin.DeadLetterFilter;
import io.celeriac.core.admin.DeadLetters;
import io.celeriac.core.admin.QueuePurger;
import io.celeriac.core.routing.QueueNames;
import io.celeriac.dashboard.pages.DelayedPage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What an operator can do from the dashboard, each through worker-core's admin layer, each written
 * to the audit log with its outcome. Every method returns the outcome shown to the operator.
 */
final class Actions {
    /** How long a revocation from the dashboard is kept (past the task's ETA when it is delayed). */
    static final Duration REVOKE_KEEP = Duration.ofDays(1);

    private final Fleet fleet;
    private final WorkerCommands workers;

    Actions(Fleet fleet) {
        this.fleet = fleet;
        this.workers = new WorkerCommands(fleet);
    }

    String resizeWorker(String user, String worker, boolean grow) throws InterruptedException {
        requireWorker(worker);
        return audit(user, grow ? "grow worker pool" : "shrink worker pool", worker, workers.resize(worker, grow));
    }

    String shutdownWorker(String user, String worker) {
        requireWorker(worker);
        workers.shutdown(worker);
        return audit(user, "shut down worker", worker, "shutdown sent: the worker finishes its running tasks, then stops");
    }

    private static void requireWorker(String worker) {
        if (worker == null || worker.isBlank() || worker.length() > 300) {
            throw new IllegalArgumentException("a worker name is needed");
        }
    }

    String purge(String user, String queue, String confirm) {
        QueueNames.validate(queue);
        if (!queue.equals(confirm)) {
            throw new IllegalArgumentException("type the queue's name (" + queue + ") to confirm the purge");
        }
        QueuePurger purger = fleet.purger();
        String refusal = purger.refusal(queue);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        QueuePurger.Count removed = purger.purge(queue, false);
        return audit(user, "purge", queue, "removed " + removed.ready() + " waiting message(s)");
    }

    /** Pauses or resumes {@code queue} for the whole fleet (as {@code celeriac queue pause|resume}): workers stop or resume fetching. */
    String pauseQueue(String user, String queue, boolean pause) {
        QueueNames.validate(queue);
        boolean changed = fleet.app().broker().pauseQueue(queue, pause);
        return audit(user, pause ? "pause queue" : "resume queue", queue,
                (pause ? "paused" : "resumed") + (changed ? "" : pause ? " (was paused already)" : " (was not paused)"));
    }

    String requeueDead(String user, String taskId) {
        DeadLetters.Outcome outcome = fleet.deadLetters().requeue(ids(taskId), now());
        return audit(user, "requeue dead letter", taskId, "requeued " + outcome.touched()
                + (outcome.skipped() > 0 ? ", left " + outcome.skipped() + ": " + String.join("; ", outcome.reasons()) : ""));
    }

    /**
     * Every dead letter matching the queue and task filter, written up to now, back on its queue;
     * confirmed by typing the queue's name (or the task filter when no queue is named).
     */
    String requeueDeadMatching(String user, String queue, String task, String confirm) {
        queue = queue == null || queue.isBlank() ? null : queue.strip();
        task = task == null || task.isBlank() ? null : task.strip();
        if (queue == null && task == null) {
            throw new IllegalArgumentException("name a queue or a task filter: requeuing every dead letter is celeriac dead requeue --all");
        }
        if (queue != null) {
            QueueNames.validate(queue);
        }
        String expected = queue != null ? queue : task;
        if (!expected.equals(confirm)) {
            throw new IllegalArgumentException("type " + (queue != null ? "the queue's name" : "the task filter") + " (" + expected
                    + ") to requeue every dead letter that matches");
        }
        DeadLetters.Outcome outcome = fleet.deadLetters().requeue(new DeadLetterFilter(queue, task, List.of()), now());
        return audit(user, "requeue matching dead letters", (queue == null ? "" : "queue " + queue + " ")
                + (task == null ? "" : "task " + task), "requeued " + outcome.touched()
                + (outcome.gone() > 0 ? ", " + outcome.gone() + " already gone" : "")
                + (outcome.skipped() > 0 ? ", left " + outcome.skipped() + ": " + String.join("; ", outcome.reasons()) : ""));
    }

    String deleteDead(String user, String taskId) {
        DeadLetters.Outcome outcome = fleet.deadLetters().drop(ids(taskId), now(), false);
        return audit(user, "delete dead letter", taskId, "deleted " + outcome.touched());
    }

    String runDelayedNow(String user, long rank, String taskId) {
        DelayedPage.Delayed entry = delayedAt(rank, taskId);
        boolean moved = fleet.delayedTasks().runNow(entry.member());
        return audit(user, "run delayed now", taskId, moved ? "moved to the front of " + entry.queue() : "already gone");
    }

    String deleteDelayed(String user, long rank, String taskId) {
        DelayedPage.Delayed entry = delayedAt(rank, taskId);
        boolean removed = fleet.delayedTasks().delete(entry.member());
        return audit(user, "delete delayed", taskId, removed ? "deleted" : "already gone");
    }

    String setBeatEntry(String user, String name, boolean enable) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a beat entry name is needed");
        }
        io.celeriac.beat.redis.BeatStore store = io.celeriac.beat.redis.BeatStore.of(fleet.app());
        io.celeriac.beat.redis.BeatStore.Write written = store.setEnabled(name, enable, store.now());
        if (written == io.celeriac.beat.redis.BeatStore.Write.NO_SUCH_ENTRY) {
            throw new IllegalArgumentException("no beat entry '" + name + "'");
        }
        return audit(user, enable ? "enable beat entry" : "disable beat entry", name, enable ? "enabled" : "disabled");
    }

    /**
     * Sends the entry's task once now, with the entry's arguments and options (queue, priority,
     * expiry), as the beat would; its schedule, next fire and run count are left alone. A disabled
     * entry can be run too: the operator asked for this one send.
     */
    String runBeatEntryNow(String user, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a beat entry name is needed");
        }
        io.celeriac.beat.redis.BeatStore store = io.celeriac.beat.redis.BeatStore.of(fleet.app());
        io.celeriac.beat.BeatEntry entry = store.read(name)
                .orElseThrow(() -> new IllegalArgumentException("no beat entry '" + name + "'")).entry();
        String taskId = io.celeriac.core.internal.Ids.uuid(fleet.app().random());
        var json = io.celeriac.core.internal.Json.mapper();
        @SuppressWarnings("unchecked")
        List<Object> args = entry.args() == null ? List.of() : json.convertValue(entry.args(), List.class);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> kwargs = entry.kwargs() == null ? java.util.Map.of() : json.convertValue(entry.kwargs(), java.util.Map.class);
        fleet.app().client().send(entry.task(), args, kwargs, entry.options().toSendOptions(now(), taskId));
        return audit(user, "run beat entry now", name, "sent " + entry.task() + " as task " + taskId);
    }

    /** Tells one worker to start ({@code add_consumer}) or stop ({@code cancel_consumer}) consuming a queue. */
    String consumer(String user, String worker, String queue, boolean add) throws InterruptedException {
        requireWorker(worker);
        QueueNames.validate(queue);
        return audit(user, add ? "add consumer" : "cancel consumer", worker + " " + queue, workers.consumer(worker, queue, add));
    }

    String revoke(String user, String taskId) {
        requireId(taskId);
        Instant now = now();
        Instant until = fleet.revocations().keepUntil(taskId, now, REVOKE_KEEP);
        fleet.revocations().revoke(taskId, until, false, now);
        return audit(user, "revoke", taskId, "revoked until " + until);
    }

    /** Revoke and stop it where it runs (Celery's {@code terminate=True}): its worker interrupts the running task. */
    String terminate(String user, String taskId) {
        requireId(taskId);
        Instant now = now();
        Instant until = fleet.revocations().keepUntil(taskId, now, REVOKE_KEEP);
        fleet.revocations().revoke(taskId, until, true, now);
        return audit(user, "terminate", taskId, "revoked until " + until + " and stopped where it runs");
    }

    /** The delayed entry at {@code rank}, checked to be the task the operator saw there: the set may have moved since. */
    private DelayedPage.Delayed delayedAt(long rank, String taskId) {
        requireId(taskId);
        List<DelayedPage.Delayed> at = DelayedPage.window(fleet, rank, rank);
        if (at.isEmpty() || at.get(0).message() == null || !taskId.equals(at.get(0).message().id())) {
            throw new IllegalArgumentException("the delayed set changed since the page was shown (task " + taskId
                    + " is no longer at that place): reload and try again");
        }
        return at.get(0);
    }

    private static DeadLetterFilter ids(String taskId) {
        requireId(taskId);
        return new DeadLetterFilter(null, null, List.of(taskId));
    }

    private static void requireId(String taskId) {
        if (taskId == null || taskId.isBlank() || taskId.length() > 200) {
            throw new IllegalArgumentException("a task id is needed");
        }
    }

    private Instant now() {
        return fleet.clock().instant();
    }

    private String audit(String user, String action, String target, String outcome) {
        fleet.audit().record(new AuditLog.Entry(now(), user, action, target, outcome));
        return outcome;
    }
}
