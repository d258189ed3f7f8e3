package io.celeriac.core.interop;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A Celeriac application sharing kombu's default key layout with Python Celery: no Celery key
 * prefix (Python clients and workers use none), Celeriac's own keys under a random prefix.
 * Isolation on the shared Redis comes from random queue names and task ids, so nothing is flushed.
 */
final class InteropApp {
    private InteropApp() {
    }

    static Application create() {
        String yaml = "key_prefix: \"" + TestApp.randomPrefix() + "celeriac:\"\n"
                + "celery_key_prefix: \"\"\n"
                + "result_expires: 10m\n";
        AppConfig config = AppConfigLoader.fromYaml(yaml);
        return new Application(config, TestRedis.url(), null, 48, Clock.systemUTC(), new SplittableRandom());
    }

    /**
     * Deletes what a test class leaves behind on the shared Redis: its queues' four lists and kombu
     * binding sets, and every key under the app's random Celeriac prefix. Results expire by TTL.
     */
    static void forget(Application app, Collection<String> queues) {
        RedisKeys keys = app.keys();
        List<String> doomed = new ArrayList<>();
        for (String queue : queues) {
            doomed.addAll(keys.queueLists(queue));
            doomed.add(keys.binding(queue));
        }
        app.redis().getKeys().delete(doomed.toArray(String[]::new));
        app.redis().getKeys().deleteByPattern(keys.prefix() + "*");
    }

    /** A queue name no other test (or test run) uses. */
    static String randomQueue(String role) {
        return "interop-" + role + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
