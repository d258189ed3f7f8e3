package io.celeriac.core.api;

import com.fasterxml.jackson.databind.JavaType;
import io.celeriac.ResultTimeoutException;
import io.celeriac.TaskFailedException;
import io.celeriac.TaskResult;
import io.celeriac.TaskState;
import io.celeriac.core.app.Application;
import io.celeriac.core.message.ExceptionInfo;
import io.celeriac.core.message.ResultMeta;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A {@link TaskResult} read from the result backend and converted to the task's result type. */
final class TypedResult<R> implements TaskResult<R> {
    /** How long a revocation is kept: Celery workers remember revoked ids for 3 hours. */
    static final Duration REVOKE_KEPT = Duration.ofHours(3);

    private final String id;
    private final JavaType type;
    private final Application app;
    private CompletableFuture<R> future;

    TypedResult(String id, JavaType type, Application app) {
        this.id = id;
        this.type = type;
        this.app = app;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public TaskState state() {
        return app.results().get(id).map(meta -> TaskState.valueOf(meta.status().name())).orElse(TaskState.PENDING);
    }

    @Override
    public String stateName() {
        return app.results().get(id).map(ResultMeta::state).orElse(TaskState.PENDING.name());
    }

    @Override
    public <M> java.util.Optional<M> info(Class<M> infoType) {
        return app.results().get(id).filter(meta -> meta.result() != null && !meta.result().isNull())
                .map(meta -> app.json().convertValue(meta.result(), infoType));
    }

    @Override
    public synchronized CompletableFuture<R> future() {
        if (future == null) {
            future = app.results().whenReady(id).thenApply(this::value);
        }
        return future;
    }

    @Override
    public R get(Duration timeout) {
        try {
            return future().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ResultTimeoutException(id, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResultTimeoutException(id, timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }

    @Override
    public void revoke(boolean terminate) {
        app.broker().revoke(id, app.clock().instant().plus(REVOKE_KEPT), terminate);
    }

    R value(ResultMeta meta) {
        if (meta.status() != io.celeriac.core.message.TaskState.SUCCESS) {
            throw failure(id, meta);
        }
        return meta.result() == null || meta.result().isNull() ? null : app.json().convertValue(meta.result(), type);
    }

    static TaskFailedException failure(String id, ResultMeta meta) {
        ExceptionInfo error = meta.exception();
        return new TaskFailedException(id, TaskState.valueOf(meta.status().name()), error == null ? null : error.type(),
                error == null ? null : error.module(), error == null ? null : error.message(), meta.traceback());
    }
}
