package io.celeriac.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.control.Broadcast;
import io.celeriac.core.control.RemoteControl;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Remote control of one worker, as {@code celeriac control} sends it (Celery's pidbox, so Python
 * workers answer too): grow or shrink its pool by one, start or stop consuming a queue, or shut it
 * down (warm: it finishes what runs).
 */
final class WorkerCommands {
    /** How long to wait for the worker's reply: a live worker answers in milliseconds. */
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(3);

    private final Fleet fleet;

    WorkerCommands(Fleet fleet) {
        this.fleet = fleet;
    }

    /** {@code pool_grow} or {@code pool_shrink} by one; the worker's reply, or why there was none. */
    String resize(String worker, boolean grow) throws InterruptedException {
        ObjectNode arguments = JsonNodeFactory.instance.objectNode().put("n", 1);
        return reply(worker, broadcast().call(grow ? "pool_grow" : "pool_shrink", arguments, List.of(worker), REPLY_TIMEOUT, 1));
    }

    private static String reply(String worker, Map<String, JsonNode> replies) {
        JsonNode reply = replies.get(worker);
        if (reply == null) {
            return "no reply from " + worker + " within " + REPLY_TIMEOUT.toSeconds() + " s";
        }
        return reply.has("ok") ? reply.path("ok").asText() : "error: " + reply.path("error").asText(reply.toString());
    }

    /** {@code add_consumer} or {@code cancel_consumer} of {@code queue}; the worker's reply, or why there was none. */
    String consumer(String worker, String queue, boolean add) throws InterruptedException {
        ObjectNode arguments = JsonNodeFactory.instance.objectNode().put("queue", queue);
        return reply(worker, broadcast().call(add ? "add_consumer" : "cancel_consumer", arguments, List.of(worker), REPLY_TIMEOUT, 1));
    }

    void shutdown(String worker) {
        broadcast().cast("shutdown", JsonNodeFactory.instance.objectNode(), List.of(worker));
    }

    private Broadcast broadcast() {
        return new Broadcast(RemoteControl.fanout(fleet.app()), fleet.clock(), fleet.app().random());
    }
}
