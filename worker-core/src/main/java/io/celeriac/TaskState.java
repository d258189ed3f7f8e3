package io.celeriac;

/** Celery's task states, as Python's {@code AsyncResult.state} reads them. */
public enum TaskState {
    PENDING, RECEIVED, STARTED, RETRY, SUCCESS, FAILURE, REVOKED;

    /** Whether the task will not change state any more. */
    public boolean isReady() {
        return this == SUCCESS || this == FAILURE || this == REVOKED;
    }
}
