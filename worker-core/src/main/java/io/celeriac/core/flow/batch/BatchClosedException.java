package io.celeriac.core.flow.batch;

import io.celeriac.core.CeleriacException;

/** A task was added to a batch that has expired or already completed (its callbacks have been sent). */
public final class BatchClosedException extends CeleriacException {
    public BatchClosedException(String message) {
        super(message);
    }
}
