package io.celeriac.sync;

import java.time.Duration;

/** What happened to one source in one sync run. */
public sealed interface SourceOutcome {

    long sourceId();

    /** Read and stored; counts of rows this run changed (0, 0, 0 when nothing changed). */
    record Synced(long sourceId, int created, int updated, int deleted) implements SourceOutcome {
    }

    /** The provider said nothing changed (HTTP 304). */
    record NotModified(long sourceId) implements SourceOutcome {
    }

    /** Credentials or address refused: marked, skipped until someone fixes the source. */
    record NeedsAttention(long sourceId, String reason) implements SourceOutcome {
    }

    /** An unreadable answer: recorded on the source; the next scheduled run tries again. */
    record Failed(long sourceId, String reason) implements SourceOutcome {
    }

    /**
     * Worth trying again soon: rate-limited, timed out, provider down or its breaker open.
     *
     * @param retryAfter the provider's own countdown (Retry-After, breaker), or null for the task's backoff
     */
    record Deferred(long sourceId, String reason, Duration retryAfter, Throwable cause) implements SourceOutcome {
    }
}
