package io.celeriac.core.testing;

import io.celeriac.core.broker.redis.RedisConnector;
import io.celeriac.core.broker.redis.RedisUrl;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.redisson.api.RedissonClient;
import redis.embedded.RedisServer;

/**
 * The Redis tests talk to: {@code CELERIAC_TEST_REDIS_URL}, else a server on 127.0.0.1:6379, else
 * an embedded one started once per JVM (so the suite runs on a machine with only a JDK and Maven).
 * Tests isolate themselves with random key prefixes ({@link TestApp}); nothing here flushes Redis.
 */
public final class TestRedis {
    private static RedisUrl url;
    private static RedisServer embedded;

    private TestRedis() {
    }

    public static synchronized RedisUrl url() {
        if (url == null) {
            String configured = System.getenv("CELERIAC_TEST_REDIS_URL");
            if (configured != null && !configured.isBlank()) {
                url = RedisUrl.parse(configured);
            } else if (answers("127.0.0.1", 6379)) {
                url = RedisUrl.parse("redis://127.0.0.1:6379/0");
            } else {
                url = startEmbedded();
            }
        }
        return url;
    }

    /** A new client; the caller shuts it down. */
    public static RedissonClient client(int poolSize) {
        return RedisConnector.connect(url(), poolSize);
    }

    private static RedisUrl startEmbedded() {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            embedded = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            embedded.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.stop();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
            return RedisUrl.parse("redis://127.0.0.1:" + port + "/0");
        } catch (IOException e) {
            throw new IllegalStateException("no Redis on 127.0.0.1:6379 and the embedded one did not start", e);
        }
    }

    static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            socket.getOutputStream().write("PING\r\n".getBytes());
            byte[] reply = new byte[7];
            return socket.getInputStream().read(reply) > 0 && new String(reply).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }
}
