package io.celeriac.core.builtin;

/** What {@code celeriac.fail} raises: an ordinary task failure, which Python sees as a failed task with this message. */
public final class RequestedFailure extends RuntimeException {
    public RequestedFailure(String message) {
        super(message);
    }
}
