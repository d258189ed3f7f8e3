package io.celeriac.sync;

/**
 * The provider refused the source's credentials or address (401, or 403/404/410 for a feed).
 * Waiting does not fix that, so the source is marked as needing attention instead of retried.
 */
public final class SourceUnauthorizedException extends SyncException {
    public SourceUnauthorizedException(String message) {
        super(message);
    }
}
