package io.celeriac.core.api;

import io.celeriac.GroupResult;
import io.celeriac.TaskResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A group's results: each member's own, and a future over all of them. Also the test kit's, over
 * its eager results: the group logic is the same wherever the members run.
 */
public record DefaultGroupResult<R>(String id, List<TaskResult<R>> results) implements GroupResult<R> {

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
            // a member already done answers even when the time is up; one still waiting throws its timeout
            values.add(result.get(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
        }
        return values;
    }
}
