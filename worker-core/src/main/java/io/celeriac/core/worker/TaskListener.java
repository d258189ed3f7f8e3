package io.celeriac.core.worker;

/** Told how each message ended: feeds metrics, and tests that want to watch a worker. */
public interface TaskListener {

    /** How a message ended. */
    enum Outcome {
        SUCCESS, FAILURE, RETRY, REVOKED, DEAD_LETTERED, DEFERRED
    }

    /**
     * @param task         the task name, or null for a message too broken to name one
     * @param runNanos     time in the handler, 0 when it did not run
     * @param latencyNanos from when the message was sent (or became due) to when it started, -1 when unknown
     */
    void finished(String task, String queue, Outcome outcome, long runNanos, long latencyNanos);

    TaskListener NONE = (task, queue, outcome, runNanos, latencyNanos) -> { };
}
