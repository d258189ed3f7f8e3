package io.celeriac.core.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.broker.redis.KombuEnvelope;
import io.celeriac.core.broker.redis.RedisFanout;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.events.LamportClock;
import io.celeriac.core.internal.Ids;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The client side of remote control, as {@code celery inspect}/{@code control} and kombu's Mailbox
 * do it, so it reaches Python and Celeriac workers alike:
 * <ol>
 *   <li>bind a private reply queue {@code <oid>.reply.celery.pidbox} to the reply exchange;</li>
 *   <li>publish the request on the pidbox fanout channel, with a ticket and an {@code expires}
 *       header (a worker that hears it late ignores it);</li>
 *   <li>collect the replies carrying that ticket until the timeout, or until {@code limit} came;</li>
 *   <li>unbind and delete the reply queue.</li>
 * </ol>
 */
public final class Broadcast {
    private final RedisFanout fanout;
    private final Clock clock;
    private final RandomGenerator random;
    private final LamportClock lamport = new LamportClock();

    public Broadcast(RedisFanout fanout, Clock clock, RandomGenerator random) {
        this.fanout = fanout;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Sends {@code method} and returns the replies by node name (in arrival order).
     *
     * @param destination node names, or null for every worker
     * @param limit       stop once this many replied (0: wait out the timeout)
     */
    public Map<String, JsonNode> call(String method, ObjectNode arguments, List<String> destination, Duration timeout,
                                      int limit) throws InterruptedException {
        String oid = Ids.uuid(random);
        String ticket = Ids.uuid(random);
        String queue = RedisKeys.replyQueue(oid);
        Map<String, JsonNode> replies = new LinkedHashMap<>();
        fanout.bind(RedisKeys.REPLY_EXCHANGE, RedisKeys.replyBindingMember(oid));
        try {
            publish(new ControlRequest(method, arguments, destination, null, null, ticket, oid), timeout);
            long deadline = clock.millis() + timeout.toMillis();
            while (limit <= 0 || replies.size() < limit) {
                long left = deadline - clock.millis();
                if (left <= 0) {
                    break;
                }
                String message = fanout.pop(queue, Duration.ofMillis(left));
                if (message != null) {
                    collect(message, ticket, replies);
                }
            }
        } finally {
            fanout.unbind(RedisKeys.REPLY_EXCHANGE, RedisKeys.replyBindingMember(oid));
            fanout.deleteQueue(queue);
        }
        return replies;
    }

    /** Sends {@code method} without waiting for replies (Celery's {@code reply=False}). */
    public void cast(String method, ObjectNode arguments, List<String> destination) {
        publish(new ControlRequest(method, arguments, destination, null, null, null, null), Duration.ofSeconds(10));
    }

    private void publish(ControlRequest request, Duration timeout) {
        ObjectNode headers = JsonNodeFactory.instance.objectNode().put("clock", lamport.forward())
                .put("expires", (clock.millis() + timeout.toMillis()) / 1000.0);
        String envelope = new KombuEnvelope(request.toJson(), headers, RedisKeys.PIDBOX_EXCHANGE, "").write(Ids.uuid(random), true);
        fanout.publish(fanout.channel(RedisKeys.PIDBOX_EXCHANGE, ""), envelope);
    }

    private void collect(String message, String ticket, Map<String, JsonNode> replies) {
        KombuEnvelope envelope;
        try {
            envelope = KombuEnvelope.parse(message);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (!ticket.equals(envelope.headers().path("ticket").asText()) || !envelope.body().isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = envelope.body().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            replies.put(field.getKey(), field.getValue());
        }
    }
}
