package io.celeriac.http;

import java.time.Duration;

/** A call was not made: its circuit breaker is open after repeated failures; {@link #retryAfter()} is when it half-opens. */
public final class BreakerOpenException extends ProviderUnavailableException {
    public BreakerOpenException(String provider, Duration retryAfter) {
        super(provider, "circuit breaker open after repeated failures", retryAfter, false, null);
    }
}
