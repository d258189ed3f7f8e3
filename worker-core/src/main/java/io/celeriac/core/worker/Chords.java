package io.celeriac.core.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.broker.BrokerOp;
import io.celeriac.core.internal.Ids;
import io.celeriac.core.message.MessageCodec;
import io.celeriac.core.message.NewTask;
import io.celeriac.core.message.TaskMessage;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.routing.QueueNames;
import io.celeriac.core.routing.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Chords as Celery runs them on its Redis result backend, so Python and Celeriac workers can share
 * one chord. A header member (a message with a group and an embed {@code chord}) that ends adds its
 * entry to the group's ordered set; the part that completes the set sends {@code celery.chord_unlock}
 * for the body (see complete.lua), and whoever runs that ({@link ChordUnlock} here, or a Python
 * worker) starts the body with the parts' results, or fails it with ChordError.
 */
final class Chords {
    static final String UNLOCK_TASK = "celery.chord_unlock";

    private final Router router;
    private final MessageCodec codec;
    private final RandomGenerator random;
    private final String origin;

    Chords(Router router, MessageCodec codec, RandomGenerator random, String origin) {
        this.router = router;
        this.codec = codec;
        this.random = random;
        this.origin = origin;
    }

    /** Whether {@code message} is a member of a chord's header. */
    static boolean isPart(TaskMessage message) {
        JsonNode embed = message.embed();
        return message.group() != null && embed != null && embed.hasNonNull("chord") && embed.get("chord").isObject();
    }

    /** The write that records this part's end, or null when the message is not a chord part. */
    BrokerOp.ChordPart part(TaskMessage message, TaskState state, JsonNode result, Instant now, Duration ttl) {
        if (!isPart(message)) {
            return null;
        }
        JsonNode callback = message.embed().get("chord");
        ArrayNode entry = JsonNodeFactory.instance.arrayNode().add(1).add(message.id()).add(state.name());
        entry.add(result == null ? JsonNodeFactory.instance.nullNode() : result);
        JsonNode options = callback.path("options");
        String queue = router.route(callback.path("task").asText(""), options.path("queue").isTextual() ? options.get("queue").asText() : null);
        try {
            QueueNames.validate(queue);
        } catch (IllegalArgumentException e) {
            queue = router.route(UNLOCK_TASK);
        }
        int priority = Math.max(0, Math.min(9, options.path("priority").asInt(0)));
        String unlockId = Ids.uuid(random);
        TaskMessage unlock = NewTask.create(unlockId, UNLOCK_TASK, JsonNodeFactory.instance.arrayNode(),
                JsonNodeFactory.instance.objectNode(), queue, priority, null, null, true, origin, Ids.uuid(random),
                message.id(), message.rootId() != null ? message.rootId() : message.id(), now);
        ObjectNode headers = unlock.headers().deepCopy();
        headers.put("argsrepr", "('" + message.group() + "', " + callback.path("task").asText("?") + ")");
        ObjectNode properties = unlock.properties().deepCopy();
        // the script writes the body as plain JSON text, which kombu reads without a body_encoding
        properties.remove("body_encoding");
        double index = message.headers().path("group_index").isNumber()
                ? message.headers().get("group_index").asDouble() : Double.POSITIVE_INFINITY;
        return new BrokerOp.ChordPart(message.group(), index, codec.jsonBytes(entry), ttl.toSeconds(), queue, priority,
                codec.jsonBytes(headers), codec.jsonBytes(properties), codec.jsonBytes(callback));
    }
}
