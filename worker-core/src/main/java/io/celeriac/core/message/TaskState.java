package io.celeriac.core.message;

/** Celery's task states as stored in the result backend; PENDING is the absence of a result. */
public enum TaskState {
    PENDING, RECEIVED, STARTED, RETRY, SUCCESS, FAILURE, REVOKED, REJECTED, IGNORED;

    /** Ready states end a task: a waiting client stops waiting. */
    public boolean isReady() {
        return this == SUCCESS || this == FAILURE || this == REVOKED;
    }
}
