package io.celeriac.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskState;
import java.time.Duration;
import java.util.Optional;

/** A handle on a sent task's result (Celery's {@code AsyncResult}). */
public interface AsyncResult {

    String id();

    /**
     * True when a unique send found a duplicate: nothing was enqueued, and {@link #id()} is the
     * task that holds the lock (the one that will run, or ran).
     */
    default boolean duplicate() {
        return false;
    }

    /** The stored result, if any (empty means PENDING: not started, unknown, or expired). */
    Optional<ResultMeta> meta();

    default TaskState state() {
        return meta().map(ResultMeta::status).orElse(TaskState.PENDING);
    }

    /** Waits for a ready state; returns the meta, whatever the state. */
    ResultMeta await(Duration timeout);

    /**
     * Waits for the task and returns its return value; throws {@link TaskFailedException} when it
     * failed or was revoked and {@link ResultTimeoutException} when the wait ran out.
     */
    default JsonNode get(Duration timeout) {
        ResultMeta meta = await(timeout);
        if (meta.status() != TaskState.SUCCESS) {
            throw new TaskFailedException(id(), meta.status(), meta.exception());
        }
        return meta.result();
    }
}
