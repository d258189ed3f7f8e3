package io.celeriac.core.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.broker.BrokerOp;
import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.internal.LogSafe;
import io.celeriac.core.routing.QueueNames;
import io.celeriac.core.internal.Ids;
import io.celeriac.core.message.MessageCodec;
import io.celeriac.core.message.NewTask;
import io.celeriac.core.message.TaskMessage;
import io.celeriac.core.routing.Router;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Celery's workflows as carried in a message's embed (PROTOCOL.md 1.3): after success the next
 * link of a {@code chain} (the list's last element, with the result prepended to its arguments
 * and the rest of the list as its own chain) and every {@code callbacks} signature (link, result
 * prepended); after final failure every {@code errbacks} signature (link_error, called with the
 * failed task's id, Celery's classic errback form). The messages are returned as ops, so they are
 * sent in the same atomic step as the ack. A chord header member counts its end towards the chord
 * ({@link Chords}).
 */
final class WorkflowSteps {
    private final Router router;
    private final MessageCodec codec;
    private final RandomGenerator random;
    private final String origin;
    private final Chords chords;

    WorkflowSteps(Router router, MessageCodec codec, RandomGenerator random, String origin) {
        this.router = router;
        this.codec = codec;
        this.random = random;
        this.origin = origin;
        this.chords = new Chords(router, codec, random, origin);
    }

    /** The chain's next step and the callbacks, each id told to {@code sentIds} (the result's children). */
    List<BrokerOp> afterSuccess(TaskMessage done, JsonNode result, Delivery delivery, Instant now,
                                java.util.function.Consumer<String> sentIds) {
        JsonNode embed = done.embed();
        List<BrokerOp> ops = new ArrayList<>();
        if (embed == null || !embed.isObject()) {
            return ops;
        }
        JsonNode chain = embed.path("chain");
        if (chain.isArray() && !chain.isEmpty()) {
            ArrayNode rest = ((ArrayNode) chain).deepCopy();
            JsonNode next = rest.remove(rest.size() - 1);
            ops.add(send(next, result, rest.isEmpty() ? null : rest, done, delivery, now, sentIds));
        }
        for (JsonNode callback : signatures(embed.path("callbacks"))) {
            ops.add(send(callback, result, null, done, delivery, now, sentIds));
        }
        return ops;
    }

    /**
     * The write that counts a chord header member's end (any final state: a failed part fails the
     * chord when the last one is in), or null for a message that is not one.
     */
    BrokerOp chordPart(TaskMessage message, io.celeriac.core.message.TaskState state, JsonNode result, Instant now,
                       java.time.Duration ttl) {
        return chords.part(message, state, result, now, ttl);
    }

    /** Sends {@code signature} (a chord's body, say) with {@code prepend} as its first argument unless immutable. */
    BrokerOp sendSignature(JsonNode signature, JsonNode prepend, TaskMessage parent, Delivery delivery, Instant now) {
        return send(signature, prepend, null, parent, delivery, now);
    }

    /** The errbacks a signature's own {@code link_error} option names, called with {@code failedId}. */
    List<BrokerOp> errbacksOf(JsonNode signature, String failedId, TaskMessage parent, Delivery delivery, Instant now) {
        List<BrokerOp> ops = new ArrayList<>();
        for (JsonNode errback : signatures(signature.path("options").path("link_error"))) {
            ops.add(send(errback, JsonNodeFactory.instance.textNode(failedId), null, parent, delivery, now));
        }
        return ops;
    }

    List<BrokerOp> afterFailure(TaskMessage failed, Delivery delivery, Instant now) {
        JsonNode embed = failed.embed();
        List<BrokerOp> ops = new ArrayList<>();
        if (embed != null && embed.isObject()) {
            for (JsonNode errback : signatures(embed.path("errbacks"))) {
                ops.add(send(errback, JsonNodeFactory.instance.textNode(failed.id()), null, failed, delivery, now));
            }
        }
        return ops;
    }

    private BrokerOp send(JsonNode signature, JsonNode prepend, ArrayNode chainRest, TaskMessage parent, Delivery delivery, Instant now) {
        return send(signature, prepend, chainRest, parent, delivery, now, id -> { });
    }

    private BrokerOp send(JsonNode signature, JsonNode prepend, ArrayNode chainRest, TaskMessage parent, Delivery delivery, Instant now,
                          java.util.function.Consumer<String> sentIds) {
        String task = signature.path("task").asText("");
        String type = signature.path("subtask_type").asText("");
        if (task.isEmpty() || (!type.isEmpty() && !"null".equals(type))) {
            return deadLetter("workflow step not run: only plain task signatures are supported, got "
                    + (task.isEmpty() ? "a signature without a task" : LogSafe.of(type, 40) + " " + LogSafe.of(task)), signature, parent, delivery, now);
        }
        String nameProblem = codec.limits().taskNameProblem(task);
        if (nameProblem != null) {
            return deadLetter("workflow step not run: " + nameProblem, signature, parent, delivery, now);
        }
        ArrayNode args = JsonNodeFactory.instance.arrayNode();
        if (prepend != null && !signature.path("immutable").asBoolean(false)) {
            args.add(prepend);
        }
        signature.path("args").forEach(args::add);
        ObjectNode kwargs = signature.path("kwargs") instanceof ObjectNode k ? k : JsonNodeFactory.instance.objectNode();
        JsonNode options = signature.path("options");
        String id = options.hasNonNull("task_id") ? options.get("task_id").asText() : Ids.uuid(random);
        String queue;
        try {
            queue = QueueNames.validate(router.route(task, options.path("queue").isTextual() ? options.get("queue").asText() : null));
        } catch (IllegalArgumentException e) {
            return deadLetter("workflow step not run: options.queue is not a usable queue name: " + LogSafe.of(e.getMessage()), signature, parent, delivery, now);
        }
        int priority = Math.max(0, Math.min(9, options.path("priority").asInt(0)));
        TaskMessage next = NewTask.create(id, task, args, kwargs, queue, priority, null, null, false, origin, Ids.uuid(random),
                parent.id(), parent.rootId() != null ? parent.rootId() : parent.id(), now);
        ObjectNode embed = MessageCodec.emptyEmbed();
        if (chainRest != null) {
            embed.set("chain", chainRest);
        }
        copyLinks(options, embed);
        byte[] envelope = codec.encodeBytes(next.withEmbed(embed));
        DeadLetterEntry ifRefused = new DeadLetterEntry("workflow step " + LogSafe.of(task) + " could not be sent to queue "
                + LogSafe.of(queue), delivery.queue(), parent.id(), parent.task(), now, new byte[0]);
        sentIds.accept(id);
        return new BrokerOp.Push(queue, priority, envelope, ifRefused);
    }

    /** A signature's own link / link_error options become its message's callbacks / errbacks. */
    private static void copyLinks(JsonNode options, ObjectNode embed) {
        if (options.has("link")) {
            embed.set("callbacks", asList(options.get("link")));
        }
        if (options.has("link_error")) {
            embed.set("errbacks", asList(options.get("link_error")));
        }
    }

    private static List<JsonNode> signatures(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        asList(node).forEach(out::add);
        return out;
    }

    private static ArrayNode asList(JsonNode node) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        if (node.isArray()) {
            node.forEach(list::add);
        } else if (node.isObject()) {
            list.add(node);
        }
        return list;
    }

    private BrokerOp deadLetter(String reason, JsonNode signature, TaskMessage parent, Delivery delivery, Instant now) {
        return new BrokerOp.DeadLetter(new DeadLetterEntry(reason, delivery.queue(), parent.id(), parent.task(), now,
                signature.toString()));
    }
}
