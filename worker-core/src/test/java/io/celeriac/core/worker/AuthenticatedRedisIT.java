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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * A Redis that demands credentials (the compose file's {@code requirepass}, or an ACL user): both
 * clients of a process, the per-message one and Redisson, log in from the broker URL.
 */
class AuthenticatedRedisIT {
    private static RedisServer redis;
    private static int port;

    @BeforeAll
    static void startRedis() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no")
                .setting("requirepass s3cret")
                .setting("user worker on >w0rker ~* &* +@all")
                .build();
        redis.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.stop();
    }

    @Test
    void a_password_only_url_sends_runs_and_reads_results() throws Exception {
        roundTrip("redis://:s3cret@127.0.0.1:" + port + "/0");
    }

    @Test
    void an_acl_user_url_sends_runs_and_reads_results() throws Exception {
        roundTrip("redis://worker:w0rker@127.0.0.1:" + port + "/2");
    }

    private static void roundTrip(String url) throws Exception {
        try (Application app = new Application(AppConfigLoader.fromYaml("result_expires: 1h\n"), RedisUrl.parse(url),
                null, 8, Clock.systemUTC(), new SplittableRandom(5))) {
            TaskRegistry registry = new TaskRegistry();
            new BuiltinTasks().register(registry, app);
            Worker worker = TestApp.worker(app, registry, TestApp.settings("auth@test", List.of("celery"), 2));
            try {
                worker.start();
                assertEquals(5, app.client().send("celeriac.add", List.of(2, 3), Map.of(), SendOptions.defaults())
                        .get(Duration.ofSeconds(10)).asInt());
                SendOptions later = SendOptions.defaults().countdown(Duration.ofMillis(300));
                assertEquals(9, app.client().send("celeriac.add", List.of(4, 5), Map.of(), later)
                        .get(Duration.ofSeconds(10)).asInt());
            } finally {
                worker.shutdown();
            }
        }
    }
}
