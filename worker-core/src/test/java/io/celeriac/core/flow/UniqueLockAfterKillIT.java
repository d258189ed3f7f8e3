package io.celeriac.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.JavaProcess;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker process killed with SIGKILL while it runs a unique task: the lock it was running under
 * is gone once its TTL has passed (the Redis TTL, never extended by the hold), and the next send
 * of the same key is enqueued.
 */
class UniqueLockAfterKillIT {
    static final Duration TTL = Duration.ofSeconds(3);
    Application app;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        String prefix = TestApp.randomPrefix();
        String yaml = "key_prefix: \"" + prefix + "celeriac:\"\ncelery_key_prefix: \"" + prefix + "\"\nresult_expires: 1h\n";
        config = Files.createTempFile("celeriac", ".yaml");
        Files.writeString(config, yaml);
        app = new Application(AppConfigLoader.fromYaml(yaml), TestRedis.url(), null, 8, Clock.systemUTC(), new SplittableRandom(3));
    }

    @AfterEach
    void tearDown() {
        TestApp.removeKeys(app);
        app.close();
    }

    AsyncResult sendSleep() {
        return app.client().send("celeriac.sleep", List.of(120.0), Map.of(),
                SendOptions.defaults().unique(Unique.untilExecuted(TTL).key("nightly-report")));
    }

    long pttl() {
        return app.redisBroker().direct().call(jedis -> jedis.pttl(app.keys().uniqueLock("key:nightly-report")));
    }

    @Test
    void after_kill_9_mid_run_the_lock_ends_at_its_ttl_and_the_next_send_is_enqueued() throws Exception {
        var url = TestRedis.url();
        String broker = "redis://" + url.host() + ":" + url.port() + "/" + url.database();
        AsyncResult first;
        try (JavaProcess doomed = JavaProcess.celeriac("worker", "--config=" + config, "--broker-url=" + broker,
                "--queues=celery", "--hostname=doomed-unique@test", "--lease-timeout=3s", "--concurrency=1")) {
            Eventually.await("the worker registered", Duration.ofSeconds(30),
                    () -> app.redisBroker().workerHeartbeats().containsKey("doomed-unique@test") || !doomed.isAlive());
            assertTrue(doomed.isAlive(), doomed.log());
            first = sendSleep();
            assertFalse(first.duplicate());
            Eventually.await("the task is running", Duration.ofSeconds(10), () -> app.redisBroker().workerRecord("doomed-unique@test")
                    .getOrDefault("active_tasks", "").contains(first.id()));
            assertTrue(sendSleep().duplicate(), "while it runs, a duplicate");
            long left = pttl();
            assertTrue(left > 0 && left <= TTL.toMillis(), "the hold did not extend the lock: " + left + " ms left");
            doomed.kill();
        }
        Eventually.await("the lock gone at its TTL", TTL.plusSeconds(5), () -> pttl() == -2);
        AsyncResult next = sendSleep();
        assertFalse(next.duplicate(), "the next send is enqueued");
        assertFalse(next.id().equals(first.id()));
    }
}
