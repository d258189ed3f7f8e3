package io.celeriac.core.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;

/**
 * One test's own Sentinel-managed Redis on loopback: a master, a replica and three sentinels
 * ({@code redis-server --sentinel}), each on a free port, with data and configs in a temporary
 * directory. The sentinels call the master down after 1 s of silence and fail over at once, so a
 * test sees a failover within a few seconds of {@link #killMaster()}. {@link #close()} stops them all.
 */
public final class SentinelTopology implements AutoCloseable {
    public static final String MASTER_NAME = "mymaster";

    private final Path dir;
    private final String masterPassword;
    private final String sentinelPassword;
    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> sentinelPorts = new ArrayList<>();
    private Process master;
    private int masterPort;
    private final List<Integer> replicaPorts = new ArrayList<>();
    private int replicas = 1;

    private SentinelTopology(Path dir, String masterPassword, String sentinelPassword) {
        this.dir = dir;
        this.masterPassword = masterPassword;
        this.sentinelPassword = sentinelPassword;
    }

    /** Starts master, replica and three sentinels, and waits until the sentinels see the replica and each other. */
    public static SentinelTopology start() throws IOException {
        return start(null, null);
    }

    /** As {@link #start()}, with {@code requirepass} on the master and replica, and on the sentinels (each may be null). */
    public static SentinelTopology start(String masterPassword, String sentinelPassword) throws IOException {
        return start(masterPassword, sentinelPassword, 1);
    }

    /**
     * As {@link #start(String, String)}, with {@code replicas} replicas: two keep one replica behind
     * the new master after a failover, which durable writes need to go on.
     */
    public static SentinelTopology start(String masterPassword, String sentinelPassword, int replicas) throws IOException {
        SentinelTopology topology = new SentinelTopology(Files.createTempDirectory("celeriac-sentinel"), masterPassword, sentinelPassword);
        topology.replicas = replicas;
        try {
            topology.startAll();
            return topology;
        } catch (IOException | RuntimeException | Error e) {
            topology.close();
            throw e;
        }
    }

    private void startAll() throws IOException {
        masterPort = freePort();
        master = redis("master", masterPort);
        for (int i = 0; i < replicas; i++) {
            int replicaPort = freePort();
            replicaPorts.add(replicaPort);
            redis("replica-" + replicaPort, replicaPort, "--replicaof", "127.0.0.1", String.valueOf(masterPort));
            Eventually.await("the replica in sync", Duration.ofSeconds(20),
                    () -> info(replicaPort, "replication").contains("master_link_status:up"));
        }
        for (int i = 0; i < 3; i++) {
            int port = freePort();
            Path config = dir.resolve("sentinel-" + port + ".conf");
            List<String> lines = new ArrayList<>(List.of(
                    "port " + port,
                    "bind 127.0.0.1",
                    "dir " + dir,
                    "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 2",
                    "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                    "sentinel failover-timeout " + MASTER_NAME + " 3000",
                    "sentinel parallel-syncs " + MASTER_NAME + " 1"));
            if (masterPassword != null) {
                lines.add("sentinel auth-pass " + MASTER_NAME + " " + masterPassword);
            }
            if (sentinelPassword != null) {
                lines.add("requirepass " + sentinelPassword);
                lines.add("sentinel sentinel-pass " + sentinelPassword);
            }
            lines.add("");
            Files.writeString(config, String.join("\n", lines));
            start("sentinel-" + port, List.of("redis-server", config.toString(), "--sentinel"), port);
            sentinelPorts.add(port);
        }
        for (int port : sentinelPorts) {
            Eventually.await("sentinel " + port + " sees the replica", Duration.ofSeconds(20),
                    () -> ask(port, "slaves=" + replicas + ",sentinels=3"));
        }
    }

    /** {@code sentinel://127.0.0.1:P1;sentinel://127.0.0.1:P2;sentinel://127.0.0.1:P3} (kombu's form). */
    public String url() {
        return url("");
    }

    /** As {@link #url()}, with {@code userInfo} ({@code ":password@"}) and a db on the first sentinel. */
    public String url(String userInfo) {
        StringBuilder text = new StringBuilder();
        for (int port : sentinelPorts) {
            text.append(text.isEmpty() ? "sentinel://" + userInfo : ";sentinel://").append("127.0.0.1:").append(port);
            if (text.indexOf(";") < 0) {
                text.append("/0");
            }
        }
        return text.toString();
    }

