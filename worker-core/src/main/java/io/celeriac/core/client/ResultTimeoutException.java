package io.celeriac.core.client;

import io.celeriac.core.CeleriacException;

/** No ready result arrived within the wait. */
public final class ResultTimeoutException extends CeleriacException {
    public ResultTimeoutException(String taskId, java.time.Duration timeout) {
        super("no result for task " + taskId + " within " + timeout.toMillis() + " ms");
    }
}
