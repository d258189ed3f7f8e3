package io.celeriac.core.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.broker.redis.KombuEnvelope;
import io.celeriac.core.broker.redis.RedisFanout;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.events.LamportClock;
import io.celeriac.core.internal.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Sends a worker's answers as kombu routes a message on the direct {@code reply.celery.pidbox}
 * exchange: to every queue bound with the request's routing key (the client's reply queue), as
 * {@code {"<node>": reply}} with the ticket in the headers.
 */
final class Replies {
    private final RedisFanout fanout;
    private final String node;
    private final LamportClock lamport;
    private final RandomGenerator random;

    Replies(RedisFanout fanout, String node, LamportClock lamport, RandomGenerator random) {
        this.fanout = fanout;
        this.node = node;
        this.lamport = lamport;
        this.random = random;
    }

    /** Sends {@code reply}; false when no queue is bound for it (the client has gone: kombu drops it too). */
    boolean send(ControlRequest request, JsonNode reply) {
        List<String> queues = boundQueues(request.replyTo());
        if (queues.isEmpty()) {
            return false;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set(node, reply);
        ObjectNode headers = JsonNodeFactory.instance.objectNode().put("ticket", request.ticket()).put("clock", lamport.forward());
        String envelope = new KombuEnvelope(body, headers, RedisKeys.REPLY_EXCHANGE, request.replyTo()).write(Ids.uuid(random), false);
        for (String queue : queues) {
            fanout.push(queue, envelope);
        }
        return true;
    }

    private List<String> boundQueues(String routingKey) {
        List<String> queues = new ArrayList<>();
        for (String member : fanout.bindings(RedisKeys.REPLY_EXCHANGE)) {
            String[] parts = member.split(RedisKeys.SEP, -1);
            if (parts.length == 3 && parts[0].equals(routingKey)) {
                queues.add(parts[2]);
            }
        }
        return queues;
    }
}
