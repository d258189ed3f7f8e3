package io.celeriac.sync;

import io.celeriac.core.CeleriacException;

/** Base of what a sync of one source can fail with; the subclass says what to do about it. */
public class SyncException extends CeleriacException {
    public SyncException(String message) {
        super(message);
    }

    public SyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
