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
    private volatile String custom;
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

    /** The state's name: Celery's, or one the task recorded itself (PROGRESS, say). */
    String stateName() {
        return custom != null ? custom : state.name();
    }

    /** What is stored with the state: a SUCCESS's value, a running task's meta, a failure's exception. */
    JsonNode info() {
        return state == TaskState.FAILURE || state == TaskState.REVOKED || state == TaskState.RETRY
                ? (error == null ? null : error.toJson()) : value;
    }

    /** A running task's own state (update_state): STARTED or a name of its choosing, never over a ready one. */
    void recorded(String name, JsonNode meta) {
        if (!state.isReady()) {
            TaskState known = io.celeriac.core.message.TaskState.named(name) == null ? null : TaskState.valueOf(name);
            state = known != null ? known : TaskState.STARTED;
            custom = known != null ? null : name;
            value = meta;
        }
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
        custom = null;
        error = exception;
        traceback = trace;
        state = TaskState.RETRY;
    }

    private void end(TaskState endState, Instant now) {
        custom = null;
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
