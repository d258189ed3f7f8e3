package io.celeriac;

/**
 * A task ended in FAILURE or REVOKED. Carries what the worker stored: the exception's type and
 * module as Celery writes them (a Java exception's simple name and package), its message, and the
 * traceback text.
 */
public final class TaskFailedException extends RuntimeException {
    private final String taskId;
    private final TaskState state;
    private final String type;
    private final String module;
    private final String traceback;

    public TaskFailedException(String taskId, TaskState state, String type, String module, String message, String traceback) {
        super("task " + taskId + " ended " + state + (type == null ? "" : ": " + type + ": " + message));
        this.taskId = taskId;
        this.state = state;
        this.type = type;
        this.module = module;
        this.traceback = traceback;
    }

    public String taskId() {
        return taskId;
    }

    public TaskState state() {
        return state;
    }

    /** The exception's type name, e.g. {@code IllegalStateException} or {@code TimeLimitExceeded}. */
    public String type() {
        return type;
    }

    /** Its module: a Java package, or {@code celery.exceptions} for Celery's own. */
    public String module() {
        return module;
    }

    public String traceback() {
        return traceback;
    }
}
