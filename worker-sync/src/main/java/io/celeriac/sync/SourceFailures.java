package io.celeriac.sync;

import io.celeriac.sync.db.SourceStore;
import io.celeriac.sync.secret.TokenUnreadableException;

/**
 * One place that turns a source's failure into its outcome and its recorded state, so the
 * calendar and Notion syncs treat failures alike: refused (or a stored token that no longer
 * decrypts) means attention, rate limits and outages mean a retry, anything else is recorded and
 * left to the next run.
 */
public final class SourceFailures {
    private final SourceStore sources;

    public SourceFailures(SourceStore sources) {
        this.sources = sources;
    }

    public SourceOutcome outcome(SourceKind kind, long sourceId, RuntimeException failure) {
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return switch (failure) {
            case SourceUnauthorizedException e -> {
                sources.markNeedsAttention(kind, sourceId, reason);
                yield new SourceOutcome.NeedsAttention(sourceId, reason);
            }
            case TokenUnreadableException e -> {
                sources.markNeedsAttention(kind, sourceId, reason);
                yield new SourceOutcome.NeedsAttention(sourceId, reason);
            }
            case RateLimitedException e -> {
                sources.markError(kind, sourceId, reason);
                yield new SourceOutcome.Deferred(sourceId, reason, e.retryAfter(), e);
            }
            case ProviderBreakerOpenException e -> new SourceOutcome.Deferred(sourceId, reason, e.retryAfter(), e);
            case ProviderUnavailableException e -> {
                sources.markError(kind, sourceId, reason);
                yield new SourceOutcome.Deferred(sourceId, reason, null, e);
            }
            default -> {
                sources.markError(kind, sourceId, reason);
                yield new SourceOutcome.Failed(sourceId, reason);
            }
        };
    }
}
