package io.celeriac.core.message;

import io.celeriac.core.CeleriacException;

/** A message that cannot be decoded into a runnable task; the reason goes to the dead-letter entry. */
public final class MalformedMessageException extends CeleriacException {
    private final String taskId;

    public MalformedMessageException(String reason, String taskId) {
        super(reason);
        this.taskId = taskId;
    }

    /** The task id when the headers were readable far enough to find it, else null. */
    public String taskId() {
        return taskId;
    }
}
