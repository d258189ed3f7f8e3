package io.celeriac.core.retry;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How a task that throws is retried. A task that throws is retried by default (unlike Celery, where
 * only {@code autoretry_for} does): up to {@code maxRetries} times, with the backoff, unless the
 * exception is one of {@code neverRetry}. By default that is every programming or argument error
 * ({@link #PROGRAMMING_ERRORS}): bad input and bugs do not get better by waiting, so they fail at
 * once, as Python's TypeError does in Celery. A task that wants one retried anyway throws
 * {@code context.retry(...)}.
 */
public record RetryPolicy(int maxRetries, Backoff backoff, List<Class<? extends Throwable>> neverRetry) {

    public static final int DEFAULT_MAX_RETRIES = 3;

    /** Exceptions that say the code or its input is wrong, never that something transient failed. */
    public static final List<Class<? extends Throwable>> PROGRAMMING_ERRORS = List.of(
            IllegalArgumentException.class, NullPointerException.class, ClassCastException.class,
            IndexOutOfBoundsException.class, ArithmeticException.class, UnsupportedOperationException.class,
            ArrayStoreException.class, NegativeArraySizeException.class, StackOverflowError.class);

    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_MAX_RETRIES,
                Backoff.exponential(Duration.ofSeconds(2), Duration.ofMinutes(10), true), PROGRAMMING_ERRORS);
    }

    public static RetryPolicy none() {
        return new RetryPolicy(0, Backoff.fixed(Duration.ZERO), List.of());
    }

    public RetryPolicy withMaxRetries(int max) {
        return new RetryPolicy(max, backoff, neverRetry);
    }

    public RetryPolicy withBackoff(Backoff newBackoff) {
        return new RetryPolicy(maxRetries, newBackoff, neverRetry);
    }

    /**
     * Decides for a task that threw {@code error} after {@code retriesDone} retries.
     *
     * @param countdown an explicit countdown asked for by the task ({@code ctx.retry(...)}), or null
     */
    public RetryDecision decide(Throwable error, int retriesDone, Duration countdown, RandomGenerator random) {
        for (Class<? extends Throwable> type : neverRetry) {
            if (type.isInstance(error)) {
                return new RetryDecision.GiveUp(type.getSimpleName() + " is never retried");
            }
        }
        if (retriesDone >= maxRetries) {
            return new RetryDecision.GiveUp("max retries (" + maxRetries + ") exceeded");
        }
        Duration delay = countdown != null ? countdown : backoff.delay(retriesDone + 1, random);
        return new RetryDecision.RetryAfter(delay);
    }
}
