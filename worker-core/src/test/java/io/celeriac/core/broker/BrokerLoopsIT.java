package io.celeriac.core.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisBroker;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.worker.DelayedForwarder;
import io.celeriac.core.worker.LeaseRecoverer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The broker's loops driven by hand with a manual clock against real Redis. */
class BrokerLoopsIT {
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T08:00:00Z"));
    Application app;
    RedisBroker broker;

    @BeforeEach
    void setUp() {
        app = TestApp.create(clock, null);
        broker = app.broker();
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    List<String> queue(String name) {
        return app.redis().<String>getList(app.keys().queueList(name, 0)).readAll();
    }

    @Test
    void a_delayed_message_is_forwarded_when_due_and_not_before() {
        DelayedForwarder forwarder = new DelayedForwarder(broker, clock, Duration.ofMillis(250));
        broker.publishDelayed("celery", 0, bytes("m1"), clock.instant().plusSeconds(10));
        assertEquals(Duration.ofMillis(250), forwarder.runOnce(), "sleeps at most the cap while nothing is due");
        assertTrue(queue("celery").isEmpty());
        clock.advance(Duration.ofSeconds(9).plusMillis(900));
        assertEquals(Duration.ofMillis(100), forwarder.runOnce(), "sleeps until the next due time");
        clock.advance(Duration.ofMillis(100));
        forwarder.runOnce();
        assertEquals(List.of("m1"), queue("celery"));
    }

    @Test
    void racing_forwarders_forward_each_message_exactly_once() throws Exception {
        for (int i = 0; i < 2000; i++) {
            broker.publishDelayed("celery", 0, bytes("m" + i), clock.instant().minusMillis(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Object>> racers = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            DelayedForwarder forwarder = new DelayedForwarder(broker, clock, Duration.ofMillis(250));
            racers.add(() -> {
                for (int k = 0; k < 10; k++) {
                    forwarder.runOnce();
                }
                return null;
            });
        }
        for (Future<Object> f : pool.invokeAll(racers)) {
            f.get();
        }
        pool.shutdown();
        List<String> forwarded = queue("celery");
        assertEquals(2000, forwarded.size());
        assertEquals(2000, forwarded.stream().distinct().count());
    }

    @Test
    void fetch_serves_the_most_urgent_bucket_first_and_records_in_flight() {
        broker.publish("celery", 9, bytes("p9"));
        broker.publish("celery", 0, bytes("p0-a"));
        broker.publish("celery", 3, bytes("p3"));
        broker.publish("celery", 0, bytes("p0-b"));
        List<Source> sources = new ArrayList<>();
        for (String list : app.keys().queueLists("celery")) {
            sources.add(new Source("celery", list, app.keys().inflight("w", list)));
        }
        List<Delivery> got = broker.fetch(sources, 3, 1 << 20);
        assertEquals(List.of("p0-a", "p0-b", "p3"), got.stream().map(Delivery::text).toList());
        assertEquals(2, app.redis().getList(app.keys().inflight("w", app.keys().queueList("celery", 0))).size());
        broker.complete(List.of(Completion.of(got.get(0), List.of())));
        assertEquals(List.of("p0-b"), app.redis().<String>getList(app.keys().inflight("w", app.keys().queueList("celery", 0))).readAll());
    }

    @Test
    void a_worker_silent_past_its_lease_has_its_messages_put_back_first_in_line() {
        broker.publish("celery", 0, bytes("a"));
        broker.publish("celery", 0, bytes("b"));
        broker.publish("celery", 0, bytes("c"));
        String list = app.keys().queueList("celery", 0);
        Source source = new Source("celery", list, app.keys().inflight("dead@x", list));
        broker.heartbeat("dead@x", clock.instant(), Map.of("sources", list));
        broker.heartbeat("alive@x", clock.instant(), Map.of("sources", list));
        assertEquals(2, broker.fetch(List.of(source), 2, 1 << 20).size());
        LeaseRecoverer recoverer = new LeaseRecoverer(broker, clock, Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(20));
        broker.heartbeat("alive@x", clock.instant(), Map.of("sources", list));
        assertEquals(0, recoverer.recoverDead(), "within the lease nothing moves");
        clock.advance(Duration.ofSeconds(15));
        assertEquals(2, recoverer.recoverDead());
        // popped from the right: the recovered messages come back in their original order, before c
        assertEquals(List.of("c", "b", "a"), queue("celery"));
        assertTrue(broker.workerHeartbeats().containsKey("alive@x"));
        assertTrue(!broker.workerHeartbeats().containsKey("dead@x"));
    }
}
