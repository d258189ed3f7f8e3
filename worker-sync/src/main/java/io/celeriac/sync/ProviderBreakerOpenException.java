package io.celeriac.sync;

import java.time.Duration;

/** A provider's circuit breaker is open: calls fail at once until it half-opens after {@code retryAfter}. */
public final class ProviderBreakerOpenException extends SyncException {
    private final Duration retryAfter;

    public ProviderBreakerOpenException(String provider, Duration retryAfter) {
        super("circuit breaker of " + provider + " is open after repeated failures");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
