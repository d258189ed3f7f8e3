package io.celeriac.bench.fleet;

import io.celeriac.core.broker.redis.RedisUrl;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * A {@code redis-server} of the bench's own on a free loopback port, without persistence: counting
 * commands needs a Redis nobody else talks to (a shared one counts every other client's commands).
 */
final class PrivateRedis implements AutoCloseable {
    private final Process process;
    private final int port;

    private PrivateRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether {@code redis-server} can be started from the PATH. */
    static boolean available() {
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

    /** Starts one and waits until it answers PING (at most 10 s). */
    static PrivateRedis start(Path log) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // maxclients: a thousand in-JVM workers hold two connections each, plus pools
        Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--maxclients", "10000")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrivateRedis redis = new PrivateRedis(process, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!redis.answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                redis.close();
                throw new IOException("redis-server did not start on port " + port + "; see " + log);
            }
            Thread.sleep(20);
        }
        return redis;
    }

    private boolean answers() {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            return "PONG".equals(jedis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    RedisUrl url() {
        return RedisUrl.parse("redis://127.0.0.1:" + port + "/0");
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
