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

    /** The worker's clock: the fleet's time (the broker's clock), and the one tests replace. */
    java.time.Clock clock();

    /**
     * The exception that runs this task again after {@code countdown}; use as
     * {@code throw context.retry(Duration.ofSeconds(30), e)}. Past the task's max retries, the task
     * fails with {@code cause}.
     */
    RuntimeException retry(Duration countdown, Throwable cause);

    /**
     * Records the state the task is in now, as Celery's {@code update_state} does, e.g.
     * {@code context.updateState("PROGRESS", Map.of("done", 40, "total", 100))}: Python's
     * {@code AsyncResult.state} reads the name and {@code .info} the meta (any value Jackson can
     * write); {@link TaskResult#state()} reads it as running. A ready state (SUCCESS, FAILURE,
     * REVOKED) is refused with IllegalArgumentException: a task ends by returning or throwing.
     */
    void updateState(String state, Object meta);

    /**
     * Whether the task ran past its soft time limit: it was interrupted and may clean up now;
     * returning normally still succeeds, anything thrown fails it with SoftTimeLimitExceeded.
     */
    boolean softTimeLimitExceeded();

    /** The batch this task belongs to, to add tasks to it; empty when it is in none. */
    default java.util.Optional<Batch> batch() {
        return java.util.Optional.empty();
    }

    /** For a batch's on_success or on_complete callback: the id of the batch it reports on. */
    default java.util.Optional<String> callbackOf() {
        return java.util.Optional.empty();
    }
}
