package io.celeriac.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.broker.Broker;
import io.celeriac.core.flow.Unique;
import io.celeriac.core.flow.UniqueKeys;
import io.celeriac.core.flow.UniqueMetrics;
import io.celeriac.core.flow.UniqueMode;
import io.celeriac.core.internal.Ids;
import io.celeriac.core.internal.NodeName;
import io.celeriac.core.message.MessageCodec;
import io.celeriac.core.message.NewTask;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskMessage;
import io.celeriac.core.result.ResultBackend;
import io.celeriac.core.routing.QueueNames;
import io.celeriac.core.routing.Router;
import io.celeriac.core.trace.Tracers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The client side of Celeriac: sends tasks as Celery messages (routed by the application's routes)
 * and reads their results. Thread-safe; one per process.
 */
public final class TaskClient implements TaskSender {
    private final Broker broker;
    private final ResultBackend results;
    private final Router router;
    private final MessageCodec codec;
    private final Clock clock;
    private final RandomGenerator random;
    private final String origin = NodeName.origin();
    private final TaskSentListener sentListener;

    public TaskClient(Broker broker, ResultBackend results, Router router, MessageCodec codec,
                    Clock clock, RandomGenerator random) {
        this(broker, results, router, codec, clock, random, TaskSentListener.NONE);
    }

    private TaskClient(Broker broker, ResultBackend results, Router router, MessageCodec codec,
                       Clock clock, RandomGenerator random, TaskSentListener sentListener) {
        this.broker = broker;
        this.results = results;
        this.router = router;
        this.codec = codec;
        this.clock = clock;
        this.random = random;
        this.sentListener = sentListener;
    }

    /** The same client, telling {@code listener} of every message once it is published (Celery's task-sent). */
    public TaskClient withSentListener(TaskSentListener listener) {
        return new TaskClient(broker, results, router, codec, clock, random, listener);
    }

    /** Who this client names as the sender ({@code origin}, and the hostname of its events): {@code gen<pid>@<host>}. */
    public String origin() {
        return origin;
    }

    public Router router() {
        return router;
    }

    public ResultBackend results() {
        return results;
    }

    @Override
    public AsyncResult send(String task, List<?> args, Map<String, ?> kwargs, SendOptions options) {
        return send(task, args, kwargs, options, Workflow.NONE);
    }

    /**
     * Where a message sits in a workflow: its embed (the rest of a chain, callbacks, errbacks) and
     * its group with its position there; {@link #NONE} for a lone task.
     */
    public record Workflow(JsonNode embed, String group, Integer groupIndex) {
        public static final Workflow NONE = new Workflow(null, null, null);
    }

    /** Sends one message that is part of a workflow. */
    public AsyncResult send(String task, List<?> args, Map<String, ?> kwargs, SendOptions options, Workflow workflow) {
        Instant now = clock.instant();
        Prepared p = prepare(task, args, kwargs, options, now, workflow);
        if (p.uniqueKey() != null && options.unique().mode() != UniqueMode.WHILE_EXECUTING) {
            return sendUnique(p, options.unique(), now);
        }
        if (p.due() != null) {
            broker.publishDelayed(p.queue(), p.message().priority(), p.envelope(), p.due());
        } else {
            broker.publish(p.queue(), p.message().priority(), p.envelope());
        }
        if (sentListener != TaskSentListener.NONE) {
            sentListener.sent(List.of(new TaskSentListener.Sent(p.message(), p.queue())));
        }
        return result(p.message().id());
    }

    /**
     * Enqueues unless the lock holds (unique-lock.lua, one atomic step); a duplicate returns the
     * holder's id, flagged, and counts in {@code celeriac.unique.deduplicated}.
     */
    private AsyncResult sendUnique(Prepared p, Unique unique, Instant now) {
        Broker.UniqueSend sent = broker.publishUnique(p.uniqueKey(), p.message().id(), unique.ttl(),
                unique.mode() == UniqueMode.DEBOUNCE, new Broker.Outgoing(p.queue(), p.message().priority(), p.envelope(), p.due()), now);
        if (!sent.enqueued()) {
            UniqueMetrics.deduplicated(p.message().task(), "send");
            return new RedisAsyncResult(sent.taskId(), true);
        }
        if (sentListener != TaskSentListener.NONE) {
            sentListener.sent(List.of(new TaskSentListener.Sent(p.message(), p.queue())));
        }
        return result(p.message().id());
    }

    /** One task of a bulk send. */
    public record Request(String task, List<?> args, Map<String, ?> kwargs, SendOptions options) {
    }

    /** Sends many tasks in one pipelined round trip; returns their ids in order. */
    public List<String> sendAll(List<Request> requests) {
        if (requests.stream().anyMatch(r -> r.options().unique() != null)) {
            // each unique send is its own atomic step: one round trip each
            return requests.stream().map(r -> send(r.task(), r.args(), r.kwargs(), r.options()).id()).toList();
        }
        Instant now = clock.instant();
        List<Broker.Outgoing> out = new ArrayList<>(requests.size());
        List<String> ids = new ArrayList<>(requests.size());
        List<TaskSentListener.Sent> sent = sentListener == TaskSentListener.NONE ? null : new ArrayList<>(requests.size());
        for (Request r : requests) {
            Prepared p = prepare(r.task(), r.args(), r.kwargs(), r.options(), now, Workflow.NONE);
            out.add(new Broker.Outgoing(p.queue(), p.message().priority(), p.envelope(), p.due()));
            ids.add(p.message().id());
            if (sent != null) {
                sent.add(new TaskSentListener.Sent(p.message(), p.queue()));
            }
        }
        broker.publishAll(out, now);
        if (sent != null) {
            sentListener.sent(sent);
        }
        return ids;
    }

    public AsyncResult result(String taskId) {
        return new RedisAsyncResult(taskId, false);
    }

    /**
     * A message built and not sent yet; {@code due} is null when it may run at once, {@code
     * uniqueKey} null when it was sent without uniqueness.
     */
    public record Prepared(TaskMessage message, String queue, byte[] envelope, Instant due, String uniqueKey) {
    }

    /**
     * Builds the messages of {@code requests}, each with {@code headers} added, without sending
     * them: a batch registers and enqueues them in one step of its own ({@link #announce} then).
     */
    public List<Prepared> prepare(List<Request> requests, Map<String, String> headers) {
        Instant now = clock.instant();
        List<Prepared> out = new ArrayList<>(requests.size());
        for (Request r : requests) {
            out.add(prepare(r.task(), r.args(), r.kwargs(), r.options(), now, Workflow.NONE, headers));
        }
        return out;
    }

    /** Tells the sent listener of messages that went out by another path than {@link #send}. */
    public void announce(List<Prepared> sent) {
        if (sentListener != TaskSentListener.NONE && !sent.isEmpty()) {
            sentListener.sent(sent.stream().map(p -> new TaskSentListener.Sent(p.message(), p.queue())).toList());
        }
    }

    /** What batches need of this client: its broker and its way of building messages. */
    public io.celeriac.core.flow.batch.Batches batches() {
        return new io.celeriac.core.flow.batch.Batches(this, broker, clock, random);
    }

    private Prepared prepare(String task, List<?> args, Map<String, ?> kwargs, SendOptions options, Instant now, Workflow workflow) {
        return prepare(task, args, kwargs, options, now, workflow, Map.of());
    }

    private Prepared prepare(String task, List<?> args, Map<String, ?> kwargs, SendOptions options, Instant now, Workflow workflow,
                             Map<String, String> headers) {
        ObjectMapper json = codec.json();
        ArrayNode argsNode = json.valueToTree(args == null ? List.of() : args);
        ObjectNode kwargsNode = json.valueToTree(kwargs == null ? Map.of() : kwargs);
        String queue = QueueNames.validate(router.route(task, options.queue()));
        Instant eta = options.eta() != null ? options.eta()
                : options.countdown() != null && !options.countdown().isZero() ? now.plus(options.countdown()) : null;
        Unique unique = options.unique();
        if (unique != null && unique.mode() == UniqueMode.DEBOUNCE && (eta == null || eta.isBefore(now.plus(unique.window())))) {
            // debounce runs a window after the last send: it waits in the delayed set to be replaced
            eta = now.plus(unique.window());
        }
        String id = options.taskId() != null ? options.taskId() : Ids.uuid(random);
        TaskMessage message = NewTask.create(id, task, argsNode, kwargsNode, queue,
                options.priority() == null ? 0 : options.priority(), eta, options.expires(), options.ignoreResult(),
                origin, Ids.uuid(random), options.parentId(), options.rootId(), now);
        if (workflow.embed() != null) {
            message = message.withEmbed(workflow.embed());
        }
        if (workflow.group() != null) {
            message.headers().put("group", workflow.group());
            message.headers().put("group_index", workflow.groupIndex());
        }
        headers.forEach(message.headers()::put);
        String uniqueKey = null;
        if (unique != null) {
            uniqueKey = UniqueKeys.keyOf(unique, task, id, argsNode, kwargsNode);
            message.headers().set(UniqueKeys.HEADER, UniqueKeys.header(uniqueKey, unique.mode(), unique.ttl()));
        }
        if (Tracers.active()) {
            Tracers.sending(task, id, queue, message.headers());
        }
        Instant due = eta != null && eta.isAfter(now) ? eta : null;
        return new Prepared(message, queue, codec.encodeBytes(message), due, uniqueKey);
    }

    private final class RedisAsyncResult implements AsyncResult {
        private final String id;
        private final boolean duplicate;

        RedisAsyncResult(String id, boolean duplicate) {
            this.id = id;
            this.duplicate = duplicate;
        }

        @Override
        public boolean duplicate() {
            return duplicate;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Optional<ResultMeta> meta() {
            return results.get(id);
        }

        @Override
        public ResultMeta await(Duration timeout) {
            return results.await(id, timeout);
        }
    }
}
