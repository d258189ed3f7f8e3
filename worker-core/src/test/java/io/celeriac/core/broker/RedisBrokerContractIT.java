package io.celeriac.core.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.result.ResultBackend;
import io.celeriac.core.testing.TestApp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;

/** The Redis broker passes the contract, and keeps what Redis refuses as dead letters, byte for byte. */
class RedisBrokerContractIT extends BrokerContract {
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

    @Override
    protected Broker broker() {
        return app.redisBroker();
    }

    @Override
    protected ResultBackend results() {
        return app.redisResults();
    }

    @Override
    protected Instant pickupOf(String queue) {
        Double score = app.redis().getScoredSortedSet(app.keys().pickups(), StringCodec.INSTANCE).getScore(queue);
        return score == null ? null : Instant.ofEpochMilli(score.longValue());
    }

    List<byte[]> dead() {
        return app.redis().<byte[]>getList(app.keys().dead(), ByteArrayCodec.INSTANCE).readAll();
    }

    @Test
    void a_bounded_key_scan_stops_when_the_visitor_says_and_reports_a_complete_round() {
        Keyspace keyspace = app.redisBroker().keyspace();
        for (int i = 0; i < 5; i++) {
            app.redis().getBucket(app.keys().prefix() + "scan-test:" + i, StringCodec.INSTANCE).set("x");
        }
        String glob = io.celeriac.core.broker.redis.RedisKeys.globEscape(app.keys().prefix() + "scan-test:") + "*";
        List<String> all = new java.util.ArrayList<>();
        assertTrue(keyspace.scanKeys(glob, 1_000_000, all::add), "a small database is scanned all the way round");
        assertEquals(5, all.size());
        List<String> two = new java.util.ArrayList<>();
        assertEquals(false, keyspace.scanKeys(glob, 1_000_000, key -> {
            two.add(key);
            return two.size() < 2;
        }));
        assertEquals(2, two.size(), "the visitor stopped it");
    }

    @Test
    void a_minute_counter_counts_each_completion_and_expires_and_a_fenced_unit_counts_nothing() {
        long minute = TaskCounters.minuteOf(Instant.now());
        BrokerOp count = new BrokerOp.CountMinute(TaskCounters.PROCESSED, minute);
        broker().complete(List.of(new Completion(null, false, List.of(count)), new Completion(null, false, List.of(count, count))));
        String key = app.keys().minuteCounter(TaskCounters.PROCESSED, minute);
        assertEquals("3", app.redis().getBucket(key, StringCodec.INSTANCE).get());
        long ttl = app.redis().getBucket(key, StringCodec.INSTANCE).remainTimeToLive();
        assertTrue(ttl > TaskCounters.TTL.minusMinutes(1).toMillis() && ttl <= TaskCounters.TTL.toMillis(), "ttl " + ttl);

        broker().publish("q", 0, bytes("lost"));
        Delivery delivery = broker().fetch(sources("wc", "q"), 1, MAX).get(0);
        broker().release(delivery);
        broker().complete(List.of(Completion.of(delivery, List.of(count))));
        assertEquals("3", app.redis().getBucket(key, StringCodec.INSTANCE).get(), "a worker that lost the message counts nothing");
    }

    @Test
    void a_step_redis_refuses_is_dead_lettered_with_its_bytes_and_the_parents_id() {
        app.redis().getBucket(app.keys().queueList("taken", 0), StringCodec.INSTANCE).set("a string, not a list");
        broker().publish("q", 0, bytes("parent"));
        Delivery delivery = broker().fetch(sources("w", "q"), 1, MAX).get(0);
        byte[] step = {'{', (byte) 0xff, 0, '\n', '}'};
        DeadLetterEntry ifRefused = new DeadLetterEntry("workflow step x could not be sent to queue taken", "q",
                "parent-id", "parent.task", Instant.parse("2026-12-07T10:00:00Z"), new byte[0]);
        CompletionReport report = broker().complete(List.of(Completion.of(delivery, List.of(result("parent-id", "SUCCESS"),
                new BrokerOp.Push("taken", 0, step, ifRefused)))));
        assertEquals(1, report.refused().size(), report.toString());
        assertTrue(report.refused().get(0).contains("WRONGTYPE"), report.toString());
        DeadLetterEntry entry = DeadLetterEntry.decode(dead().get(0));
        assertTrue(entry.reason().startsWith("workflow step x could not be sent to queue taken: WRONGTYPE"), entry.reason());
        assertEquals("parent-id", entry.taskId());
        assertArrayEquals(step, entry.raw(), "the step's exact bytes");
        assertEquals("SUCCESS", results().get("parent-id").orElseThrow().status().name(), "the rest of the outcome stands");
    }

    @Test
    void an_oversized_message_becomes_a_dead_letter_naming_the_limit_and_holding_its_bytes() {
        byte[] big = new byte[3000];
        big[0] = (byte) 0xc3;
        broker().publish("q", 0, big);
        assertTrue(broker().fetch(sources("w", "q"), 1, 2048).get(0).refused());
        DeadLetterEntry entry = DeadLetterEntry.decode(dead().get(0));
        assertEquals("message is 3000 bytes, over the limit of 2048 (max_message_size)", entry.reason());
        assertEquals("q", entry.queue());
        assertArrayEquals(big, entry.raw());
    }
}
