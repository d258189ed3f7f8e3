package io.celeriac.core.message;

/** Celery's task states as stored in the result backend; PENDING is the absence of a result. */
public enum TaskState {
    PENDING, RECEIVED, STARTED, RETRY, SUCCESS, FAILURE, REVOKED, REJECTED, IGNORED;

    /** The state of this name, or null for a name Celery does not define (a task's own state). */
    public static TaskState named(String name) {
        for (TaskState state : values()) {
            if (state.name().equals(name)) {
                return state;
            }
        }
        return null;
    }

    /** Ready states end a task: a waiting client stops waiting. */
    public boolean isReady() {
        return this == SUCCESS || this == FAILURE || this == REVOKED;
    }
}
