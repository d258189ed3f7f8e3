package io.celeriac;

import java.time.Duration;

/** What a running task knows about itself (Celery's {@code self.request}) and can ask for. */
public interface TaskContext {

    String taskId();

    String taskName();

    /** Retries already done; 0 on the first attempt. */
    int retries();

    /** The queue the message came from. */
    String queue();

    /** The worker's node name. */
    String hostname();

    /**
     * The exception that runs this task again after {@code countdown}; use as
     * {@code throw context.retry(Duration.ofSeconds(30), e)}. Past the task's max retries, the task
     * fails with {@code cause}.
     */
    RuntimeException retry(Duration countdown, Throwable cause);
}
