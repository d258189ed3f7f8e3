package io.celeriac.sync;

/**
 * A feed's address, or a redirect it answered with, points into a network the worker must not
 * reach (loopback, private, link-local, ...): no connection was made, the source needs attention.
 * The message says what kind of address it is, and nothing about what listens there.
 */
public final class FeedAddressRefusedException extends SyncException {
    public FeedAddressRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
