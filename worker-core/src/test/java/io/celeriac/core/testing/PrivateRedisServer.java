package io.celeriac.core.testing;

import io.celeriac.core.broker.redis.RedisUrl;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;

/**
 * A {@code redis-server} of one test's own, on a free loopback port, without persistence: for
 * tests that count what Redis does (commands, CPU), which the shared test Redis cannot tell apart
 * from every other test's traffic. Stop it with {@link #close()}.
 */
public final class PrivateRedisServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Jedis counters;
    private long infos;

    private PrivateRedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
        this.counters = new Jedis(new HostAndPort("127.0.0.1", port),
                DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP2).build());
    }

    /** Whether {@code redis-server} is on the PATH. */
    public static boolean available() {
        try {
            Process probe = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static PrivateRedisServer start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("celeriac-private-redis", ".log");
        Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Eventually.await("redis-server on port " + port + " (log: " + log + ")", Duration.ofSeconds(10),
                () -> TestRedis.answers("127.0.0.1", port));
        return new PrivateRedisServer(process, port);
    }

    public RedisUrl url() {
        return RedisUrl.parse("redis://127.0.0.1:" + port + "/0");
    }

    /**
     * Commands Redis has run so far, a script's inner ones included (as Redis counts them),
     * without this method's own INFO calls: the difference of two readings is what others sent.
     */
    public long commandsProcessed() {
        String info = counters.info("stats");
        long before = infos++;
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("total_commands_processed:")) {
                // an INFO is counted once it has run: this one is not in its own figure, the earlier ones are
                return Long.parseLong(line.substring(line.indexOf(':') + 1).strip()) - before;
            }
        }
        throw new IllegalStateException("no total_commands_processed in INFO stats");
    }

    /** Calls per command so far (INFO commandstats), for a failure message that says where they went. */
    public String commandStats() {
        return counters.info("commandstats");
    }

    @Override
    public void close() throws InterruptedException {
        counters.close();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
