package io.celeriac.testing;

import io.celeriac.GroupResult;
import io.celeriac.TaskResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A group's results in an {@link EagerCeleriac}. */
record EagerGroupResult<R>(String id, List<TaskResult<R>> results) implements GroupResult<R> {

    @Override
    public CompletableFuture<List<R>> future() {
        List<CompletableFuture<R>> all = results.stream().map(TaskResult::future).toList();
        CompletableFuture<List<R>> done = new CompletableFuture<>();
        all.forEach(f -> f.whenComplete((value, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            }
        }));
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenRun(() -> done.complete(all.stream().map(CompletableFuture::join).toList()));
        return done;
    }

    @Override
    public List<R> get(Duration timeout) {
        return results.stream().map(result -> result.get(timeout)).toList();
    }
}
