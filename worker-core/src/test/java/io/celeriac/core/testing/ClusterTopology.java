package io.celeriac.core.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.util.JedisClusterCRC16;
import redis.clients.jedis.util.SafeEncoder;

/**
 * One test's own Redis Cluster on loopback: {@code masters} masters splitting the 16384 slots
 * evenly, each with {@code replicasPerMaster} replicas, every node a {@code redis-server} on free
 * ports (client and bus) with its own directory under a temporary one. Formed by hand, as
 * {@code redis-cli --cluster create} does it, and resharded slot by slot as {@code redis-cli
 * --cluster reshard} does it ({@link #beginMigration}), so a test can hold a slot half-moved while
 * clients run. {@link #close()} stops every node and deletes the directory.
 */
public final class ClusterTopology implements AutoCloseable {
    static final Duration AGREEMENT = Duration.ofSeconds(30);

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final Map<Integer, Process> byPort = new LinkedHashMap<>();
    private final List<Integer> masterPorts = new ArrayList<>();
    private final List<Integer> replicaPorts = new ArrayList<>();
    /** Node id by client port, masters first. */
    private final Map<Integer, String> ids = new LinkedHashMap<>();
    /** Cluster bus port by client port: chosen free like the client port, not client port + 10000. */
    private final Map<Integer, Integer> busPorts = new LinkedHashMap<>();

    private ClusterTopology(Path dir) {
        this.dir = dir;
    }

    /** {@code masters} masters and no replicas, formed and agreed on by every node. */
    public static ClusterTopology start(int masters) throws IOException {
        return start(masters, 0);
    }

    /** {@code masters} masters, each with {@code replicasPerMaster} replicas in sync, every node agreeing on the slot map. */
    public static ClusterTopology start(int masters, int replicasPerMaster) throws IOException {
        if (masters < 1 || replicasPerMaster < 0) {
            throw new IllegalArgumentException("masters " + masters + ", replicas per master " + replicasPerMaster);
        }
        ClusterTopology topology = new ClusterTopology(Files.createTempDirectory("celeriac-cluster"));
        try {
            topology.form(masters, replicasPerMaster);
            return topology;
        } catch (IOException | RuntimeException | Error e) {
            topology.close();
            throw e;
        }
    }

    private void form(int masters, int replicasPerMaster) throws IOException {
        for (int i = 0; i < masters * (1 + replicasPerMaster); i++) {
            int port = startNode();
            (i < masters ? masterPorts : replicaPorts).add(port);
            try (Jedis node = node(port)) {
                ids.put(port, text(node.sendCommand(Protocol.Command.CLUSTER, "MYID")));
                if (i < masters) {
                    // distinct epochs up front, as redis-cli does, so no epoch collision has to be settled
                    node.sendCommand(Protocol.Command.CLUSTER, "SET-CONFIG-EPOCH", String.valueOf(i + 1));
                }
            }
        }
        int first = masterPorts.get(0);
        try (Jedis node = node(first)) {
            for (int port : ids.keySet()) {
                if (port != first) {
                    node.sendCommand(Protocol.Command.CLUSTER, "MEET", "127.0.0.1", String.valueOf(port),
                            String.valueOf(busPorts.get(port)));
                }
            }
        }
        for (int port : ids.keySet()) {
            Eventually.await("node " + port + " knows all " + ids.size() + " nodes", AGREEMENT,
                    () -> clusterInfo(port).contains("cluster_known_nodes:" + ids.size() + "\r\n")
                            && !clusterNodes(port).contains("handshake"));
        }
        for (int i = 0; i < masters; i++) {
            try (Jedis node = node(masterPorts.get(i))) {
                node.sendCommand(Protocol.Command.CLUSTER, "ADDSLOTSRANGE",
                        String.valueOf(i * 16384 / masters), String.valueOf((i + 1) * 16384 / masters - 1));
            }
        }
        for (int i = 0; i < replicaPorts.size(); i++) {
            try (Jedis node = node(replicaPorts.get(i))) {
                node.sendCommand(Protocol.Command.CLUSTER, "REPLICATE", ids.get(masterPorts.get(i % masters)));
            }
        }
        for (int port : replicaPorts) {
            Eventually.await("replica " + port + " in sync", AGREEMENT,
                    () -> info(port, "replication").contains("master_link_status:up"));
        }
        awaitAgreement("the cluster formed");
    }

