package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.builtin.BuiltinTasks;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.TestApp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** For tests of a broker connection (credentials, TLS): an app on that URL, and one task each way through it. */
final class BrokerRoundTrip {
    private BrokerRoundTrip() {
    }

    static Application app(RedisUrl url, int poolSize) {
        return new Application(AppConfigLoader.fromYaml("result_expires: 1h\n"), url, null, poolSize,
                Clock.systemUTC(), new SplittableRandom(5));
    }

    /** A worker with the built-in tasks runs a task sent now and one sent with a countdown (the delayed path). */
    static void assertTasksRun(Application app, String workerName) throws Exception {
        TaskRegistry registry = new TaskRegistry();
        new BuiltinTasks().register(registry, app);
        Worker worker = TestApp.worker(app, registry, TestApp.settings(workerName, List.of("celery"), 2));
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
