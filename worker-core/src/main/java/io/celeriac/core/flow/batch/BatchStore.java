package io.celeriac.core.flow.batch;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where batches live ({@code io.celeriac.core.broker.redis.RedisBatchStore}). Counting a finished
 * task is not here: it rides in the worker's completion ({@code BrokerOp.BatchPart}), fenced with
 * the task's own outcome.
 */
public interface BatchStore {

    /** Creates a batch held open by its sender; false when the id is taken. */
    boolean open(BatchOpening opening);

    /**
     * Registers {@code tasks} in the batch and enqueues them in one step; returns how many were new.
     *
     * @throws BatchClosedException when the batch has expired or has completed already
     */
    int add(String batchId, List<BatchTask> tasks, Duration openTtl, long nowMillis);

    Optional<BatchProgress> progress(String batchId);

    /**
     * At most {@code limit} batches, newest first; when there are more, those still running are
     * chosen before completed ones, and recently completed before long completed. Expired ones are gone.
     */
    List<BatchProgress> list(int limit);

    /**
     * A new batch.
     *
     * @param openTtl    how long it is kept while it never finishes
     * @param doneTtl    how long it is kept after it completes
     * @param onComplete the callback message sent when every task has ended, or null
     * @param onSuccess  the callback message sent when every task has succeeded, or null
     */
    record BatchOpening(String id, String description, long nowMillis, Duration openTtl, Duration doneTtl,
                        Callback onComplete, Callback onSuccess) {
    }

    /**
     * A callback message, built by the sender: what the completion script pushes, as it is, or
     * dead-letters with {@code deadLetterHeader} (JSON) when Redis refuses the push.
     */
    record Callback(String queue, int priority, byte[] envelope, String deadLetterHeader) {
    }

    /** One task to enqueue in a batch; {@code dueMillis} 0 for now. */
    record BatchTask(String taskId, String queue, int priority, byte[] envelope, long dueMillis) {
    }
}
