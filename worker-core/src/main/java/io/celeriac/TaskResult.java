package io.celeriac;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A sent task's result: Celery's {@code AsyncResult}, typed. {@link #future()} completes when the
 * worker stores a ready state, pushed by the result backend (no polling: one listener per client
 * serves every result it waits for).
 */
public interface TaskResult<R> {

    String id();

    /** The state stored now (PENDING when none is: not started, unknown, or expired). */
    TaskState state();

    /**
     * The state's name as stored now: Celery's own (as {@link #state()}), or one the running task
     * recorded itself with {@link TaskContext#updateState} (PROGRESS, say), which {@link #state()}
     * reads as STARTED.
     */
    String stateName();

    /**
     * What is stored with the state now, as {@code type} (Python's {@code AsyncResult.info}): the
     * meta a running task recorded, the value of a SUCCESS; empty when nothing is stored.
     */
    <M> java.util.Optional<M> info(Class<M> type);

    /** Completes with the result, or exceptionally with {@link TaskFailedException}. */
    CompletableFuture<R> future();

    /**
     * Waits up to {@code timeout}: the result, or {@link TaskFailedException} when the task failed
     * or was revoked, or {@link java.util.concurrent.TimeoutException}-caused
     * {@link ResultTimeoutException} when the wait ran out.
     */
    R get(Duration timeout);

    /** Revokes the task (Celery's {@code revoke}); with {@code terminate} a running one is stopped. */
    void revoke(boolean terminate);
}
