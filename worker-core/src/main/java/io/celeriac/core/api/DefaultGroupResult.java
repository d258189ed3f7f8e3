package io.celeriac.core.api;

import io.celeriac.GroupResult;
import io.celeriac.ResultTimeoutException;
import io.celeriac.TaskResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A group's results: each member's own, and a future over all of them. */
record DefaultGroupResult<R>(String id, List<TaskResult<R>> results) implements GroupResult<R> {

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
        long deadline = System.nanoTime() + timeout.toNanos();
        List<R> values = new ArrayList<>(results.size());
        for (TaskResult<R> result : results) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ResultTimeoutException(result.id(), timeout);
            }
            values.add(result.get(Duration.ofNanos(left)));
        }
        return values;
    }
}
