package io.celeriac.core.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.SentinelTopology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The worst case for a client behind Sentinel: a manual failover demotes a master that stays up,
 * and the client's subscriptions to the sentinels are cut again and again so it never hears the
 * switch. A writer writes all along. The old master accepts writes after the replica was promoted
 * and loses them when it is demoted (it resyncs from the new master): acknowledged writes lost,
 * unless durable writes made each one wait for a replica, which the old master no longer had.
 * Either way the client finds the new master by itself (its listener asks the sentinels as it
 * reconnects), and a demoted master refuses writes ({@code READONLY}, the connection dropped).
 */
@EnabledIf("io.celeriac.core.testing.PrivateRedisServer#available")
class SentinelReadOnlyIT {

    record Outcome(int acknowledged, int lost, int refusedReadOnly, int unconfirmed) {
    }

    @Test
    void with_durable_writes_no_acknowledged_write_is_lost_when_the_old_master_is_demoted() throws Exception {
        Outcome outcome = writeThroughSplitFailover(DurableWrites.oneReplica(Duration.ofMillis(500)));
        System.out.println("split failover with durable writes: " + outcome);
        assertEquals(0, outcome.lost(), outcome.toString());
    }

    @Test
    void without_durable_writes_the_writes_the_old_master_took_after_the_promotion_are_lost_and_counted() throws Exception {
        Outcome outcome = writeThroughSplitFailover(DurableWrites.OFF);
        System.out.println("split failover without durable writes: " + outcome);
    }

    private Outcome writeThroughSplitFailover(DurableWrites durable) throws Exception {
        try (SentinelTopology topology = SentinelTopology.start();
             DirectRedis redis = DirectRedis.connect(RedisUrl.parse(topology.url()).withSentinelDefaults(
                     SentinelTopology.MASTER_NAME, null, null), 4, durable)) {
            byte[] key = "split-test".getBytes(StandardCharsets.UTF_8);
            int oldMaster = topology.currentMasterPort();
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger unconfirmed = new AtomicInteger();
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Thread writer = Thread.ofVirtual().start(() -> {
                for (int i = 0; writing.get(); i++) {
                    String value = "w" + i;
                    try {
                        redis.lpush(key, value.getBytes(StandardCharsets.UTF_8));
                        acknowledged.add(value);
                    } catch (DurableWrites.UnconfirmedWriteException e) {
                        unconfirmed.incrementAndGet();
                    } catch (JedisDataException e) {
                        if (e.getMessage().contains("READONLY")) {
                            refused.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        // the failover's own pause: the next value is tried
                    }
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try {
                Eventually.await("some writes before the failover", Duration.ofSeconds(10), () -> acknowledged.size() >= 20);
                topology.cutSubscribersAndFailOver();
                assertNotEquals(oldMaster, topology.currentMasterPort());
                int before = acknowledged.size();
                Eventually.await("writes land on the new master", Duration.ofSeconds(30), () -> acknowledged.size() >= before + 20);
            } finally {
                writing.set(false);
                writer.join(Duration.ofSeconds(10));
            }
            try (Jedis master = topology.currentMaster()) {
                Set<String> stored = new HashSet<>(master.lrange("split-test", 0, -1));
                List<String> lost = acknowledged.stream().filter(value -> !stored.contains(value)).toList();
                return new Outcome(acknowledged.size(), lost.size(), refused.get(), unconfirmed.get());
            }
        }
    }
}
