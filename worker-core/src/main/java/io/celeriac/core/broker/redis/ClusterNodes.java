package io.celeriac.core.broker.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A Redis Cluster as {@code redis+cluster://} names it: which master serves each of the 16,384
 * hash slots (read with {@code CLUSTER SLOTS} from any node that answers), and one small pool of
 * blocking connections per master, opened when first needed.
 *
 * <p>The map is read at start and again whenever a node redirects a command for good ({@code MOVED})
 * or stops answering; reads are at most one per {@link #REFRESH_GAP}, so a storm of redirections
 * during a resharding costs one {@code CLUSTER SLOTS}, not one per command.
 */
public final class ClusterNodes implements AutoCloseable {
    static final int SLOTS = 16384;
    private static final Duration REFRESH_GAP = Duration.ofMillis(50);

    private final List<HostAndPort> seeds;
    private final DefaultJedisClientConfig config;
    private final GenericObjectPoolConfig<Jedis> poolConfig;
    private final Map<HostAndPort, JedisPool> pools = new ConcurrentHashMap<>();
    private final Map<Integer, DirectRedis> slots = new ConcurrentHashMap<>();
    private volatile HostAndPort[] owners = new HostAndPort[SLOTS];
    private volatile long refreshedAt;

    private ClusterNodes(List<HostAndPort> seeds, DefaultJedisClientConfig config, GenericObjectPoolConfig<Jedis> poolConfig) {
        this.seeds = seeds;
        this.config = config;
        this.poolConfig = poolConfig;
    }

    /**
     * Connects to the cluster that {@code url}'s seed nodes belong to and reads its slot map.
     *
     * @throws ClusterUnusable when no seed answers, a seed is no cluster node, or slots are unserved:
     *                         a setting to fix, said plainly
     */
    public static ClusterNodes connect(RedisUrl url, int poolSize) {
        List<HostAndPort> seeds = url.clusterSeeds().stream().map(HostAndPort::from).toList();
        ClusterNodes nodes = new ClusterNodes(seeds, DirectRedis.clientConfig(url), DirectRedis.poolConfig(poolSize));
        try {
            ClusterCheck.verify(nodes);
            nodes.refresh();
            return nodes;
        } catch (RuntimeException e) {
            nodes.close();
            throw e;
        }
    }

    /** The slot of a key: CRC16 of the key, or of its hash tag (the part between the first {@code {}} and {@code }}). */
    public static int slotOf(String key) {
        return JedisClusterCRC16.getSlot(key);
    }

    /** The connections to the node that serves {@code key}'s slot (shared by every key of that slot). */
    public DirectRedis forKey(String key) {
        return forSlot(slotOf(key));
    }

    public DirectRedis forSlot(int slot) {
        return slots.computeIfAbsent(slot, s -> DirectRedis.forSlot(this, s));
    }

    List<HostAndPort> seeds() {
        return seeds;
    }

    DefaultJedisClientConfig clientConfig() {
        return config;
    }

    HostAndPort owner(int slot) {
        HostAndPort owner = owners[slot];
        if (owner == null) {
            refresh();
            owner = owners[slot];
            if (owner == null) {
                throw new redis.clients.jedis.exceptions.JedisConnectionException(
                        "no master of the Redis Cluster serves hash slot " + slot + " (cluster_state is not ok)");
            }
        }
        return owner;
    }

    Jedis borrow(HostAndPort node) {
        return pools.computeIfAbsent(node, n -> new JedisPool(poolConfig, n, config)).getResource();
    }

    /** A connection of its own to one node, outside the pools (checks at start). */
    Jedis open(HostAndPort node) {
        return new Jedis(node, config);
    }

    /** Reads the slot map again from the first node that answers (known masters first, then the seeds). */
    synchronized void refresh() {
        long now = System.nanoTime();
        if (now - refreshedAt < REFRESH_GAP.toNanos() && owners[0] != null) {
            return;
        }
        Set<HostAndPort> candidates = new LinkedHashSet<>(pools.keySet());
        candidates.addAll(seeds);
        RuntimeException last = null;
        for (HostAndPort node : candidates) {
            try (Jedis jedis = open(node)) {
                owners = map(jedis.clusterSlots());
                refreshedAt = System.nanoTime();
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new redis.clients.jedis.exceptions.JedisConnectionException(
                "no node of the Redis Cluster answers (" + candidates + "): " + last.getMessage(), last);
    }

    /** CLUSTER SLOTS: ranges of {start, end, master [host, port, id], replicas...}. */
    private static HostAndPort[] map(List<Object> ranges) {
        HostAndPort[] map = new HostAndPort[SLOTS];
        for (Object entry : ranges) {
            List<?> range = (List<?>) entry;
            List<?> master = (List<?>) range.get(2);
            HostAndPort node = new HostAndPort(new String((byte[]) master.get(0), StandardCharsets.UTF_8), ((Long) master.get(1)).intValue());
            for (int slot = ((Long) range.get(0)).intValue(); slot <= ((Long) range.get(1)).intValue(); slot++) {
                map[slot] = node;
            }
        }
        return map;
    }

    /** The masters serving slots now. */
    public List<HostAndPort> masters() {
        Set<HostAndPort> masters = new LinkedHashSet<>();
        for (HostAndPort owner : owners) {
            if (owner != null) {
                masters.add(owner);
            }
        }
        return new ArrayList<>(masters);
    }

    /** A short wait before a retry, longer each attempt (at most 100 ms): a migration or failover settles meanwhile. */
    void pause(int attempt) {
        LockSupport.parkNanos(Duration.ofMillis(Math.min(100, 5L * attempt)).toNanos());
    }

    @Override
    public void close() {
        pools.values().forEach(JedisPool::close);
        pools.clear();
    }
}
