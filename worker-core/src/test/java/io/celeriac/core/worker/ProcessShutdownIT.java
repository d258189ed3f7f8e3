package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.JavaProcess;
import io.celeriac.core.testing.TestApp;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * Shutdown always ends, with real processes on a private Redis: SIGTERM with Redis stopped exits
 * within the shutdown timeout (what cannot be returned stays in flight for lease recovery), and a
 * second SIGTERM exits at once, as Celery's second Ctrl-C does.
 */
class ProcessShutdownIT {

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static RedisServer redis(int port) throws Exception {
        RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        server.start();
        return server;
    }

    static JavaProcess worker(int port, String name) throws Exception {
        return JavaProcess.celeriac("worker", "--broker-url=redis://127.0.0.1:" + port + "/0", "--queues=celery",
                "--hostname=" + name, "--concurrency=1", "--shutdown-timeout=4s", "--lease-timeout=3s", "--loglevel=INFO");
    }

    @Test
    void sigterm_with_redis_stopped_exits_within_the_shutdown_timeout() throws Exception {
        int port = freePort();
        RedisServer server = redis(port);
        Application app = new Application(AppConfigLoader.fromYaml("result_expires: 1h\n"),
                RedisUrl.parse("redis://127.0.0.1:" + port + "/0"), null, 4, Clock.systemUTC(), new SplittableRandom(5));
        try (JavaProcess worker = worker(port, "cutoff@test")) {
            Eventually.await("the worker is up", Duration.ofSeconds(30), () -> app.redisBroker().workerHeartbeats().containsKey("cutoff@test"));
            app.client().send("celeriac.sleep", List.of(60.0), Map.of(), SendOptions.defaults());
            Eventually.await("the task is running", Duration.ofSeconds(10), () -> app.redisBroker().workerRecord("cutoff@test")
                    .getOrDefault("active_tasks", "[]").contains("celeriac.sleep"));
            app.close();
            server.stop();
            long begun = System.nanoTime();
            worker.signal("TERM");
            int code = worker.waitFor(Duration.ofSeconds(20));
            long tookMs = (System.nanoTime() - begun) / 1_000_000;
            assertEquals(0, code, worker.log());
            assertTrue(tookMs < 4_000 + 2_000, "exited " + tookMs + " ms after SIGTERM (shutdown timeout 4 s, JVM exit included); log:\n" + worker.log());
            assertTrue(worker.log().contains("Redis could not be reached"), worker.log());
        } finally {
            server.stop();
        }
    }

    @Test
    void a_second_sigterm_exits_at_once() throws Exception {
        int port = freePort();
        RedisServer server = redis(port);
        try (Application app = new Application(AppConfigLoader.fromYaml("result_expires: 1h\n"),
                RedisUrl.parse("redis://127.0.0.1:" + port + "/0"), null, 4, Clock.systemUTC(), new SplittableRandom(6));
             JavaProcess worker = worker(port, "impatient@test")) {
            Eventually.await("the worker is up", Duration.ofSeconds(30), () -> app.redisBroker().workerHeartbeats().containsKey("impatient@test"));
            app.client().send("celeriac.sleep", List.of(60.0), Map.of(), SendOptions.defaults());
            Eventually.await("the task is running", Duration.ofSeconds(10), () -> app.redisBroker().workerRecord("impatient@test")
                    .getOrDefault("active_tasks", "[]").contains("celeriac.sleep"));
            worker.signal("TERM");
            Eventually.await("the warm stop began", Duration.ofSeconds(10), () -> worker.log().contains("worker stopping"));
            worker.signal("TERM");
            assertEquals(130, worker.waitFor(Duration.ofSeconds(5)), worker.log());
            assertTrue(worker.log().contains("second stop signal"), worker.log());
            assertEquals(1, app.redis().getList(app.keys().inflight("impatient@test", app.keys().queueList("celery", 0))).size(),
                    "the running task's message stays in flight for lease recovery");
        } finally {
            server.stop();
        }
    }
}
