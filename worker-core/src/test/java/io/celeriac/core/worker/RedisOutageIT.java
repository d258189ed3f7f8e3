package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.builtin.BuiltinTasks;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.task.TaskRegistry;
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
 * Redis going away and coming back (Celery's known "worker stops consuming" failure): the worker
 * keeps running, reconnects and consumes again. Uses a private Redis it can stop, never the shared one.
 */
class RedisOutageIT {

    @Test
    void the_worker_survives_a_redis_restart_and_consumes_again() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        redis.start();
        Application app = new Application(AppConfigLoader.fromYaml("result_expires: 1h\n"),
                RedisUrl.parse("redis://127.0.0.1:" + port + "/0"), null, 32, Clock.systemUTC(), new SplittableRandom(3));
        TaskRegistry registry = new TaskRegistry();
        new BuiltinTasks().register(registry, app);
        Worker worker = TestApp.worker(app, registry, TestApp.settings("outage@test", List.of("celery"), 2));
        try {
            worker.start();
            assertEquals(3, app.client().send("celeriac.add", List.of(1, 2), Map.of(), SendOptions.defaults())
                    .get(Duration.ofSeconds(10)).asInt());
            redis.stop();
            redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            redis.start();
            int sum = sendUntilAnswered(app);
            assertEquals(7, sum);
        } finally {
            worker.shutdown();
            app.close();
            redis.stop();
        }
    }

    /** The client itself may need a moment to reconnect: retry the send, each wait bounded. */
    private static int sendUntilAnswered(Application app) {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return app.client().send("celeriac.add", List.of(3, 4), Map.of(), SendOptions.defaults())
                        .get(Duration.ofSeconds(5)).asInt();
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new AssertionError("no task ran within 40 s after Redis came back", last);
    }
}
