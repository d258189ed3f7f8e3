package io.celeriac.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.KombuEnvelope;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A busy cycle's task events go out in task.multi messages of a bounded size, in order, beside the worker's own. */
class EventPublisherIT {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    Application app;
    AutoCloseable subscription;
    final List<KombuEnvelope> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        app = TestApp.create();
        subscription = app.fanout().psubscribe(app.fanout().everyRoutingKey(RedisKeys.EVENT_EXCHANGE),
                (channel, message) -> heard.add(KombuEnvelope.parse(message)));
    }

    @AfterEach
    void tearDown() throws Exception {
        subscription.close();
        TestApp.removeKeys(app);
        app.close();
    }

    @Test
    void a_busy_cycle_is_split_into_task_multi_messages_of_at_most_the_limit() {
        EventPublisher publisher = new EventPublisher(app.fanout(), "pub@test", app.clock(), new LamportClock(), app.random());
        publisher.taskEvents(true);
        // subscribed once a heartbeat comes back
        Eventually.await("the subscription", TIMEOUT, () -> {
            publisher.send("worker-heartbeat", JsonNodeFactory.instance.objectNode());
            publisher.runOnce();
            return !heard.isEmpty();
        });
        long before = publisher.sent();

        int count = EventPublisher.MULTI_LIMIT * 2 + 50;
        for (int i = 0; i < count; i++) {
            publisher.send("task-started", JsonNodeFactory.instance.objectNode().put("uuid", "t" + i));
        }
        publisher.send("worker-heartbeat", JsonNodeFactory.instance.objectNode());
        publisher.runOnce();

        Eventually.await("every task event", TIMEOUT, () -> heard.stream().filter(e -> e.routingKey().equals("task.multi"))
                .mapToInt(e -> e.body().size()).sum() == count);
        List<Integer> sizes = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (KombuEnvelope envelope : heard) {
            if (envelope.routingKey().equals("task.multi")) {
                sizes.add(envelope.body().size());
                for (JsonNode event : envelope.body()) {
                    ids.add(event.path("uuid").asText());
                }
            } else {
                assertEquals("worker.heartbeat", envelope.routingKey());
            }
        }
        assertEquals(List.of(EventPublisher.MULTI_LIMIT, EventPublisher.MULTI_LIMIT, 50), sizes);
        for (int i = 0; i < count; i++) {
            assertEquals("t" + i, ids.get(i));
        }
        assertEquals(count + 1, publisher.sent() - before, "this cycle's events, the heartbeat included");
    }
}
