package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.JavaProcess;
import io.celeriac.core.testing.TlsRedisServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A Redis that wants a client certificate and an ACL user: kombu's {@code ssl_certfile},
 * {@code ssl_keyfile}, {@code ssl_ca_certs} and {@code ssl_cert_reqs} reach both Redis clients
 * (tasks run and their results are awaited), and a worker's log never holds the password.
 */
@EnabledIf("io.celeriac.core.testing.TlsRedisServer#available")
class MutualTlsAndAclIT {
    private static TlsRedisServer redis;

    @BeforeAll
    static void start() throws Exception {
        redis = TlsRedisServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
    }

    @Test
    void a_worker_and_a_client_present_the_client_certificate_and_log_in_as_the_acl_user() throws Exception {
        try (Application app = BrokerRoundTrip.app(RedisUrl.parse(redis.goodUrl()), 8)) {
            BrokerRoundTrip.assertTasksRun(app, "mtls@test");
        }
    }

    @Test
    void a_running_worker_never_logs_the_password() throws Exception {
        try (JavaProcess worker = JavaProcess.celeriac("worker", "--broker-url=" + redis.goodUrl(), "--queues=celery",
                "--hostname=quiet@test", "--loglevel=DEBUG");
             Application app = BrokerRoundTrip.app(RedisUrl.parse(redis.goodUrl()), 2)) {
            Eventually.await("the worker registered", Duration.ofSeconds(30),
                    () -> app.redisBroker().workerHeartbeats().containsKey("quiet@test") || !worker.isAlive());
            assertTrue(worker.isAlive(), worker.log());
            assertEquals(0, worker.terminate(Duration.ofSeconds(30)), worker.log());
            assertFalse(worker.log().contains(TlsRedisServer.PASSWORD), "the password is in the worker's log");
        }
    }
}
