package io.celeriac;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The results of a group's members, in the order they were given (Celery's {@code GroupResult}). */
public interface GroupResult<R> {

    /** The group's id (Celery's {@code group_id}, carried by every member). */
    String id();

    List<TaskResult<R>> results();

    /** Completes when every member has; exceptionally as soon as one fails. */
    CompletableFuture<List<R>> future();

    /** Waits up to {@code timeout} for all of them. */
    List<R> get(Duration timeout);
}
