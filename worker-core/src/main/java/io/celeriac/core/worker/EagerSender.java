package io.celeriac.core.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.client.TaskSender;
import io.celeriac.core.internal.Ids;
import io.celeriac.core.message.ExceptionInfo;
import io.celeriac.core.message.NewTask;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskMessage;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.retry.RetryDecision;
import io.celeriac.core.task.Reject;
import io.celeriac.core.task.Retry;
import io.celeriac.core.task.TaskDefinition;
import io.celeriac.core.task.TaskRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Eager mode (Celery's {@code task_always_eager}), for tests of code that sends tasks: sending runs
 * the task inline, on the caller's thread, and returns its finished result. Retries run at once
 * (countdowns are not waited for) up to the task's maximum; tasks sent from a task run inline too.
 * Nothing touches Redis.
 */
public final class EagerSender implements TaskSender {
    private final TaskRegistry registry;
    private final ObjectMapper json;
    private final Clock clock;
    private final RandomGenerator random;

    public EagerSender(TaskRegistry registry, ObjectMapper json, Clock clock, RandomGenerator random) {
        this.registry = registry;
        this.json = json;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public AsyncResult send(String task, List<?> args, Map<String, ?> kwargs, SendOptions options) {
        String id = options.taskId() != null ? options.taskId() : Ids.uuid(random);
        String queue = options.queue() == null ? "eager" : options.queue();
        ArrayNode argsNode = json.valueToTree(args == null ? List.of() : args);
        ObjectNode kwargsNode = json.valueToTree(kwargs == null ? Map.of() : kwargs);
        TaskMessage message = NewTask.create(id, task, argsNode, kwargsNode, queue, 0, null, null, false,
                "eager", Ids.uuid(random), options.parentId(), options.rootId());
        ResultMeta meta = run(message, queue);
        return new Finished(id, meta);
    }

    private ResultMeta run(TaskMessage first, String queue) {
        Optional<TaskDefinition> found = registry.find(first.task());
        if (found.isEmpty()) {
            return done(first.id(), TaskState.FAILURE, ExceptionInfo.celery("NotRegistered", first.task()).toJson());
        }
        TaskDefinition task = found.get();
        TaskMessage message = first;
        while (true) {
            MessageContext context = new MessageContext(message, queue, "eager", task.options().defaultRetryDelay(), json, this, clock, () -> false,
                    (state, meta) -> { }); // run eagerly, the caller gets the end state only: there is no one to read an interim one
            try {
                JsonNode value = json.valueToTree(task.handler().run(context));
                return done(message.id(), TaskState.SUCCESS, value);
            } catch (Exception error) {
                Throwable cause = error instanceof Retry retry && retry.getCause() != null ? retry.getCause() : error;
                RetryDecision decision = error instanceof Reject ? new RetryDecision.GiveUp("rejected")
                        : task.options().retryPolicy().decide(cause, message.retries(), Duration.ZERO, random);
                if (decision instanceof RetryDecision.GiveUp) {
                    return done(message.id(), TaskState.FAILURE, ExceptionInfo.of(cause).toJson());
                }
                message = NewTask.retryOf(message, clock.instant(), Ids.uuid(random), queue);
            }
        }
    }

    private ResultMeta done(String id, TaskState state, JsonNode value) {
        return new ResultMeta(id, state, value, null, clock.instant(), null, null, null);
    }

    private record Finished(String id, ResultMeta result) implements AsyncResult {
        @Override
        public Optional<ResultMeta> meta() {
            return Optional.of(result);
        }

        @Override
        public ResultMeta await(Duration timeout) {
            return result;
        }
    }
}
