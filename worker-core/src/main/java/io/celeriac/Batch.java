package io.celeriac;

import java.util.List;

/**
 * A batch of tasks (Sidekiq Pro's idea): it may grow while it runs, and when its last task ends it
 * sends its on_complete callback, and its on_success callback if none failed, each exactly once
 * (through crashes and redeliveries). Open one with {@link Celeriac#batch()}; a task of the batch
 * reaches it with {@link TaskContext#batch()} and may add tasks to it.
 *
 * <pre>{@code
 * Batch batch = celeriac.batch().description("import 42")
 *         .onSuccess(NOTIFY.with(42)).onComplete(REPORT.with(42))
 *         .add(IMPORT.with(row1)).add(IMPORT.with(row2))
 *         .submit();
 * BatchStatus status = batch.status();   // total, pending, succeeded, failed
 * }</pre>
 *
 * <p>A task that retries counts when it ends for good; one that fails, is revoked or cannot run
 * counts as failed. A callback task finds its batch's id with {@link TaskContext#callbackOf()}.
 */
public interface Batch {

    String id();

    /** Where the batch stands now; empty once it has expired (a day after it completed, by default). */
    java.util.Optional<BatchStatus> status();

    /**
     * Adds a task and sends it; returns its id. From inside a task of this batch, the task added
     * names the running one as its parent.
     *
     * @throws IllegalStateException when the batch has completed (its callbacks were sent) or expired
     */
    default String add(Signature<?> task) {
        return addAll(List.of(task)).get(0);
    }

    /** Adds tasks and sends them in one step (all or none); returns their ids in order. */
    List<String> addAll(List<? extends Signature<?>> tasks);
}