    public int masterPort() {
        return masterPort;
    }

    /** The port of the master the sentinels name now. */
    public int currentMasterPort() {
        try (Jedis sentinel = jedis(sentinelPorts.get(0))) {
            return Integer.parseInt(sentinel.sentinelGetMasterAddrByName(MASTER_NAME).get(1));
        }
    }

    /** A connection to the master the sentinels name now (the caller closes it). */
    public Jedis currentMaster() {
        return jedis(currentMasterPort());
    }

    /** kill -9 the master; returns once the sentinels name the replica as the new master. */
    public void killMaster() throws InterruptedException {
        master.destroyForcibly();
        master.waitFor(10, TimeUnit.SECONDS);
        Eventually.await("the sentinels promote the replica", Duration.ofSeconds(30),
                () -> {
                    try {
                        return replicaPorts.contains(currentMasterPort());
                    } catch (RuntimeException e) {
                        return false;
                    }
                });
    }

    /**
     * Starts the killed master again, empty, on its old port, and returns once the sentinels have
     * turned it into a replica of the new master (what a restarted old master becomes).
     */
    public void restartKilledMaster() throws IOException {
        master = redis("old-master-restarted", masterPort);
        Eventually.await("the old master turned into a replica", Duration.ofSeconds(30),
                () -> info(masterPort, "replication").contains("role:slave"));
    }

    /**
     * A failover that clients miss: a manual {@code SENTINEL FAILOVER} promotes the replica while
     * the old master stays up and is demoted, and every sentinel's pub/sub clients are disconnected
     * until it is done (Jedis's listener waits 5 s before it subscribes again). Returns once the
     * sentinels name the new master and the old one is a replica.
     */
    public void cutSubscribersAndFailOver() {
        int before = currentMasterPort();
        cutSubscribers();
        try (Jedis sentinel = jedis(sentinelPorts.get(0))) {
            sentinel.sendCommand(redis.clients.jedis.Protocol.Command.SENTINEL, "FAILOVER", MASTER_NAME);
        }
        // cut again and again until the switch is done, so no subscriber hears it
        Eventually.await("the old master demoted", Duration.ofSeconds(30), () -> {
            cutSubscribers();
            try {
                return currentMasterPort() != before && info(before, "replication").contains("role:slave");
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    private void cutSubscribers() {
        for (int port : sentinelPorts) {
            try (Jedis sentinel = jedis(port)) {
                sentinel.sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "KILL", "TYPE", "pubsub");
            }
        }
    }

    /** The names of the clients connected to the server on {@code port} (CLIENT LIST), replication links excluded. */
    public List<String> clientNames(int port) {
        try (Jedis jedis = jedis(port)) {
            List<String> names = new ArrayList<>();
            for (String line : jedis.clientList().split("\n")) {
                if (line.contains(" flags=S ") || line.contains(" flags=M ")) {
                    continue; // a replica's or the master's link
                }
                for (String field : line.split(" ")) {
                    if (field.startsWith("name=")) {
                        names.add(field.substring(5));
                    }
                }
            }
            return names;
        }
    }

    private boolean ask(int port, String expected) {
        return info(port, "sentinel").contains(expected);
    }

    private String info(int port, String section) {
        try (Jedis jedis = jedis(port)) {
            return jedis.info(section);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** A connection to a server of this topology, logged in with its password (a sentinel's or the master's). */
    private Jedis jedis(int port) {
        String password = sentinelPorts.contains(port) ? sentinelPassword : masterPassword;
        return new Jedis(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder().password(password)
                .protocol(RedisProtocol.RESP2).connectionTimeoutMillis(1000).socketTimeoutMillis(2000).build());
    }

    private Process redis(String name, int port, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        command.addAll(List.of(extra));
        if (masterPassword != null) {
            command.addAll(List.of("--requirepass", masterPassword, "--masterauth", masterPassword));
        }
        return start(name, command, port);
    }

    private Process start(String name, List<String> command, int port) throws IOException {
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        Eventually.await(name + " on port " + port + " (log: " + log + ")", Duration.ofSeconds(10),
                () -> listening(port));
        return process;
    }

    /** Answers a PING at all (with PONG, or NOAUTH when it has a password). */
    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 300);
            socket.getOutputStream().write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            int first = socket.getInputStream().read();
            return first == '+' || first == '-';
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (Process process : processes) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
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
