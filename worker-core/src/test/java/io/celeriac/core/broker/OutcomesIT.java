package io.celeriac.core.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisBroker;
import io.celeriac.core.broker.redis.RedisBroker.Source;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.core.testing.TestApp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/** Completion batches written by {@link RedisBroker#apply} against real Redis. */
class OutcomesIT {
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T08:00:00Z"));
    Application app;
    RedisBroker broker;
    Source source;

    @BeforeEach
    void setUp() {
        app = TestApp.create(clock, null);
        broker = app.broker();
        String list = app.keys().queueList("celery", 0);
        source = new Source("celery", list, app.keys().inflight("w", list));
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    Delivery fetchOne(String message) {
        broker.publish("celery", 0, message.getBytes(StandardCharsets.UTF_8));
        return broker.fetch(List.of(source), 1).get(0);
    }

    String stored(String taskId) {
        return app.redis().<String>getBucket(app.keys().result(taskId), StringCodec.INSTANCE).get();
    }

    long ttl(String taskId) {
        return app.redis().getBucket(app.keys().result(taskId), StringCodec.INSTANCE).remainTimeToLive();
    }

    List<String> list(String key) {
        return app.redis().<String>getList(key, StringCodec.INSTANCE).readAll();
    }

    static BrokerOp.StoreResult result(String id, String status, long ttl) {
        return new BrokerOp.StoreResult(id, "{\"status\":\"" + status + "\",\"task_id\":\"" + id + "\"}", ttl, status.equals("SUCCESS"));
    }

    @Test
    void every_op_of_a_batch_lands_together() {
        Delivery delivery = fetchOne("m1");
        String target = app.keys().queueList("other", 0);
        broker.apply(List.of(
                result("t1", "SUCCESS", 60),
                new BrokerOp.Delay(target, "later".getBytes(StandardCharsets.UTF_8), 5000),
                new BrokerOp.Push(target, "back".getBytes(StandardCharsets.UTF_8)),
                new BrokerOp.PushFront(target, "front".getBytes(StandardCharsets.UTF_8)),
                new BrokerOp.DeadLetter("{\"reason\":\"r\"}".getBytes(StandardCharsets.UTF_8)),
                new BrokerOp.Ack(delivery)));
        assertEquals("{\"status\":\"SUCCESS\",\"task_id\":\"t1\"}", stored("t1"));
        assertTrue(ttl("t1") > 0 && ttl("t1") <= 60_000, "the result expires");
        assertEquals(List.of(), list(source.inflight()), "acked");
        assertEquals(List.of("back", "front"), list(target), "pushed at the back, put back at the front");
        assertEquals(List.of("{\"reason\":\"r\"}"), list(app.keys().dead()));
        assertEquals(1, app.redis().getScoredSortedSet(app.keys().delayed()).size());
    }

    @Test
    void a_stored_success_is_never_undone_but_overwrites_anything_else() {
        broker.apply(List.of(result("t2", "FAILURE", 60)));
        broker.apply(List.of(result("t2", "SUCCESS", 0)));
        assertTrue(stored("t2").contains("SUCCESS"), "a success replaces a failure");
        assertEquals(-1, ttl("t2"), "TTL 0 keeps the result for good");
        broker.apply(List.of(result("t2", "RETRY", 60), result("t2", "FAILURE", 60)));
        assertTrue(stored("t2").contains("SUCCESS"), "a redelivered task's later states are kept out");
        broker.apply(List.of(result("t3", "RETRY", 60), result("t3", "FAILURE", 0)));
        assertTrue(stored("t3").contains("FAILURE"));
    }

    @Test
    void a_command_redis_refuses_leaves_the_rest_of_the_batch_applied() {
        Delivery delivery = fetchOne("m2");
        app.redis().getBucket(app.keys().dead(), StringCodec.INSTANCE).set("not a list");
        broker.apply(List.of(result("t4", "SUCCESS", 60), new BrokerOp.DeadLetter("{}".getBytes(StandardCharsets.UTF_8)), new BrokerOp.Ack(delivery)));
        assertTrue(stored("t4").contains("SUCCESS"));
        assertEquals(List.of(), list(source.inflight()), "acked although the dead-letter push was refused");
    }
}
