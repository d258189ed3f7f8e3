package io.celeriac.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.TaskFailedException;
import io.celeriac.TaskState;
import io.celeriac.core.message.ExceptionInfo;
import io.celeriac.core.message.ResultMeta;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** One task's result in an {@link EagerCeleriac}: what a result backend would hold for its id. */
final class ResultSlot {
    final String id;
    private volatile TaskState state = TaskState.PENDING;
    private volatile JsonNode value;
    private volatile ExceptionInfo error;
    private volatile String traceback;
    private volatile Instant doneAt;
    private final CompletableFuture<ResultSlot> ready = new CompletableFuture<>();

    ResultSlot(String id) {
        this.id = id;
    }

    TaskState state() {
        return state;
    }

    CompletableFuture<ResultSlot> ready() {
        return ready;
    }

    JsonNode value() {
        return value;
    }

    void succeeded(JsonNode result, Instant now) {
        if (!state.isReady()) {
            value = result;
            end(TaskState.SUCCESS, now);
        }
    }

    /** FAILURE or REVOKED with the exception Celery would store. */
    void ended(TaskState endState, ExceptionInfo exception, String trace, Instant now) {
        if (!state.isReady()) {
            error = exception;
            traceback = trace;
            end(endState, now);
        }
    }

    void retrying(ExceptionInfo exception, String trace) {
        error = exception;
        traceback = trace;
        state = TaskState.RETRY;
    }

    private void end(TaskState endState, Instant now) {
        state = endState;
        doneAt = now;
        ready.complete(this);
    }

    TaskFailedException failure() {
        return new TaskFailedException(id, state, error == null ? null : error.type(), error == null ? null : error.module(),
                error == null ? null : error.message(), traceback);
    }

    /** As the engine's result backend reads it (for tasks that send tasks through their context). */
    Optional<ResultMeta> meta() {
        if (state == TaskState.PENDING) {
            return Optional.empty();
        }
        JsonNode result = state == TaskState.SUCCESS ? value : error == null ? null : error.toJson();
        return Optional.of(new ResultMeta(id, io.celeriac.core.message.TaskState.valueOf(state.name()), result, traceback,
                doneAt, null, null, null));
    }
}
