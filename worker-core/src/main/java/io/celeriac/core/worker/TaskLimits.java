package io.celeriac.core.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per task name, what an operator set on this worker at run time (Celery's {@code control
 * time_limit} and {@code rate_limit}): time limits that override the task's own, and a rate limit
 * as a token bucket. A task over its rate is not run: it waits in the delayed set for its next token.
 */
final class TaskLimits {
    /** The key of the worker's defaults ({@code --time-limit}, {@code --soft-time-limit}). */
    static final String ALL_TASKS = "*";

    /** Soft and hard limits; either may be null (keep the task's own). */
    record TimeLimits(Duration soft, Duration hard) {
    }

    private final Map<String, TimeLimits> timeLimits = new ConcurrentHashMap<>();
    private final Map<String, RateLimit> rates = new ConcurrentHashMap<>();
    private final Clock clock;

    TaskLimits(Clock clock) {
        this.clock = clock;
    }

    void timeLimits(String task, Duration soft, Duration hard) {
        if (soft == null && hard == null) {
            timeLimits.remove(task);
        } else {
            timeLimits.put(task, new TimeLimits(soft, hard));
        }
    }

    TimeLimits timeLimits(String task) {
        return timeLimits.get(task);
    }

    /** Sets a rate in Celery's syntax ({@code 10/s}, {@code 100/m}, {@code 1000/h}, a bare number per second); null or "0" clears it. */
    void rate(String task, String rate) {
        RateLimit limit = RateLimit.parse(rate);
        if (limit == null) {
            rates.remove(task);
        } else {
            rates.put(task, limit);
        }
    }

    String rate(String task) {
        RateLimit limit = rates.get(task);
        return limit == null ? null : limit.text();
    }

    /** Zero when {@code task} may run now (a token was taken), else how long until its next token. */
    Duration waitFor(String task) {
        RateLimit limit = rates.get(task);
        return limit == null ? Duration.ZERO : limit.take(clock.millis());
    }
}
