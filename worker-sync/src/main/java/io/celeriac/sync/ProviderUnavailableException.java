package io.celeriac.sync;

/** A timeout, a connection failure or a 5xx: the kind of failure a later attempt may not see. */
public final class ProviderUnavailableException extends SyncException {
    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProviderUnavailableException(String message) {
        super(message);
    }
}
