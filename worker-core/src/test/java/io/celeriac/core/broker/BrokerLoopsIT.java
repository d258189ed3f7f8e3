package io.celeriac.core.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisBroker;
import io.celeriac.core.testing.Eventually;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
        broker = app.redisBroker();
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
    void the_fleets_forwarder_goes_again_at_once_after_a_full_batch_though_its_watch_saw_its_own_moves() throws Exception {
        for (int i = 0; i < 2000; i++) {
            broker.publishDelayed("celery", 0, bytes("m" + i), clock.instant().minusMillis(i));
        }
        DelayedForwarder forwarder = new DelayedForwarder(broker, clock, "fw@test", Duration.ofSeconds(10));
        Semaphore woken = new Semaphore(0);
        forwarder.wakeWith(woken::release);
        try {
            for (int pass = 0; pass < 4; pass++) {
                assertEquals(Duration.ZERO, forwarder.runOnce(), "a full batch: again at once (pass " + pass + ")");
                // the watch reports the pass's own moves (and its subscribing); the clock does not move
                woken.tryAcquire(2, TimeUnit.SECONDS);
            }
            forwarder.runOnce();
            assertEquals(2000, queue("celery").size());
        } finally {
            forwarder.close();
        }
    }

    @Test
    void a_standby_asks_nothing_until_a_heartbeat_finds_the_lease_free_then_takes_it() {
        DelayedForwarder holder = new DelayedForwarder(broker, clock, "holder@test", Duration.ofSeconds(10));
        DelayedForwarder standby = new DelayedForwarder(broker, clock, "standby@test", Duration.ofSeconds(10));
        try {
            holder.runOnce();
            standby.runOnce();
            assertTrue(holder.holding());
            assertTrue(!standby.holding(), "the lease is taken");
            broker.publishDelayed("celery", 0, bytes("due"), clock.instant());
            assertEquals(DelayedForwarder.TICK, standby.runOnce(), "a standby rests without asking Redis");
            assertTrue(queue("celery").isEmpty(), "and forwards nothing");
            holder.close();
            broker.forget("holder@test");
            standby.leaseSeen(Broker.ForwardingLease.VACANT);
            standby.runOnce();
            assertTrue(standby.holding(), "the free lease is taken at once");
            assertEquals(List.of("due"), queue("celery"));
        } finally {
            holder.close();
            standby.close();
        }
    }

    @Test
    void the_holder_sleeps_until_the_next_due_time_and_an_earlier_message_wakes_it() throws Exception {
        DelayedForwarder forwarder = new DelayedForwarder(broker, clock, "sleeper@test", Duration.ofSeconds(10));
        Semaphore woken = new Semaphore(0);
        forwarder.wakeWith(woken::release);
        try {
            broker.publishDelayed("celery", 0, bytes("later"), clock.instant().plusSeconds(5));
            forwarder.runOnce();
            // until its watch is live it looks every 250 ms; then it sleeps until the due time
            Eventually.await("the holder's watch live", Duration.ofSeconds(5), () -> {
                clock.advance(DelayedForwarder.MIN_GAP);
                forwarder.runOnce();
                return forwarder.runOnce().compareTo(Duration.ofSeconds(1)) > 0;
            });
            woken.drainPermits();
            broker.publishDelayed("celery", 0, bytes("sooner"), clock.instant().plusMillis(200));
            assertTrue(woken.tryAcquire(5, TimeUnit.SECONDS), "a message added to the delayed set wakes the holder");
            clock.advance(Duration.ofMillis(100));
            assertEquals(Duration.ofMillis(100), forwarder.runOnce(), "it looks, and sleeps until the new, sooner due time");
        } finally {
            forwarder.close();
        }
    }

    @Test
    void a_message_added_between_the_holder_s_first_look_and_its_watch_going_live_is_not_left_waiting() throws Exception {
        io.celeriac.core.testing.FaultyBroker racing = new io.celeriac.core.testing.FaultyBroker(broker);
        DelayedForwarder forwarder = new DelayedForwarder(racing, clock, "racer@test", Duration.ofSeconds(10));
        Semaphore woken = new Semaphore(0);
        forwarder.wakeWith(woken::release);
        try {
            forwarder.runOnce();
            // the watch's subscriber connects and wakes the holder; the pass it asks for is the one the write races
            assertTrue(woken.tryAcquire(5, TimeUnit.SECONDS), "the watch's subscriber is up");
            racing.afterNextForwardPass(() -> broker.publishDelayed("celery", 0, bytes("in between"), clock.instant()));
            clock.advance(DelayedForwarder.MIN_GAP);
            Duration wait = forwarder.runOnce();
            assertTrue(queue("celery").isEmpty() && wait.isZero(), "armed only now, it looks again at once: " + wait);
            forwarder.runOnce();
            assertEquals(List.of("in between"), queue("celery"));
        } finally {
            forwarder.close();
        }
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
