package io.celeriac.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.Options;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.client.TaskSender;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.task.Retry;
import io.celeriac.core.task.TaskContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a task run by an {@link EagerCeleriac} knows about itself: the engine's task context over a
 * {@link Queued} message, so tasks are bound and run by the same code as on a worker.
 */
final class EagerContext implements TaskContext {
    static final String HOSTNAME = "eager@celeriac-test";

    private final Queued message;
    private final Duration defaultRetryDelay;
    private final EagerRuntime runtime;

    EagerContext(Queued message, Duration defaultRetryDelay, EagerRuntime runtime) {
        this.message = message;
        this.defaultRetryDelay = defaultRetryDelay;
        this.runtime = runtime;
    }

    @Override
    public String taskId() {
        return message.id();
    }

    @Override
    public String taskName() {
        return message.task();
    }

    @Override
    public int retries() {
        return message.retries();
    }

    @Override
    public String queue() {
        return message.queue();
    }

    @Override
    public String hostname() {
        return HOSTNAME;
    }

    @Override
    public ArrayNode args() {
        return message.args();
    }

    @Override
    public ObjectNode kwargs() {
        return message.kwargs();
    }

    @Override
    public <T> T arg(int index, Class<T> type) {
        if (index >= message.args().size()) {
            throw new IllegalArgumentException(message.task() + "() missing positional argument " + index);
        }
        return json().convertValue(message.args().get(index), type);
    }

    @Override
    public <T> T kwarg(String name, Class<T> type, T fallback) {
        JsonNode value = message.kwargs().get(name);
        return value == null || value.isNull() ? fallback : json().convertValue(value, type);
    }

    @Override
    public Retry retry(Duration countdown, Throwable cause) {
        return new Retry(countdown != null ? countdown : defaultRetryDelay, cause);
    }

    @Override
    public TaskSender sender() {
        return (task, args, kwargs, options) -> {
            ArrayNode argsJson = json().valueToTree(args == null ? List.of() : args);
            ObjectNode kwargsJson = json().valueToTree(kwargs == null ? Map.of() : kwargs);
            String id = runtime.send(options.taskId(), task, argsJson, kwargsJson, options(options), Queued.Then.NOTHING);
            return asyncResult(runtime.slot(id));
        };
    }

    @Override
    public void updateState(String state, Object meta) {
        runtime.slot(message.id()).recorded(io.celeriac.core.task.TaskStates.checkInterim(state), runtime.json().valueToTree(meta));
    }

    @Override
    public Clock clock() {
        return runtime.clock();
    }

    private ObjectMapper json() {
        return runtime.json();
    }

    private static Options options(SendOptions send) {
        Options options = Options.defaults().queue(send.queue()).countdown(send.countdown()).eta(send.eta())
                .expires(send.expires()).taskId(send.taskId()).ignoreResult(send.ignoreResult());
        return send.priority() == null ? options : options.priority(send.priority());
    }

    private static AsyncResult asyncResult(ResultSlot slot) {
        return new AsyncResult() {
            @Override
            public String id() {
                return slot.id;
            }

            @Override
            public Optional<ResultMeta> meta() {
                return slot.meta();
            }

            @Override
            public ResultMeta await(Duration timeout) {
                return slot.meta().filter(meta -> meta.status().isReady()).orElseThrow(
                        () -> new io.celeriac.ResultTimeoutException(slot.id, timeout));
            }
        };
    }
}
