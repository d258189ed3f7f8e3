package io.celeriac;

/**
 * Celery's task states, as Python's {@code AsyncResult.state} reads them. A state a running task
 * names itself (PROGRESS, say) reads as STARTED; {@link TaskResult#stateName()} has its name.
 */
public enum TaskState {
    PENDING, RECEIVED, STARTED, RETRY, SUCCESS, FAILURE, REVOKED, REJECTED, IGNORED;

    /** Whether the task will not change state any more. */
    public boolean isReady() {
        return this == SUCCESS || this == FAILURE || this == REVOKED;
    }
}
