package io.celeriac.core.task;

import io.celeriac.core.retry.Backoff;
import io.celeriac.core.retry.RetryPolicy;
import io.celeriac.core.flow.FlowLimit;
import java.time.Duration;

/**
 * Per-task settings.
 *
 * @param retryPolicy       retries of a task that throws (max retries default 3)
 * @param defaultRetryDelay countdown of {@code ctx.retry()} called without one (Celery: 180 s)
 * @param ackMode           late (default) or early
 * @param ignoreResult      store no result
 * @param resultExpires     TTL of the stored result, or null for the application's default
 * @param trackStarted      store STARTED when the task starts
 * @param timeLimit         the hard limit: stop the task for good after this long, or null for none
 * @param softTimeLimit     interrupt the task after this long so it can clean up (it fails with
 *                          SoftTimeLimitExceeded unless it returns), or null for none
 * @param flowLimit         a fleet-wide rate and/or concurrency limit (Celery's {@code rate_limit}), or null for none
 */
public record TaskOptions(RetryPolicy retryPolicy, Duration defaultRetryDelay, AckMode ackMode, boolean ignoreResult,
                          Duration resultExpires, boolean trackStarted, Duration timeLimit, Duration softTimeLimit,
                          FlowLimit flowLimit) {

    public TaskOptions(RetryPolicy retryPolicy, Duration defaultRetryDelay, AckMode ackMode, boolean ignoreResult,
                       Duration resultExpires, boolean trackStarted, Duration timeLimit, Duration softTimeLimit) {
        this(retryPolicy, defaultRetryDelay, ackMode, ignoreResult, resultExpires, trackStarted, timeLimit, softTimeLimit, null);
    }

    public TaskOptions(RetryPolicy retryPolicy, Duration defaultRetryDelay, AckMode ackMode, boolean ignoreResult,
                       Duration resultExpires, boolean trackStarted, Duration timeLimit) {
        this(retryPolicy, defaultRetryDelay, ackMode, ignoreResult, resultExpires, trackStarted, timeLimit, null);
    }

    public static TaskOptions defaults() {
        return new TaskOptions(RetryPolicy.defaults(), Duration.ofSeconds(180), AckMode.LATE, false, null, false, null, null, null);
    }

    public TaskOptions maxRetries(int max) {
        return withRetryPolicy(retryPolicy.withMaxRetries(max));
    }

    public TaskOptions backoff(Backoff backoff) {
        return withRetryPolicy(retryPolicy.withBackoff(backoff));
    }

    public TaskOptions withRetryPolicy(RetryPolicy policy) {
        return new TaskOptions(policy, defaultRetryDelay, ackMode, ignoreResult, resultExpires, trackStarted, timeLimit, softTimeLimit, flowLimit);
    }

    public TaskOptions defaultRetryDelay(Duration delay) {
        return new TaskOptions(retryPolicy, delay, ackMode, ignoreResult, resultExpires, trackStarted, timeLimit, softTimeLimit, flowLimit);
    }

    public TaskOptions ackMode(AckMode mode) {
        return new TaskOptions(retryPolicy, defaultRetryDelay, mode, ignoreResult, resultExpires, trackStarted, timeLimit, softTimeLimit, flowLimit);
    }

    public TaskOptions ignoreResult(boolean ignore) {
        return new TaskOptions(retryPolicy, defaultRetryDelay, ackMode, ignore, resultExpires, trackStarted, timeLimit, softTimeLimit, flowLimit);
    }

    public TaskOptions resultExpires(Duration expires) {
        return new TaskOptions(retryPolicy, defaultRetryDelay, ackMode, ignoreResult, expires, trackStarted, timeLimit, softTimeLimit, flowLimit);
    }

    public TaskOptions trackStarted(boolean track) {
        return new TaskOptions(retryPolicy, defaultRetryDelay, ackMode, ignoreResult, resultExpires, track, timeLimit, softTimeLimit, flowLimit);
    }

    public TaskOptions timeLimit(Duration limit) {
        return new TaskOptions(retryPolicy, defaultRetryDelay, ackMode, ignoreResult, resultExpires, trackStarted, limit, softTimeLimit, flowLimit);
    }

    public TaskOptions softTimeLimit(Duration limit) {
        return new TaskOptions(retryPolicy, defaultRetryDelay, ackMode, ignoreResult, resultExpires, trackStarted, timeLimit, limit, flowLimit);
    }

    /**
     * A fleet-wide rate limit in Celery's syntax ({@code 10/s}, {@code 100/m}, {@code 1000/h}) on
     * this task's own bucket (named after the task); null or "0" for none. A malformed rate throws
     * {@link io.celeriac.core.flow.InvalidLimitException} here, at registration.
     */
    public TaskOptions rateLimit(String rate) {
        io.celeriac.core.flow.Rate parsed = io.celeriac.core.flow.Rate.parse(rate);
        return flowLimit(parsed == null ? null : new FlowLimit(FlowLimit.OWN, parsed, 0, null));
    }

    /** A fleet-wide limit: rate, concurrency, per key, or shared with other tasks by its name. */
    public TaskOptions flowLimit(FlowLimit limit) {
        return new TaskOptions(retryPolicy, defaultRetryDelay, ackMode, ignoreResult, resultExpires, trackStarted, timeLimit,
                softTimeLimit, limit);
    }
}
