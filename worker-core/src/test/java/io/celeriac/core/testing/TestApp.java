package io.celeriac.core.testing;

import io.celeriac.core.app.Application;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.worker.Worker;
import io.celeriac.core.worker.WorkerDependencies;
import io.celeriac.core.worker.WorkerSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * An {@link Application} isolated for one test class: random prefixes for Celeriac's keys and for
 * kombu's ({@code celery_key_prefix}), so queues, results and everything else are private to it.
 */
public final class TestApp {
    private TestApp() {
    }

    /** A fresh key prefix; its keys are deleted when the test class ends ({@link RemoveTestKeys}). */
    public static String randomPrefix() {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ":";
        RemoveTestKeys.track(prefix);
        return prefix;
    }

    /** An application on the test Redis with isolated keys; {@code extraYaml} is appended to the config. */
    public static Application create(Clock clock, String extraYaml) {
        return new Application(isolatedConfig(extraYaml), TestRedis.url(), null, 48, clock, new SplittableRandom(42));
    }

    /** A config whose Celeriac and kombu key prefixes are random, plus {@code extraYaml}. */
    public static AppConfig isolatedConfig(String extraYaml) {
        String prefix = randomPrefix();
        String yaml = "key_prefix: \"" + prefix + "celeriac:\"\n"
                + "celery_key_prefix: \"" + prefix + "\"\n"
                + "result_expires: 1h\n"
                + (extraYaml == null ? "" : extraYaml);
        return AppConfigLoader.fromYaml(yaml);
    }

    /**
     * Deletes every key under {@code app}'s two prefixes (SCAN + UNLINK, never FLUSHDB): what a
     * test class made goes when it ends. A no-op for an application without private prefixes.
     */
    public static long removeKeys(Application app) {
        long removed = 0;
        for (String prefix : java.util.Set.of(app.keys().prefix(), app.keys().celeryPrefix())) {
            if (prefix.isEmpty()) {
                continue;
            }
            Iterable<String> keys = app.redis().getKeys().getKeys(org.redisson.api.options.KeysScanOptions.defaults()
                    .pattern(io.celeriac.core.broker.redis.RedisKeys.globEscape(prefix) + "*").chunkSize(500));
            java.util.List<String> batch = new java.util.ArrayList<>();
            for (String key : keys) {
                batch.add(key);
                if (batch.size() == 500) {
                    removed += app.redis().getKeys().unlink(batch.toArray(String[]::new));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                removed += app.redis().getKeys().unlink(batch.toArray(String[]::new));
            }
        }
        return removed;
    }

    public static Application create() {
        return create(Clock.systemUTC(), null);
    }

    /** Worker settings for tests: a 3 s lease so recovery tests stay short, 5 s shutdown. */
    public static WorkerSettings settings(String name, List<String> queues, int concurrency) {
        return new WorkerSettings(name, queues, concurrency, 1, 0, Duration.ofSeconds(5), Duration.ofSeconds(3),
                Duration.ofHours(1), false);
    }

    /** A worker of {@code app} running {@code registry}'s tasks (not started). */
    public static Worker worker(Application app, TaskRegistry registry, WorkerSettings settings) {
        return new Worker(settings, new WorkerDependencies(app.broker(), registry, app.codec(), app.client(),
                app.clock(), app.random(), id -> false));
    }
}
