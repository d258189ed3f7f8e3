package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.Broker;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.flow.QueueWeights;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.TestApp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Queue weights against real Redis, driven one fetch at a time: with ai:3 and email:1 and both
 * queues full, three fetches in four take from ai (the worker's random generator is seeded); with
 * --strict, email is served only once ai is empty.
 */
class QueueWeightsIT {
    Application app;

    @BeforeEach
    void setUp() {
        app = TestApp.create();
    }

    @AfterEach
    void tearDown() {
        TestApp.removeKeys(app);
        app.close();
    }

    void fill(String queue, int count) {
        List<Broker.Outgoing> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(new Broker.Outgoing(queue, 0, (queue + i).getBytes(StandardCharsets.UTF_8), null));
        }
        app.redisBroker().publishAll(batch, app.clock().instant());
    }

    /** Each fetched delivery's queue, one message per fetch (the worker never runs them). */
    Map<String, Integer> fetchOneAtATime(Worker worker, int fetches) {
        Map<String, Integer> taken = new HashMap<>();
        Fetcher fetcher = worker.fetcher();
        for (int i = 0; i < fetches; i++) {
            for (Delivery d : app.redisBroker().fetch(fetcher.order(), 1, 1 << 20)) {
                taken.merge(d.queue(), 1, Integer::sum);
            }
        }
        return taken;
    }

    Worker worker(String name, List<String> entries, boolean strict) {
        QueueWeights.Parsed parsed = QueueWeights.parse(entries, strict);
        return TestApp.worker(app, new TaskRegistry(),
                TestApp.settings(name, parsed.queues(), 1).withQueueWeights(parsed.weights()));
    }

    @Test
    void weights_3_to_1_take_from_each_queue_in_proportion() {
        fill("ai", 1000);
        fill("email", 1000);
        Map<String, Integer> taken = fetchOneAtATime(worker("weights@test", List.of("ai:3", "email:1"), false), 800);
        double aiShare = taken.get("ai") / 800.0;
        assertTrue(Math.abs(aiShare - 0.75) < 0.05, "ai's share " + aiShare + " of " + taken);
    }

    @Test
    void strict_order_serves_the_lighter_queue_only_once_the_heavier_is_empty() {
        fill("ai", 30);
        fill("email", 30);
        Worker worker = worker("strict@test", List.of("email:1", "ai:2"), true);
        assertEquals(Map.of("ai", 30), fetchOneAtATime(worker, 30));
        assertEquals(Map.of("email", 30), fetchOneAtATime(worker, 30));
    }

    @Test
    void without_weights_the_queues_take_turns() {
        fill("ai", 50);
        fill("email", 50);
        assertEquals(Map.of("ai", 20, "email", 20),
                fetchOneAtATime(TestApp.worker(app, new TaskRegistry(), TestApp.settings("rr@test", List.of("ai", "email"), 1)), 40));
    }
}
