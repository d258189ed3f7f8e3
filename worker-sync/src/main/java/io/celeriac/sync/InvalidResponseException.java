package io.celeriac.sync;

/**
 * The provider answered, but with something that cannot be read (a broken iCalendar document,
 * unexpected JSON, another 4xx). Retrying at once would read the same thing, so the source's error
 * is recorded and the next scheduled run tries again.
 */
public final class InvalidResponseException extends SyncException {
    public InvalidResponseException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidResponseException(String message) {
        super(message);
    }
}
