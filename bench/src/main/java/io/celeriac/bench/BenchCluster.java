package io.celeriac.bench;

import io.celeriac.core.broker.redis.ClusterNodes;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.util.SafeEncoder;

/**
 * The bench's own Redis Cluster on loopback: {@code masters} {@code redis-server} processes without
 * replicas or persistence, each on free client and bus ports with a directory of its own under
 * {@code dir}, formed by hand as {@code redis-cli --cluster create} does it (distinct config
 * epochs, CLUSTER MEET, ADDSLOTSRANGE), as the tests' ClusterTopology does. Master {@code i} serves
 * the i-th even share of the 16,384 slots and the map never changes, so {@link #shardOf} needs no
 * round trip. {@link #close()} stops every node; the caller deletes {@code dir}.
 */
final class BenchCluster implements AutoCloseable {
    private static final int SLOTS = 16384;
    private static final Duration AGREEMENT = Duration.ofSeconds(30);

    private final Path dir;
    /** Every node started, as the shutdown hook may read it while the cluster forms. */
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    /** One connection per master, for the bench's own reads (INFO, LLEN, EXISTS): outside the measured clients' pools. */
    private final List<Jedis> connections = new CopyOnWriteArrayList<>();

    private BenchCluster(Path dir) {
        this.dir = dir;
    }

    /**
     * Starts and forms a cluster of {@code masters} masters; returns once every node says
     * cluster_state:ok. It joins {@code cleanup} before its first node starts, so a bench stopped
     * while it forms still stops every node.
     */
    static BenchCluster start(int masters, Path dir, BenchCleanup cleanup) throws IOException {
        BenchCluster cluster = cleanup.add(new BenchCluster(dir));
        try {
            cluster.form(masters);
            return cluster;
        } catch (IOException | RuntimeException e) {
            cleanup.closeNow(cluster);
            throw e;
        }
    }

    private void form(int masters) throws IOException {
        List<Integer> busPorts = new ArrayList<>();
        for (int i = 0; i < masters; i++) {
            int busPort = freePort();
            ports.add(startNode(busPort));
            busPorts.add(busPort);
            Jedis node = open(ports.get(i));
            connections.add(node);
            // distinct epochs up front, as redis-cli does, so no epoch collision has to be settled
            node.sendCommand(Protocol.Command.CLUSTER, "SET-CONFIG-EPOCH", String.valueOf(i + 1));
        }
        for (int i = 1; i < masters; i++) {
            connections.get(0).sendCommand(Protocol.Command.CLUSTER, "MEET", "127.0.0.1", String.valueOf(ports.get(i)),
                    String.valueOf(busPorts.get(i)));
        }
        for (int i = 0; i < masters; i++) {
            int node = i;
            await("node " + ports.get(i) + " knows all " + masters + " nodes",
                    () -> clusterInfo(node).contains("cluster_known_nodes:" + masters + "\r\n")
                            && !text(connections.get(node).sendCommand(Protocol.Command.CLUSTER, "NODES")).contains("handshake"));
        }
        for (int i = 0; i < masters; i++) {
            connections.get(i).sendCommand(Protocol.Command.CLUSTER, "ADDSLOTSRANGE",
                    String.valueOf(firstSlot(i, masters)), String.valueOf(firstSlot(i + 1, masters) - 1));
        }
        for (int i = 0; i < masters; i++) {
            int node = i;
            await("node " + ports.get(i) + " says cluster_state:ok", () -> clusterInfo(node).contains("cluster_state:ok"));
        }
    }

    private static int firstSlot(int shard, int masters) {
        return shard * SLOTS / masters;
    }

    /** {@code redis+cluster://} with every master as a seed. */
    String url() {
        return "redis+cluster://" + ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    int masters() {
        return ports.size();
    }

    /** The master (0-based) that serves {@code key}: the slot map is the one {@link #form} set and never moves. */
    int shardOf(String key) {
        int slot = ClusterNodes.slotOf(key);
        int shard = slot * masters() / SLOTS;
        // integer rounding: the ranges are [i*16384/n, (i+1)*16384/n), so step to the one that holds it
        while (slot < firstSlot(shard, masters())) {
            shard--;
        }
        while (slot >= firstSlot(shard + 1, masters())) {
            shard++;
        }
        return shard;
    }

    /** The bench's own connection to master {@code shard}; one thread uses it at a time. */
    Jedis connection(int shard) {
        return connections.get(shard);
    }

    /** Each master's Redis CPU seconds (used_cpu_user + used_cpu_sys), from INFO cpu. */
    double[] cpuSeconds() {
        double[] seconds = new double[masters()];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = RedisCpu.seconds(connections.get(i).info("cpu"));
        }
        return seconds;
    }

    /** Empties every master: between runs, so each starts from the same empty cluster. */
    void flushAll() {
        connections.forEach(Jedis::flushAll);
    }

    private String clusterInfo(int shard) {
        return text(connections.get(shard).sendCommand(Protocol.Command.CLUSTER, "INFO"));
    }

    private static String text(Object reply) {
        return SafeEncoder.encode((byte[]) reply);
    }

    /** Starts one cluster-enabled node in a directory of its own; returns its client port once it answers PING. */
    private int startNode(int busPort) throws IOException {
        int port = freePort();
        Path home = Files.createDirectories(dir.resolve("node-" + port));
        Path log = home.resolve("redis.log");
        Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--cluster-enabled", "yes", "--cluster-config-file", home.resolve("nodes.conf").toString(),
                "--cluster-node-timeout", "5000", "--cluster-port", String.valueOf(busPort),
                "--save", "", "--appendonly", "no", "--dir", home.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        await("redis-server on port " + port + " (log: " + log + ")", () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited; log: " + log);
            }
            try (Jedis probe = open(port)) {
                return "PONG".equals(probe.ping());
            } catch (RuntimeException e) {
                return false;
            }
        });
        return port;
    }

    private static Jedis open(int port) {
        return new Jedis(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder()
                .protocol(RedisProtocol.RESP2).connectionTimeoutMillis(1000).socketTimeoutMillis(60_000).build());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + AGREEMENT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bench's Redis Cluster did not form: no " + what + " within " + AGREEMENT);
            }
            LockSupport.parkNanos(20_000_000);
        }
    }

    /** Stops every node (SIGTERM, then SIGKILL after 10 s); safe to call twice and from a shutdown hook. */
    @Override
    public synchronized void close() {
        for (Jedis connection : connections) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                // the node is going away anyway
            }
        }
        connections.clear();
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }
}
