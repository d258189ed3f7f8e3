package io.celeriac.core.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.broker.BrokerOp;
import io.celeriac.core.broker.Completion;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.internal.Json;
import io.celeriac.core.result.redis.RedisResultBackend;
import io.celeriac.core.testing.ClusterTopology;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transactional outbox on a real 3-master cluster: a completion's writes for other slots are
 * relayed and leave nothing behind; what a worker that died between its completion and the relay
 * left in its outbox or relaying list is written by the recoverer; a completion fenced off writes
 * nowhere, not even in the outbox.
 */
class ClusterOutboxIT {
    static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");
    static ClusterTopology cluster;
    ClusterBroker broker;
    ClusterKeys keys;
    RedisResultBackend results;
    LazyRedisson redisson;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = ClusterTopology.start(3);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @BeforeEach
    void connect() {
        keys = new ClusterKeys("t" + UUID.randomUUID().toString().substring(0, 8) + ":");
        broker = new ClusterBroker(ClusterNodes.connect(RedisUrl.parse(cluster.url()), 8), keys);
        redisson = new LazyRedisson(RedisUrl.parse(cluster.url()), 4);
        results = RedisResultBackend.onCluster(broker, redisson, Json.mapper());
    }

    @AfterEach
    void close() {
        broker.close();
        redisson.close();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static BrokerOp.StoreResult success(String id) {
        return new BrokerOp.StoreResult(id, bytes("{\"status\":\"SUCCESS\",\"result\":1,\"task_id\":\"" + id + "\"}"), 60, BrokerOp.Over.ANY);
    }

    long length(String key) {
        return broker.nodes().forKey(key).call(jedis -> jedis.llen(key));
    }

    Delivery fetchOne(String worker, String queue) {
        return broker.fetch(broker.sources(worker, List.of(queue)), 1, 1 << 20).get(0);
    }

    @Test
    void a_completion_s_writes_for_other_slots_are_relayed_and_nothing_stays_behind() {
        broker.publish("home", 0, bytes("m"));
        Delivery delivery = fetchOne("w1", "home");
        broker.complete(List.of(Completion.of(delivery, List.of(success("t-1"), new BrokerOp.Push("elsewhere", 0, bytes("next"), null)))));
        assertEquals("SUCCESS", results.get("t-1").orElseThrow().status().name());
        assertEquals(1, length(keys.queueList("elsewhere", 0)), "the next step is on its queue");
        String home = keys.queueTag("home");
        assertEquals(0, length(keys.outbox(home, "w1")) + length(keys.relaying(home, "w1")), "outbox and relaying list are empty");
    }

    @Test
    void the_recoverer_writes_what_a_dead_worker_s_outbox_still_owed() {
        broker.publish("home", 0, bytes("m"));
        Delivery delivery = fetchOne("dead", "home");
        String home = keys.queueTag("home");
        // what complete.lua leaves when the worker dies right after it: out of flight, writes in the outbox
        DirectRedis slot = broker.nodes().forKey(keys.outbox(home, "dead"));
        slot.lrem(bytes(delivery.inflightList()), -1, delivery.raw());
        slot.lpush(bytes(keys.outbox(home, "dead")), writesFor(success("t-outbox")).encode());
        // and a relay cut short: an entry already taken into the relaying list
        slot.lpush(bytes(keys.relaying(home, "dead")), writesFor(success("t-relaying")).encode());
        broker.heartbeat("dead", NOW.minusSeconds(300), Map.of());
        assertEquals(0, broker.recover("dead", NOW, broker.sources("dead", List.of("home")).stream().map(s -> s.list()).toList()));
        assertTrue(results.get("t-outbox").isPresent(), "the outbox was relayed");
        assertTrue(results.get("t-relaying").isPresent(), "the relaying list was relayed");
        assertEquals(0, length(keys.outbox(home, "dead")) + length(keys.relaying(home, "dead")));
        assertTrue(broker.workerRecord("dead").isEmpty(), "the dead worker is forgotten");
    }

    @Test
    void a_completion_fenced_off_writes_nowhere() {
        broker.publish("home", 0, bytes("lost"));
        Delivery delivery = fetchOne("stale", "home");
        broker.recover("stale", NOW, broker.sources("stale", List.of("home")).stream().map(s -> s.list()).toList());
        var report = broker.complete(List.of(Completion.of(delivery, List.of(success("t-stale"), new BrokerOp.Push("elsewhere", 0, bytes("x"), null)))));
        assertEquals(List.of(0), report.fenced());
        String home = keys.queueTag("home");
        assertEquals(0, length(keys.outbox(home, "stale")), "nothing was put in the outbox");
        assertTrue(results.get("t-stale").isEmpty());
        assertEquals(0, length(keys.queueList("elsewhere", 0)));
    }

    private SlotWrites writesFor(BrokerOp.StoreResult op) {
        List<byte[]> fields = new ArrayList<>();
        new RedisCompletion(keys).add(fields, op);
        return new SlotWrites(keys.tagOf(keys.result(op.taskId())), new LinkedHashSet<>(List.of(keys.result(op.taskId()))), fields);
    }
}
