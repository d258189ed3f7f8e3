package io.celeriac.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.broker.redis.KombuEnvelope;
import io.celeriac.core.broker.redis.RedisFanout;
import io.celeriac.core.broker.redis.RedisKeys;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to the fleet's events, Python and Java workers alike, as {@code celery events} does: every
 * routing key of the {@code celeryev} exchange; a {@code task.multi} batch is handed over one event
 * at a time. A message that is not an event is skipped (logged once).
 */
public final class EventReceiver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventReceiver.class);

    private final AutoCloseable subscription;
    private final AtomicBoolean warned = new AtomicBoolean();

    private EventReceiver(RedisFanout fanout, Consumer<ObjectNode> listener) {
        this.subscription = fanout.psubscribe(fanout.everyRoutingKey(RedisKeys.EVENT_EXCHANGE),
                (channel, message) -> received(message, listener));
    }

    /** Starts listening; {@code listener} runs on the Redis client's thread and should be quick. */
    public static EventReceiver listen(RedisFanout fanout, Consumer<ObjectNode> listener) {
        return new EventReceiver(fanout, listener);
    }

    private void received(String message, Consumer<ObjectNode> listener) {
        try {
            JsonNode body = KombuEnvelope.parse(message).body();
            if (body.isArray()) {
                body.forEach(event -> deliver(event, listener));
            } else {
                deliver(body, listener);
            }
        } catch (RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                log.atWarn().addKeyValue("error", e.toString()).log("skipped a message on the event channel that is not an event");
            }
        }
    }

    private static void deliver(JsonNode event, Consumer<ObjectNode> listener) {
        if (event instanceof ObjectNode object && object.path("type").isTextual()) {
            listener.accept(object);
        }
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            log.atDebug().addKeyValue("error", e.toString()).log("could not stop listening for events");
        }
    }
}
