package io.celeriac.core.task;

import io.celeriac.core.CeleriacException;

/** Thrown by a task to fail now, without retries: the message is dead-lettered with this reason. */
public class Reject extends CeleriacException {
    public Reject(String reason) {
        super(reason);
    }

    public Reject(String reason, Throwable cause) {
        super(reason, cause);
    }
}
