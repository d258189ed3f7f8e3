package io.celeriac.core.worker;

import io.celeriac.core.message.TaskMessage;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * What remote control (Celery's {@code inspect} and {@code control} commands, answered by the
 * worker's mailbox) may read and change on a running worker.
 */
public interface WorkerControl {

    String name();

    /** The queues it consumes now. */
    List<String> queues();

    /** Starts consuming {@code queue} (Celery's {@code add_consumer}); false when it already did. */
    boolean addQueue(String queue);

    /** Stops consuming {@code queue} (Celery's {@code cancel_consumer}); false when it did not. */
    boolean cancelQueue(String queue);

    /** Whether it records STARTED for every task (Celery's {@code task_track_started}), not only for those that ask. */
    boolean tracksStarted();

    /** Tasks run at once. */
    int concurrency();

    /** Sets the tasks run at once (Celery's {@code pool_grow}, {@code pool_shrink}, {@code autoscale}). */
    void resize(int concurrency);

    /** What a task being run looks like to {@code inspect active}. */
    record Running(TaskMessage message, String queue, long startedMillis) {
    }

    List<Running> active();

    /** Messages taken but not started yet ({@code inspect reserved}). */
    List<TaskMessage> reserved();

    WorkerStats stats();

    /** When it started (epoch ms). */
    long startedMillis();

    /** The names of the tasks it runs. */
    Collection<String> registered();

    /** Revokes a task fleet-wide; with {@code terminate} a running one is stopped. */
    void revoke(String taskId, boolean terminate);

    /** Sets a task's time limits on this worker (null keeps the task's own); {@code "*"} for every task. */
    void timeLimits(String task, Duration soft, Duration hard);

    /** Sets a task's rate on this worker in Celery's syntax ({@code 10/s}, {@code 100/m}); null or "0" clears it. */
    void rateLimit(String task, String rate);

    /** The rate set for a task on this worker, or null. */
    String rateLimit(String task);

    /** A warm stop, as on SIGTERM. */
    void shutdown(String reason);
}
