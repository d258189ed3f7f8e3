package io.celeriac.core.worker;

import io.celeriac.core.message.TaskMessage;

/**
 * A task's life as the fleet's tools see it (Celery's task events: received, started, succeeded,
 * failed, retried, rejected, revoked). Called on the runner's thread: implementations must not
 * block; {@link #NONE} when nobody listens.
 */
public interface TaskEvents {

    /** A message was taken and decoded (not yet run). */
    default void received(TaskMessage message, String queue) {
    }

    /** Its handler is about to run. */
    default void started(TaskMessage message, String queue) {
    }

    /**
     * How it ended. {@code message} is null for a message too broken to decode (a rejection);
     * {@code runtimeNanos} is 0 when the handler did not run.
     */
    default void ended(TaskMessage message, String queue, Outcome outcome, long runtimeNanos) {
    }

    TaskEvents NONE = new TaskEvents() {
    };
}
