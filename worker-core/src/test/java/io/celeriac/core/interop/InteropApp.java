package io.celeriac.core.interop;

import io.celeriac.core.app.Application;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import java.time.Clock;
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

    /** A queue name no other test (or test run) uses. */
    static String randomQueue(String role) {
        return "interop-" + role + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
