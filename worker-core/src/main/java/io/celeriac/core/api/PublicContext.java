package io.celeriac.core.api;

import io.celeriac.TaskContext;
import java.time.Duration;

/** The public {@link TaskContext} over the engine's. */
record PublicContext(io.celeriac.core.task.TaskContext context) implements TaskContext {

    @Override
    public String taskId() {
        return context.taskId();
    }

    @Override
    public String taskName() {
        return context.taskName();
    }

    @Override
    public int retries() {
        return context.retries();
    }

    @Override
    public String queue() {
        return context.queue();
    }

    @Override
    public String hostname() {
        return context.hostname();
    }

    @Override
    public java.time.Clock clock() {
        return context.clock();
    }

    @Override
    public RuntimeException retry(Duration countdown, Throwable cause) {
        return context.retry(countdown, cause);
    }

    @Override
    public void updateState(String state, Object meta) {
        context.updateState(state, meta);
    }

    @Override
    public boolean softTimeLimitExceeded() {
        return context.softTimeLimitExceeded();
    }

    @Override
    public java.util.Optional<io.celeriac.Batch> batch() {
        io.celeriac.core.flow.batch.TaskBatch batch = context.batch();
        return batch == null ? java.util.Optional.empty() : java.util.Optional.of(DefaultBatch.of(batch));
    }

    @Override
    public java.util.Optional<String> callbackOf() {
        return java.util.Optional.ofNullable(context.batchCallbackOf());
    }
}