    /** Waits until every node says cluster_state:ok and answers CLUSTER SLOTS alike. */
    void awaitAgreement(String what) {
        Eventually.await(what + ": every node ok and agreeing on the slot map", AGREEMENT, () -> {
            String first = null;
            for (int port : ids.keySet()) {
                if (!clusterInfo(port).contains("cluster_state:ok")) {
                    return false;
                }
                String map = slotMap(port);
                if (map == null || (first != null && !first.equals(map))) {
                    return false;
                }
                first = map;
            }
            return true;
        });
    }

    /** {@code 127.0.0.1:P1,127.0.0.1:P2,...}: the masters, as seeds for a cluster client. */
    public String seeds() {
        return masterPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    /** {@code redis+cluster://} and the {@link #seeds()}. */
    public String url() {
        return "redis+cluster://" + seeds();
    }

    public List<Integer> masterPorts() {
        return List.copyOf(masterPorts);
    }

    public List<Integer> replicaPorts() {
        return List.copyOf(replicaPorts);
    }

    /** The slot of {@code key} by the hash-tag rule (CRC16 of the part in the first non-empty {…}). */
    public static int slotOf(String key) {
        return JedisClusterCRC16.getSlot(key);
    }

    /** Kills the node on {@code port} with SIGKILL (a master's replica takes over after the node timeout, 2 s). */
    public void kill(int port) throws InterruptedException {
        Process process = byPort.get(port);
        process.destroyForcibly();
        process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The port of the master that serves {@code slot} now, as the first live node's CLUSTER SLOTS says. */
    public int portOfSlot(int slot) {
        int asked = byPort.entrySet().stream().filter(e -> e.getValue().isAlive()).map(Map.Entry::getKey).findFirst().orElseThrow();
        try (Jedis node = node(asked)) {
            for (Object entry : (List<?>) node.sendCommand(Protocol.Command.CLUSTER, "SLOTS")) {
                List<?> range = (List<?>) entry;
                if ((Long) range.get(0) <= slot && slot <= (Long) range.get(1)) {
                    return ((Long) ((List<?>) range.get(2)).get(1)).intValue();
                }
            }
        }
        throw new IllegalStateException("no node serves slot " + slot);
    }

    /** A fresh connection to the node on {@code port} (the caller closes it). */
    public Jedis node(int port) {
        return new Jedis(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder()
                .protocol(RedisProtocol.RESP2).connectionTimeoutMillis(1000).socketTimeoutMillis(10_000).build());
    }

    /**
     * Marks {@code slot} IMPORTING on the master on {@code targetPort} and MIGRATING on the one
     * serving it now; until {@link Migration#finish()} the source answers ASK for keys it has
     * already given away.
     */
    public Migration beginMigration(int slot, int targetPort) {
        int sourcePort = portOfSlot(slot);
        if (sourcePort == targetPort || !masterPorts.contains(targetPort)) {
            throw new IllegalArgumentException("slot " + slot + " is on " + sourcePort + "; target " + targetPort);
        }
        return new Migration(slot, sourcePort, targetPort);
    }

    /** Moves {@code slot} with all its keys to the master on {@code targetPort}; returns once every node agrees. */
    public void migrateSlot(int slot, int targetPort) {
        beginMigration(slot, targetPort).finish();
    }

    /**
     * A canonical CLUSTER SLOTS of one node: ranges in order, each with its master's port and its
     * replicas' ports sorted (nodes may list replicas in different orders); null if unreachable.
     */
    String slotMap(int port) {
        try (Jedis node = node(port)) {
            List<String> ranges = new ArrayList<>();
            for (Object entry : (List<?>) node.sendCommand(Protocol.Command.CLUSTER, "SLOTS")) {
                List<?> range = (List<?>) entry;
                List<Long> replicas = new ArrayList<>();
                for (Object replica : range.subList(3, range.size())) {
                    replicas.add((Long) ((List<?>) replica).get(1));
                }
                replicas.sort(null);
                ranges.add(String.format("%05d-%05d %s %s", range.get(0), range.get(1), ((List<?>) range.get(2)).get(1), replicas));
            }
            ranges.sort(null);
            return String.join("\n", ranges);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * One slot on its way from one master to another, as {@code redis-cli --cluster reshard} moves
     * it: keys go over in batches with MIGRATE, and until {@link #finish()} the source answers ASK
     * for those already gone, so clients see a half-moved slot for as long as a test holds it.
     */
    public final class Migration {
        private final int slot;
        private final int sourcePort;
        private final int targetPort;

        private Migration(int slot, int sourcePort, int targetPort) {
            this.slot = slot;
            this.sourcePort = sourcePort;
            this.targetPort = targetPort;
            // importing first: a client sent to the target by the source's ASK must find it ready
            setSlot(targetPort, "IMPORTING", ids.get(sourcePort));
            setSlot(sourcePort, "MIGRATING", ids.get(targetPort));
        }

        public int sourcePort() {
            return sourcePort;
        }

        public int targetPort() {
            return targetPort;
        }

        /** Moves up to {@code n} of the slot's keys still on the source to the target; returns how many moved. */
        public int moveSome(int n) {
            try (Jedis source = node(sourcePort)) {
                List<?> keys = (List<?>) source.sendCommand(Protocol.Command.CLUSTER, "GETKEYSINSLOT",
                        String.valueOf(slot), String.valueOf(n));
                if (keys.isEmpty()) {
                    return 0;
                }
                // the keys as Redis gave them, bytes: a key that is not UTF-8 moves unchanged
                List<byte[]> args = new ArrayList<>();
                for (String arg : List.of("127.0.0.1", String.valueOf(targetPort), "", "0", "5000", "KEYS")) {
                    args.add(SafeEncoder.encode(arg));
                }
                keys.forEach(key -> args.add((byte[]) key));
                source.sendCommand(Protocol.Command.MIGRATE, args.toArray(byte[][]::new));
                return keys.size();
            }
        }

        /**
         * Moves the keys left, then names the target the slot's owner on the target, the source and
         * every other master, in that order (the target first, so it never refuses a client the
         * source has already turned away); returns once every node agrees.
         */
        public void finish() {
            while (moveSome(100) > 0) {
                // until GETKEYSINSLOT finds none: new keys of a migrating slot go to the target (ASK)
            }
            setSlot(targetPort, "NODE", ids.get(targetPort));
            setSlot(sourcePort, "NODE", ids.get(targetPort));
            for (int port : masterPorts) {
                if (port != sourcePort && port != targetPort) {
                    setSlot(port, "NODE", ids.get(targetPort));
                }
            }
            awaitAgreement("slot " + slot + " moved to " + targetPort);
            Eventually.await("slot " + slot + " served by " + targetPort, AGREEMENT, () -> portOfSlot(slot) == targetPort);
        }

        private void setSlot(int port, String state, String nodeId) {
            try (Jedis node = node(port)) {
                node.sendCommand(Protocol.Command.CLUSTER, "SETSLOT", String.valueOf(slot), state, nodeId);
            }
        }
    }

    private String clusterInfo(int port) {
        try (Jedis node = node(port)) {
            return text(node.sendCommand(Protocol.Command.CLUSTER, "INFO"));
        } catch (RuntimeException e) {
            return "";
        }
    }

    private String clusterNodes(int port) {
        try (Jedis node = node(port)) {
            return text(node.sendCommand(Protocol.Command.CLUSTER, "NODES"));
        } catch (RuntimeException e) {
            return "";
        }
    }

    private String info(int port, String section) {
        try (Jedis node = node(port)) {
            return node.info(section);
        } catch (RuntimeException e) {
            return "";
        }
    }

    static String text(Object reply) {
        return SafeEncoder.encode((byte[]) reply);
    }

    /** Starts one cluster-enabled node in a directory of its own; returns its client port once it answers. */
    private int startNode() throws IOException {
        int port = freePort();
        int busPort = freePort();
        Path home = Files.createDirectories(dir.resolve("node-" + port));
        Path log = home.resolve("redis.log");
        Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--cluster-enabled", "yes", "--cluster-config-file", home.resolve("nodes-" + port + ".conf").toString(),
                "--cluster-node-timeout", "2000", "--cluster-port", String.valueOf(busPort),
                "--save", "", "--appendonly", "no", "--dir", home.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        byPort.put(port, process);
        busPorts.put(port, busPort);
        Eventually.await("cluster node on port " + port + " (log: " + log + ")", Duration.ofSeconds(10), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("redis-server on port " + port + " exited; log: " + log);
            }
            return TestRedis.answers("127.0.0.1", port);
        });
        return port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
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
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it up eventually
        }
    }
}
