package io.celeriac.core.worker;

import io.celeriac.core.broker.Delivery;
import io.celeriac.core.loop.ServiceLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Celery's warm shutdown, over within the shutdown timeout whatever Redis and the tasks do.
 *
 * <ol>
 *   <li>stop fetching;</li>
 *   <li>put messages fetched but not started back at the front of their queues;</li>
 *   <li>let running tasks finish, until the timeout less a reserve for the last writes;</li>
 *   <li>cancel the rest for SHUTDOWN (their outcome is "put back"), and put back any that ignore
 *       the interrupt: safe, because whatever such a task writes later is fenced out;</li>
 *   <li>stop the loops; write the last outcomes until the timeout (with Redis down, what cannot be
 *       written stays in flight for lease recovery, and the log says how much);</li>
 *   <li>leave the worker set.</li>
 * </ol>
 */
final class WorkerShutdown {
    private static final Logger log = LoggerFactory.getLogger(WorkerShutdown.class);

    private final Worker worker;
    private final WorkerSettings settings;
    private final List<ServiceLoop> loops;
    private final RevokedTasks revoked;
    private final ScheduledExecutorService timer;

    WorkerShutdown(Worker worker, WorkerSettings settings, List<ServiceLoop> loops,
                   RevokedTasks revoked, ScheduledExecutorService timer) {
        this.worker = worker;
        this.settings = settings;
        this.loops = loops;
        this.revoked = revoked;
        this.timer = timer;
    }

    void run() {
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        // kept for the last writes and leaving: with Redis up they take milliseconds
        Duration reserve = min(Duration.ofSeconds(2), settings.shutdownTimeout().dividedBy(4));
        Runners runners = worker.runners();
        worker.fetcher().stop(min(Duration.ofSeconds(1), left(deadline).minus(reserve)));
        List<Delivery> waiting = runners.quiesce();
        waiting.forEach(this::requeue);
        long restored = waiting.size();
        if (!runners.awaitIdle(left(deadline).minus(reserve))) {
            restored += runners.running().size();
            runners.cancelAll(Cancellation.SHUTDOWN);
            if (!runners.awaitIdle(min(Duration.ofSeconds(1), left(deadline).dividedBy(3)))) {
                for (Execution stuck : runners.running()) {
                    log.atWarn().addKeyValue("task_id", stuck.taskId()).log("task ignores its interruption; its message goes back to the queue");
                    requeue(stuck.delivery());
                }
            }
        }
        loops.forEach(ServiceLoop::signalStop);
        loops.forEach(loop -> loop.awaitStopped(min(Duration.ofMillis(200), left(deadline))));
        revoked.stop();
        int unwritten = worker.completer().stop(max(Duration.ofMillis(100), left(deadline).minusMillis(300)));
        long leftover = leave(max(Duration.ofMillis(100), left(deadline)));
        timer.shutdownNow();
        var line = log.atInfo().addKeyValue("worker", settings.name()).addKeyValue("restored", restored + Math.max(0, leftover))
                .addKeyValue("processed", worker.stats().processed());
        if (unwritten > 0 || leftover < 0) {
            line = log.atWarn().addKeyValue("worker", settings.name()).addKeyValue("unwritten_outcomes", unwritten)
                    .addKeyValue("note", "Redis could not be reached: messages still in flight return to their queues through lease recovery");
        }
        line.log("worker stopped");
    }

    private void requeue(Delivery delivery) {
        worker.requeue(delivery);
    }

    /** Leaves the worker set, giving up after {@code timeout}; -1 when it could not. */
    private long leave(Duration timeout) {
        long[] moved = {-1};
        Thread leaving = Thread.ofVirtual().name("celeriac-leave").start(() -> {
            try {
                moved[0] = worker.leave();
            } catch (RuntimeException e) {
                log.atWarn().addKeyValue("error", e.toString()).log("could not leave the worker set; the lease will run out instead");
            }
        });
        try {
            if (!leaving.join(timeout)) {
                leaving.interrupt();
                return -1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        return moved[0];
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static Duration min(Duration a, Duration b) {
        Duration smaller = a.compareTo(b) <= 0 ? a : b;
        return smaller.isNegative() ? Duration.ZERO : smaller;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
