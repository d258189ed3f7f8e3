package io.celeriac.core.worker;

import io.celeriac.core.message.TaskMessage;
import io.celeriac.core.task.TaskDefinition;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A run's time limits and their alarms. The soft limit interrupts the task, which may catch the
 * interruption, clean up and return (or fails with Celery's SoftTimeLimitExceeded); the hard limit
 * stops it for good (TimeLimitExceeded). Each limit comes from, first to last: the sender's
 * {@code timelimit} header, what an operator set for the task at run time, the task's own option,
 * the worker's default.
 */
final class Deadlines implements AutoCloseable {
    private final Duration soft;
    private final Duration hard;
    private final long hardDeadlineNanos;
    private final ScheduledFuture<?> softAlarm;
    private final ScheduledFuture<?> hardAlarm;

    private Deadlines(Duration soft, Duration hard, long startedNanos, ScheduledFuture<?> softAlarm, ScheduledFuture<?> hardAlarm) {
        this.soft = soft;
        this.hard = hard;
        this.hardDeadlineNanos = hard == null ? Long.MAX_VALUE : startedNanos + hard.toNanos();
        this.softAlarm = softAlarm;
        this.hardAlarm = hardAlarm;
    }

    static Deadlines arm(Execution execution, TaskMessage message, TaskDefinition task, TaskLimits limits,
                         ScheduledExecutorService timer, long startedNanos) {
        TaskLimits.TimeLimits forTask = limits.timeLimits(task.name());
        TaskLimits.TimeLimits forWorker = limits.timeLimits(TaskLimits.ALL_TASKS);
        Duration hard = first(message.hardLimit(), forTask == null ? null : forTask.hard(), task.options().timeLimit(),
                forWorker == null ? null : forWorker.hard());
        Duration soft = first(message.softLimit(), forTask == null ? null : forTask.soft(), task.options().softTimeLimit(),
                forWorker == null ? null : forWorker.soft());
        if (soft != null && hard != null && soft.compareTo(hard) >= 0) {
            soft = null; // a soft limit at or past the hard one would never be seen
        }
        ScheduledFuture<?> softAlarm = soft == null ? null
                : timer.schedule(() -> execution.cancel(Cancellation.SOFT_TIME_LIMIT), soft.toNanos(), TimeUnit.NANOSECONDS);
        ScheduledFuture<?> hardAlarm = hard == null ? null
                : timer.schedule(() -> execution.cancel(Cancellation.TIME_LIMIT), hard.toNanos(), TimeUnit.NANOSECONDS);
        return new Deadlines(soft, hard, startedNanos, softAlarm, hardAlarm);
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    Duration soft() {
        return soft;
    }

    Duration hard() {
        return hard;
    }

    /** System.nanoTime() past which the task has overrun its hard limit; Long.MAX_VALUE without one. */
    long hardDeadlineNanos() {
        return hardDeadlineNanos;
    }

    @Override
    public void close() {
        if (softAlarm != null) {
            softAlarm.cancel(false);
        }
        if (hardAlarm != null) {
            hardAlarm.cancel(false);
        }
    }
}
