package io.celeriac.core.task;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.client.TaskSender;
import java.time.Clock;
import java.time.Duration;

/** What a running task knows about itself (Celery's {@code self.request}) and can do. */
public interface TaskContext {

    String taskId();

    String taskName();

    /** Retries already done; 0 on the first attempt. */
    int retries();

    /** The queue the message came from. */
    String queue();

    /** The worker's node name. */
    String hostname();

    ArrayNode args();

    ObjectNode kwargs();

    /** Positional argument {@code index} converted to {@code type}; throws IllegalArgumentException when absent. */
    <T> T arg(int index, Class<T> type);

    /** Keyword argument {@code name} converted to {@code type}, or {@code fallback} when absent. */
    <T> T kwarg(String name, Class<T> type, T fallback);

    /**
     * The exception that retries this task after {@code countdown} (null: the task's default delay);
     * use as {@code throw context.retry(Duration.ofSeconds(30), e)}. Past the task's max retries, the
     * task fails with {@code cause}.
     */
    Retry retry(Duration countdown, Throwable cause);

    TaskSender sender();

    /**
     * Records the state the task is in now, as Celery's {@code update_state} does: for example
     * {@code updateState("PROGRESS", Map.of("done", 40, "total", 100))}. Python's
     * {@code AsyncResult.state} reads the name and {@code .info} the meta (any value Jackson can
     * write). The state is a name of the task's choosing or STARTED; a ready state (SUCCESS,
     * FAILURE, REVOKED) is refused, since a task ends by returning or throwing. A later write
     * replaces an earlier one, and none replaces how the task ended.
     *
     * @throws IllegalArgumentException for a ready, blank or over-long (64) state name
     */
    void updateState(String state, Object meta);

    /**
     * Whether the task ran past its soft time limit: it was interrupted (a blocking call threw
     * InterruptedException or InterruptedIOException) and may clean up now; returning normally
     * still succeeds, anything thrown fails it with SoftTimeLimitExceeded.
     */
    default boolean softTimeLimitExceeded() {
        return false;
    }

    /**
     * The batch this task belongs to (its message's {@code celeriac_batch} header), to add tasks
     * to; null when it is in none, or when this context cannot reach Redis (an eager run).
     */
    default io.celeriac.core.flow.batch.TaskBatch batch() {
        return null;
    }

    /** For a batch's callback: the id of the batch it reports on (header {@code celeriac_batch_callback}); else null. */
    default String batchCallbackOf() {
        return null;
    }

    Clock clock();
}
