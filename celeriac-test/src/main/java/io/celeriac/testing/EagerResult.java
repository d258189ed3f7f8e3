package io.celeriac.testing;

import com.fasterxml.jackson.databind.JavaType;
import io.celeriac.ResultTimeoutException;
import io.celeriac.TaskResult;
import io.celeriac.TaskState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A task's result in an {@link EagerCeleriac}. Nothing runs while a test waits, so {@link #get}
 * never blocks: a task that has not ended (it waits for the clock, or nothing here runs it) is a
 * {@link ResultTimeoutException} at once.
 */
final class EagerResult<R> implements TaskResult<R> {
    private final ResultSlot slot;
    private final JavaType type;
    private final EagerRuntime runtime;

    EagerResult(ResultSlot slot, JavaType type, EagerRuntime runtime) {
        this.slot = slot;
        this.type = type;
        this.runtime = runtime;
    }

    @Override
    public String id() {
        return slot.id;
    }

    @Override
    public TaskState state() {
        return slot.state();
    }

    @Override
    public String stateName() {
        return slot.stateName();
    }

    @Override
    public <M> java.util.Optional<M> info(Class<M> infoType) {
        com.fasterxml.jackson.databind.JsonNode info = slot.info();
        return info == null || info.isNull() ? java.util.Optional.empty() : java.util.Optional.of(runtime.json().convertValue(info, infoType));
    }

    @Override
    public CompletableFuture<R> future() {
        return slot.ready().thenApply(this::value);
    }

    @Override
    public R get(Duration timeout) {
        if (!slot.state().isReady()) {
            throw new ResultTimeoutException(slot.id, timeout);
        }
        return value(slot);
    }

    private R value(ResultSlot ended) {
        if (ended.state() != TaskState.SUCCESS) {
            throw ended.failure();
        }
        return ended.value() == null || ended.value().isNull() ? null : runtime.json().convertValue(ended.value(), type);
    }

    @Override
    public void revoke(boolean terminate) {
        runtime.revoke(slot.id);
    }

    @Override
    public String toString() {
        return "EagerResult[" + slot.id + " " + slot.state() + "]";
    }
}
