package io.celeriac.ai;

/** The module's Celery task names; the application's routes send {@code ai_tasks.*} to the {@code ai_tasks} queue. */
public final class TaskNames {
    public static final String PREFIX = "personal_assistant.workers.tasks.ai_tasks.";
    /** Wakes up at an occurrence (delayed message) and claims it. Args: task id, occurrence (ISO instant). */
    public static final String DISPATCH = PREFIX + "dispatch_ai_task";
    /** Runs a claimed occurrence. Args: run id. */
    public static final String EXECUTE = PREFIX + "execute_ai_task";
    /** The beat's safety net: claims whatever is due and restarts stranded runs. */
    public static final String PROCESS_DUE = PREFIX + "process_due_ai_tasks";
    public static final String TEST_CONNECTION = PREFIX + "test_scheduler_connection";
    public static final String CLEANUP = PREFIX + "cleanup_old_logs";
    /** The e-mail module's task; this module only sends it. */
    public static final String SEND_EMAIL = "personal_assistant.workers.tasks.email_tasks.send_email";

    private TaskNames() {
    }
}
