package io.celeriac.core.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.client.TaskClient;
import io.celeriac.core.client.TaskSender;
import io.celeriac.core.flow.batch.Batches;
import io.celeriac.core.flow.batch.TaskBatch;
import io.celeriac.core.internal.LogSafe;
import io.celeriac.core.message.TaskMessage;
import io.celeriac.core.task.Retry;
import io.celeriac.core.task.TaskContext;
import io.celeriac.core.task.TaskStates;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** The {@link TaskContext} of a task run from a received message. */
final class MessageContext implements TaskContext {
    private final TaskMessage message;
    private final String queue;
    private final String hostname;
    private final Duration defaultRetryDelay;
    private final ObjectMapper json;
    private final TaskSender sender;
    private final Clock clock;
    private final java.util.function.BooleanSupplier softLimitPassed;
    private final BiConsumer<String, JsonNode> states;

    MessageContext(TaskMessage message, String queue, String hostname, Duration defaultRetryDelay, ObjectMapper json,
                   TaskSender sender, Clock clock, java.util.function.BooleanSupplier softLimitPassed,
                   BiConsumer<String, JsonNode> states) {
        this.message = message;
        this.queue = queue;
        this.hostname = hostname;
        this.defaultRetryDelay = defaultRetryDelay;
        this.json = json;
        this.sender = sender;
        this.clock = clock;
        this.softLimitPassed = softLimitPassed;
        this.states = states;
    }

    @Override
    public void updateState(String state, Object meta) {
        states.accept(TaskStates.checkInterim(state), json.valueToTree(meta));
    }

    @Override
    public boolean softTimeLimitExceeded() {
        return softLimitPassed.getAsBoolean();
    }

    @Override
    public TaskBatch batch() {
        String id = Batches.batchOf(message);
        TaskSender base = sender instanceof ChildTasks children ? children.base() : sender;
        if (id == null || !(base instanceof TaskClient client)) {
            return null;
        }
        Consumer<List<String>> added = sender instanceof ChildTasks children ? children::remember : ids -> { };
        return new TaskBatch(id, client.batches(), message.id(), message.rootId() != null ? message.rootId() : message.id(), added);
    }

    @Override
    public String batchCallbackOf() {
        String id = message.headers().path(Batches.CALLBACK_HEADER).asText(null);
        return id == null ? null : LogSafe.of(id, 128);
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
        return queue;
    }

    @Override
    public String hostname() {
        return hostname;
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
        JsonNode node = message.args().get(index);
        if (node == null) {
            throw new IllegalArgumentException(message.task() + " needs argument " + index + " (got " + message.args().size() + ")");
        }
        return convert(node, type, "argument " + index);
    }

    @Override
    public <T> T kwarg(String name, Class<T> type, T fallback) {
        JsonNode node = message.kwargs().get(name);
        return node == null || node.isNull() ? fallback : convert(node, type, "keyword argument " + name);
    }

    private <T> T convert(JsonNode node, Class<T> type, String what) {
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException(message.task() + ": " + what + " is not a " + type.getSimpleName() + ": " + node);
        }
    }

    @Override
    public Retry retry(Duration countdown, Throwable cause) {
        return new Retry(countdown == null ? defaultRetryDelay : countdown, cause);
    }

    @Override
    public TaskSender sender() {
        return sender;
    }

    @Override
    public Clock clock() {
        return clock;
    }
}
