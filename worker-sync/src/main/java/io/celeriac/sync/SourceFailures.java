package io.celeriac.sync;

import io.celeriac.http.BreakerOpenException;
import io.celeriac.http.ProviderUnavailableException;
import io.celeriac.sync.db.SourceStore;
import io.celeriac.sync.secret.TokenUnreadableException;

/**
 * One place that turns a source's failure into its outcome and its recorded state, so the
 * calendar and Notion syncs treat failures alike: refused (a token that no longer decrypts, an
 * address inside, a feed over the limits) means attention, rate limits and outages mean a retry,
 * anything else, memory exhaustion included, is recorded and left to the next run.
 */
public final class SourceFailures {
    private final SourceStore sources;

    public SourceFailures(SourceStore sources) {
        this.sources = sources;
    }

    public SourceOutcome outcome(SourceKind kind, long sourceId, Throwable failure) {
        String reason = reason(failure);
        return switch (failure) {
            case SourceUnauthorizedException e -> attention(kind, sourceId, reason);
            case TokenUnreadableException e -> attention(kind, sourceId, reason);
            case FeedAddressRefusedException e -> attention(kind, sourceId, reason);
            case FeedOverLimitException e -> attention(kind, sourceId, reason);
            case BreakerOpenException e -> new SourceOutcome.Deferred(sourceId, reason, e.retryAfter(), e);
            case ProviderUnavailableException e -> {
                sources.markError(kind, sourceId, reason);
                yield new SourceOutcome.Deferred(sourceId, reason, e.retryAfter(), e);
            }
            default -> {
                sources.markError(kind, sourceId, reason);
                yield new SourceOutcome.Failed(sourceId, reason);
            }
        };
    }

    private SourceOutcome attention(SourceKind kind, long sourceId, String reason) {
        sources.markNeedsAttention(kind, sourceId, reason);
        return new SourceOutcome.NeedsAttention(sourceId, reason);
    }

    private static String reason(Throwable failure) {
        if (failure instanceof OutOfMemoryError) {
            return "could not be processed: it needed more memory than the worker could give";
        }
        if (failure instanceof StackOverflowError) {
            return "could not be processed: it is nested too deeply";
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
