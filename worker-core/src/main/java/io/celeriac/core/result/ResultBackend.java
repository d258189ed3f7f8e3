package io.celeriac.core.result;

import io.celeriac.core.message.ResultMeta;
import java.time.Duration;
import java.util.Optional;

/** Where task results are read: Celery's result backend, as clients see it. */
public interface ResultBackend {

    /** The stored result of a task, if any (PENDING is the absence of one). */
    Optional<ResultMeta> get(String taskId);

    /**
     * Waits up to {@code timeout} for a ready state (SUCCESS, FAILURE, REVOKED); throws
     * {@link io.celeriac.core.client.ResultTimeoutException} when none came.
     */
    ResultMeta await(String taskId, Duration timeout);

    /**
     * Completes when a ready state is stored, pushed by the backend (no thread waits per result);
     * cancelling it stops listening.
     */
    java.util.concurrent.CompletableFuture<ResultMeta> whenReady(String taskId);

    /**
     * Records how many parts a chord's header has (Celery's {@code set_chord_size}): the workers
     * running them start the body when that many have ended.
     */
    void setChordSize(String groupId, int size, Duration ttl);
}
