package io.celeriac.sync;

import java.time.Duration;

/** The provider answered 429: try again after {@code retryAfter} (its Retry-After, or a default). */
public final class RateLimitedException extends SyncException {
    private final Duration retryAfter;

    public RateLimitedException(String provider, Duration retryAfter) {
        super(provider + " rate-limited the sync; retry after " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
