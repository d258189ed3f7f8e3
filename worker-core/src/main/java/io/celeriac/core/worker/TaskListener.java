package io.celeriac.core.worker;

import io.celeriac.core.broker.Delivery;

/** Told how each message ended: feeds metrics, and tests that want to watch a worker. */
public interface TaskListener {

    /**
     * @param task         the registered task name, or null for a message that names no registered task
     * @param runNanos     time in the handler, 0 when it did not run
     * @param latencyNanos from when the message was sent (or became due) to when it started, -1 when unknown
     */
    void finished(String task, String queue, Outcome.Kind outcome, long runNanos, long latencyNanos);

    /** The same end with the delivery itself and the outcome's writes (for tests that account for every message). */
    default void ended(Delivery delivery, Outcome outcome) {
    }

    TaskListener NONE = (task, queue, outcome, runNanos, latencyNanos) -> { };
}
