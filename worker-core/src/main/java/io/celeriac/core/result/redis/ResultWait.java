package io.celeriac.core.result.redis;

import io.celeriac.core.client.ResultTimeoutException;
import io.celeriac.core.message.ResultMeta;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Waiting for a task's ready state, for both result backends: the caller subscribes first (so
 * {@code pushed} completes when a ready state is published), then this reads the stored result,
 * and reads it again each second while waiting, since pub/sub is fire and forget: a message
 * published while the subscription was being made again (a reconnect, a failover) is gone.
 */
final class ResultWait {
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private ResultWait() {
    }

    static ResultMeta await(String taskId, Duration timeout, Supplier<Optional<ResultMeta>> stored, CompletableFuture<ResultMeta> pushed) {
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Optional<ResultMeta> now = stored.get();
                if (now.isPresent() && now.get().status().isReady()) {
                    return now.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ResultTimeoutException(taskId, timeout);
                }
                try {
                    return pushed.get(Math.min(left, RECHECK.toNanos()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // read the stored result again
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResultTimeoutException(taskId, timeout);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
