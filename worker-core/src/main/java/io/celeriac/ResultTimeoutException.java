package io.celeriac;

import java.time.Duration;

/** No ready state arrived for a task within the time waited. */
public final class ResultTimeoutException extends RuntimeException {
    public ResultTimeoutException(String taskId, Duration waited) {
        super("no result for task " + taskId + " within " + waited.toMillis() + " ms");
    }
}
