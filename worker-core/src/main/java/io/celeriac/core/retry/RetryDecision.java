package io.celeriac.core.retry;

import java.time.Duration;

/** What happens to a task that did not succeed. */
public sealed interface RetryDecision {

    /** Send it again after {@code countdown}. */
    record RetryAfter(Duration countdown) implements RetryDecision {
    }

    /** Store FAILURE and dead-letter the message. */
    record GiveUp(String reason) implements RetryDecision {
    }
}
