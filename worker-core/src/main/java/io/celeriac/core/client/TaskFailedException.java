package io.celeriac.core.client;

import io.celeriac.core.CeleriacException;
import io.celeriac.core.message.ExceptionInfo;
import io.celeriac.core.message.TaskState;

/** A waited-for task ended in FAILURE or REVOKED; carries the exception the worker stored. */
public final class TaskFailedException extends CeleriacException {
    private final TaskState state;
    private final ExceptionInfo error;

    public TaskFailedException(String taskId, TaskState state, ExceptionInfo error) {
        super("task " + taskId + " ended " + state + (error == null ? "" : ": " + error));
        this.state = state;
        this.error = error;
    }

    public TaskState state() {
        return state;
    }

    public ExceptionInfo error() {
        return error;
    }
}
