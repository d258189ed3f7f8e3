package io.celeriac.sync;

/** Input that cannot make or find a source; the message starts with the field at fault, and nothing was written. */
public final class InvalidSourceException extends SyncException {
    public InvalidSourceException(String field, String message) {
        super(field + ": " + message);
    }
}
