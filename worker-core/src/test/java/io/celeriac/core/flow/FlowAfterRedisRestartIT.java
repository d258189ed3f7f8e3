package io.celeriac.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.testing.Eventually;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The "Redis restart (AOF) mid-way: limits and uniqueness hold afterwards", on a private
 * redis-server (free port, appendonly yes, appendfsync always, its own directory) that the test
 * shuts down with SHUTDOWN and starts again on the same directory and port: a spent bucket is
 * still spent (no fresh burst), a reserved token is still reserved, a held slot still held, and a
 * unique key still deduplicates, naming the same task.
 */
class FlowAfterRedisRestartIT {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final Rate THREE_PER_MINUTE_BURST_3 = Rate.parse("3/m").withBurst(3);
    Path dir;
    int port;
    Process redis;
    Application app;

    @BeforeEach
    void startRedis() throws Exception {
        dir = Files.createTempDirectory("celeriac-aof");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        startServer();
        app = new Application(AppConfigLoader.fromYaml("result_expires: 1h\n"), RedisUrl.parse("redis://127.0.0.1:" + port + "/0"),
                null, 8, Clock.systemUTC(), new SplittableRandom(16));
    }

    @AfterEach
    void stopRedis() throws Exception {
        if (app != null) {
            app.close();
        }
        if (redis != null) {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void tokens_reservations_slots_and_unique_locks_survive_a_restart_from_the_append_only_file() throws Exception {
        FlowStore store = app.redisBroker().flowStore();
        long t0 = System.currentTimeMillis();
        for (int i = 0; i < 3; i++) {
            assertEquals(FlowStore.Token.NOW, store.takeToken("api", THREE_PER_MINUTE_BURST_3, "burst" + i, t0, 30_000, 0),
                    "the burst of three");
        }
        FlowStore.Token reserved = store.takeToken("api", THREE_PER_MINUTE_BURST_3, "waiting", t0, 30_000, 0);
        assertEquals(FlowStore.Token.Kind.WAIT, reserved.kind());
        assertEquals(0, store.acquireSlot("sync", 1, "w1\nt1", t0, t0 + 60_000));
        SendOptions unique = SendOptions.defaults().queue("aof-test").unique(Unique.untilExecuted(Duration.ofMinutes(10)).key("remind-42"));
        AsyncResult first = app.client().send("app.remind", List.of(42), Map.of(), unique);
        assertFalse(first.duplicate());

        restart();

        long t1 = System.currentTimeMillis();
        FlowStore.Token after = retry(() -> store.takeToken("api", THREE_PER_MINUTE_BURST_3, "after", t1, 30_000, 0));
        assertEquals(FlowStore.Token.Kind.WAIT, after.kind(), "the spent bucket did not come back full");
        assertTrue(after.atMillis() > reserved.atMillis(), "and queues behind the reservation made before the restart");
        assertEquals(FlowStore.Token.NOW, store.takeToken("api", THREE_PER_MINUTE_BURST_3, "waiting", reserved.atMillis(), 30_000, 0),
                "the reservation made before the restart is honoured at its time");
        assertNotEquals(0, store.acquireSlot("sync", 1, "w2\nt2", t1, t1 + 60_000), "the slot is still held");
        AsyncResult again = app.client().send("app.remind", List.of(42), Map.of(), unique);
        assertTrue(again.duplicate(), "the unique key still deduplicates");
        assertEquals(first.id(), again.id());
        long queued = 0;
        for (String list : app.keys().queueLists("aof-test")) {
            queued += app.redisBroker().direct().call(jedis -> jedis.llen(list));
        }
        assertEquals(1, queued, "the first task is still queued");
    }

    /** SHUTDOWN (the append-only file is already synced: appendfsync always), then the same server again. */
    private void restart() throws Exception {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            jedis.shutdown();
        } catch (RuntimeException closedByTheServer) {
            // SHUTDOWN answers by closing the connection
        }
        assertTrue(redis.waitFor(10, TimeUnit.SECONDS), "redis-server stopped");
        assertTrue(Files.exists(dir.resolve("appendonlydir")) || Files.exists(dir.resolve("appendonly.aof")), "an append-only file was written");
        startServer();
    }

    private void startServer() throws IOException {
        redis = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
                "--appendonly", "yes", "--appendfsync", "always", "--save", "")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
        Eventually.await("redis-server listening on " + port, WAIT, this::listening);
    }

    private boolean listening() {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            return "PONG".equals(jedis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The client's pooled connections died with the server: the first calls may fail until it reconnects. */
    private static <T> T retry(Supplier<T> call) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new AssertionError("Redis did not answer within " + WAIT + " after the restart", last);
    }
}
