package io.celeriac;

import java.time.Duration;

/**
 * How a task runs and where it is sent, as Celery's task options: the queue senders route it to
 * (unless they name another), retries, the hard time limit, acks and results. The defaults are
 * Celeriac's: 3 retries with exponential backoff for transient errors, late ack, results kept.
 *
 * @param queue        where senders send it by default (null: the client's routes, else {@code celery})
 * @param maxRetries   retries after the first attempt
 * @param timeLimit    the hard limit: past it the task is stopped and fails with TimeLimitExceeded; null for none
 * @param ackEarly     take the message out of flight when the task starts (at most once) instead of when it ends
 * @param ignoreResult store no result
 * @param trackStarted store STARTED when the task starts
 * @param resultExpires how long its result is kept; null for the worker's default
 */
public record TaskSettings(String queue, int maxRetries, Duration timeLimit, boolean ackEarly, boolean ignoreResult,
                           boolean trackStarted, Duration resultExpires) {

    public static TaskSettings defaults() {
        return new TaskSettings(null, 3, null, false, false, false, null);
    }

    public TaskSettings queue(String q) {
        return new TaskSettings(q, maxRetries, timeLimit, ackEarly, ignoreResult, trackStarted, resultExpires);
    }

    public TaskSettings maxRetries(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("max retries must be 0 or more, got " + n);
        }
        return new TaskSettings(queue, n, timeLimit, ackEarly, ignoreResult, trackStarted, resultExpires);
    }

    public TaskSettings timeLimit(Duration limit) {
        return new TaskSettings(queue, maxRetries, limit, ackEarly, ignoreResult, trackStarted, resultExpires);
    }

    public TaskSettings ackEarly(boolean early) {
        return new TaskSettings(queue, maxRetries, timeLimit, early, ignoreResult, trackStarted, resultExpires);
    }

    public TaskSettings ignoreResult(boolean ignore) {
        return new TaskSettings(queue, maxRetries, timeLimit, ackEarly, ignore, trackStarted, resultExpires);
    }

    public TaskSettings trackStarted(boolean track) {
        return new TaskSettings(queue, maxRetries, timeLimit, ackEarly, ignoreResult, track, resultExpires);
    }

    public TaskSettings resultExpires(Duration expires) {
        return new TaskSettings(queue, maxRetries, timeLimit, ackEarly, ignoreResult, trackStarted, expires);
    }
}
