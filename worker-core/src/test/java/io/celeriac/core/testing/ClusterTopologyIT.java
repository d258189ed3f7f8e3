package io.celeriac.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.RedisProtocol;

/**
 * The test cluster itself: it forms, a cluster client reaches every master through it, and a slot
 * can be held half-moved (the client follows the source's ASK) and then finished.
 */
@EnabledIf("io.celeriac.core.testing.PrivateRedisServer#available")
class ClusterTopologyIT {
    static final int KEYS_PER_TAG = 20;

    @Test
    void formsServesAndReshardsUnderAClusterClient() throws IOException {
        try (ClusterTopology cluster = ClusterTopology.start(3);
                JedisCluster client = client(cluster)) {
            assertEquals(3, cluster.masterPorts().size());
            assertEquals(cluster.masterPorts().stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(",")),
                    cluster.seeds());
            assertEquals("redis+cluster://" + cluster.seeds(), cluster.url());

            List<String> tags = tagsOnDistinctMasters(cluster);
            for (String tag : tags) {
                for (int i = 0; i < KEYS_PER_TAG; i++) {
                    client.set(key(tag, i), "value-" + i);
                }
            }
            for (String tag : tags) {
                assertEquals("value-7", client.get(key(tag, 7)));
                // each master holds its own tag's keys: the writes went where the slot map says
                try (Jedis owner = cluster.node(cluster.portOfSlot(ClusterTopology.slotOf(key(tag, 0))))) {
                    assertEquals("value-0", owner.get(key(tag, 0)));
                }
            }

            // a script over two keys of one tag runs on the master of that tag's slot
            String tag = tags.get(0);
            Object sum = client.eval("return redis.call('INCRBY', KEYS[1], ARGV[1]) + redis.call('INCRBY', KEYS[2], ARGV[1])",
                    List.of(key(tag, "a"), key(tag, "b")), List.of("5"));
            assertEquals(10L, sum);

            int slot = ClusterTopology.slotOf(key(tag, 0));
            int source = cluster.portOfSlot(slot);
            int target = cluster.portOfSlot(ClusterTopology.slotOf(key(tags.get(1), 0)));
            ClusterTopology.Migration migration = cluster.beginMigration(slot, target);
            assertEquals(5, migration.moveSome(5));
            List<String> moved = keysOn(cluster, target, tag);
            List<String> left = keysOn(cluster, source, tag);
            assertEquals(5, moved.size(), "keys moved to the target: " + moved);
            assertEquals(KEYS_PER_TAG + 2 - 5, left.size(), "keys left on the source: " + left);
            // the slot map still names the source: reads of moved keys go there and follow its ASK
            assertEquals(source, cluster.portOfSlot(slot));
            for (String key : moved) {
                assertTrue(client.get(key) != null, "read of moved key " + key + " through ASK");
            }
            for (String key : left) {
                assertTrue(client.get(key) != null, "read of key " + key + " still on the source");
            }
            client.set(key(tag, "new"), "written mid-migration"); // absent on the source: ASK to the target

            migration.finish();
            assertEquals(target, cluster.portOfSlot(slot));
            assertEquals(KEYS_PER_TAG + 3, keysOn(cluster, target, tag).size());
            assertEquals(0, keysOn(cluster, source, tag).size());
            for (int i = 0; i < KEYS_PER_TAG; i++) {
                assertEquals("value-" + i, client.get(key(tag, i)));
            }
            assertEquals("5", client.get(key(tag, "a")));
            assertEquals("written mid-migration", client.get(key(tag, "new")));

            // and back in one go
            cluster.migrateSlot(slot, source);
            assertEquals(source, cluster.portOfSlot(slot));
            assertEquals("value-3", client.get(key(tag, 3)));
        }
    }

    @Test
    void replicasFollowTheirMasters() throws IOException {
        try (ClusterTopology cluster = ClusterTopology.start(3, 1)) {
            assertEquals(3, cluster.replicaPorts().size());
            Set<String> followed = new HashSet<>();
            for (int port : cluster.replicaPorts()) {
                try (Jedis replica = cluster.node(port)) {
                    String replication = replica.info("replication");
                    assertTrue(replication.contains("role:slave"), replication);
                    assertTrue(replication.contains("master_link_status:up"), replication);
                    followed.add(replication.lines().filter(line -> line.startsWith("master_port:")).findFirst().orElseThrow());
                }
            }
            assertEquals(3, followed.size(), "one replica per master: " + followed);
            try (Jedis master = cluster.node(cluster.masterPorts().get(0))) {
                assertTrue(master.info("replication").contains("connected_slaves:1"));
            }
        }
    }

    /** Three hash tags whose slots lie on three different masters. */
    static List<String> tagsOnDistinctMasters(ClusterTopology cluster) {
        List<String> tags = new ArrayList<>();
        Set<Integer> masters = new HashSet<>();
        String prefix = "cluster-it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        for (int i = 0; tags.size() < 3; i++) {
            String tag = prefix + i;
            if (masters.add(cluster.portOfSlot(ClusterTopology.slotOf("{" + tag + "}")))) {
                tags.add(tag);
            }
        }
        assertNotEquals(tags.get(0), tags.get(1));
        return tags;
    }

    static String key(String tag, Object suffix) {
        return "{" + tag + "}:" + suffix;
    }

    /** The keys of {@code tag}'s slot stored on the node at {@code port} itself (no redirection). */
    static List<String> keysOn(ClusterTopology cluster, int port, String tag) {
        try (Jedis node = cluster.node(port)) {
            return node.clusterGetKeysInSlot(ClusterTopology.slotOf(key(tag, 0)), 1000);
        }
    }

    static JedisCluster client(ClusterTopology cluster) {
        Set<HostAndPort> seeds = cluster.masterPorts().stream()
                .map(port -> new HostAndPort("127.0.0.1", port)).collect(Collectors.toSet());
        return new JedisCluster(seeds, DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP2)
                .connectionTimeoutMillis(1000).socketTimeoutMillis(5000).build());
    }
}
