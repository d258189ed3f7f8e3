package io.celeriac.core.worker;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisUrl;
import java.net.ServerSocket;
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
        try (Application app = BrokerRoundTrip.app(RedisUrl.parse(url), 8)) {
            BrokerRoundTrip.assertTasksRun(app, "auth@test");
        }
    }
}
