package io.celeriac.ai;

import io.celeriac.core.app.Application;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.testing.JavaProcess;
import io.celeriac.core.testing.PersonalDataInLogs;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import io.celeriac.db.DatabaseSettings;
import io.celeriac.db.DatabaseUrl;
import io.celeriac.db.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Real {@code celeriac worker} and {@code celeriac beat} processes on a database and Redis prefix
 * of their own, talking to a mock LLM and a mock Twilio in this JVM; and this JVM's own
 * application on the same database and keys, to create users and tasks and read the outcome.
 * Each process may run with its clock shifted (the hidden CELERIAC_TEST_CLOCK_OFFSET_MS).
 */
final class AiProcesses implements AutoCloseable {
    final MockLlm llm = new MockLlm();
    final MockTwilio twilio = new MockTwilio();
    final Application app;
    final AiRuntime runtime;
    final List<JavaProcess> processes = new ArrayList<>();
    private final String database = "ai_proc_" + TestApp.randomPrefix().replace(":", "");
    private final String databaseUrl;
    private final String prefix = TestApp.randomPrefix();
    private final Path config;

    /** @param extraYaml appended to the config (an {@code ai:} section's settings, beat entries...) */
    AiProcesses(String extraYaml) throws Exception {
        this.databaseUrl = TestDatabase.createDatabase(database);
        String yaml = "key_prefix: \"" + prefix + "celeriac:\"\ncelery_key_prefix: \"" + prefix + "\"\n" + AiFixture.ROUTES + extraYaml;
        this.config = Files.createTempFile("celeriac-ai-processes", ".yaml");
        Files.writeString(config, yaml);
        this.app = new Application(AppConfigLoader.fromYaml(yaml), TestRedis.url(), null, 16, Clock.systemUTC(),
                new SplittableRandom(5), DatabaseSettings.of(DatabaseUrl.parse(databaseUrl), "public"));
        this.runtime = new AiRuntime(app, AiConfig.from(app.config("ai"), env(0)));
    }

    private Map<String, String> env(long clockOffsetMs) {
        Map<String, String> env = new HashMap<>();
        env.put("CELERIAC_LLM_BASE_URL", llm.baseUrl());
        env.put("OPENAI_API_KEY", "sk-test");
        env.put("TWILIO_BASE_URL", twilio.baseUrl());
        env.put("TWILIO_ACCOUNT_SID", MockTwilio.SID);
        env.put("TWILIO_AUTH_TOKEN", "secret-token");
        env.put("TWILIO_FROM_NUMBER", "+15550001111");
        env.put("CELERIAC_TEST_CLOCK_OFFSET_MS", Long.toString(clockOffsetMs));
        return env;
    }

    private List<String> connection() {
        var url = TestRedis.url();
        return List.of("--config=" + config, "--broker-url=redis://" + url.host() + ":" + url.port() + "/" + url.database(),
                "--database-url=" + databaseUrl);
    }

    JavaProcess worker(String name, long clockOffsetMs, Duration lease) throws Exception {
        List<String> args = new ArrayList<>(List.of("worker", "--queues=ai_tasks", "--concurrency=2", "--prefetch-multiplier=1", "--hostname=" + name,
                "--lease-timeout=" + lease.toSeconds() + "s"));
        args.addAll(connection());
        JavaProcess p = JavaProcess.celeriac(env(clockOffsetMs), args.toArray(String[]::new));
        processes.add(p);
        return p;
    }

    JavaProcess beat(long clockOffsetMs) throws Exception {
        List<String> args = new ArrayList<>(List.of("beat"));
        args.addAll(connection());
        JavaProcess p = JavaProcess.celeriac(env(clockOffsetMs), args.toArray(String[]::new));
        processes.add(p);
        return p;
    }

    /** Messages waiting in a queue (all priority lists). */
    long queued(String queue) {
        return app.keys().queueLists(queue).stream().mapToLong(l -> app.redis().getList(l).size()).sum();
    }

    /** Phone numbers and e-mail addresses in any process's log. */
    List<String> personalDataInLogs() {
        List<String> found = new ArrayList<>();
        processes.forEach(p -> found.addAll(PersonalDataInLogs.find(p.log())));
        return found;
    }

    @Override
    public void close() throws Exception {
        for (JavaProcess p : processes) {
            p.close();
        }
        runtime.close();
        app.redis().getKeys().deleteByPattern(prefix + "*");
        app.close();
        llm.close();
        twilio.close();
        Files.deleteIfExists(config);
        TestDatabase.dropDatabase(database);
    }
}
