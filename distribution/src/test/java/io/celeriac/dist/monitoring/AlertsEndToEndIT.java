package io.celeriac.dist.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.cli.Main;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.JavaProcess;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import io.celeriac.db.Database;
import io.celeriac.db.DatabaseUrl;
import io.celeriac.db.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * monitoring/'s alerts proven end to end on loopback: a real Prometheus (Debian's) scrapes a real
 * worker, beat and exporter every second and evaluates the rules (minutes made seconds,
 * {@link AlertRules#shortened}); a real Alertmanager routes what fires to a webhook inside the test.
 * <ol>
 *   <li>every metric the rules and the dashboard name is in Prometheus after a real scrape;</li>
 *   <li>the worker frozen (SIGSTOP) with tasks waiting: the stalled-queue and worker-missing alerts
 *       reach the receiver;</li>
 *   <li>resumed, then a stream of failing tasks: the failure-ratio alert reaches it;</li>
 *   <li>healthy load only: all of them resolve and nothing else fires.</li>
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsEndToEndIT {
    private static final String QUEUE = "e2e";
    private static final Set<String> EXPECTED = Set.of("CeleriacQueueStalled", "CeleriacWorkerMissing",
            "CeleriacTaskFailureRatioHigh", "CeleriacDeadLettersGrowing");

    private static final List<AutoCloseable> open = new ArrayList<>();
    private static String database;
    private static Application app;
    private static JavaProcess worker;
    private static MonitoringStack stack;
    private static AlertReceiver receiver;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        if (!MonitoringStack.installed()) {
            System.err.println("SKIPPED LOUDLY: Debian's prometheus and prometheus-alertmanager are not installed "
                    + "(apt-get install prometheus prometheus-alertmanager; .ci/run does it): the alerts were not proven end to end");
        }
        Assumptions.assumeTrue(MonitoringStack.installed(), "prometheus and prometheus-alertmanager are not installed");
        dir = Files.createTempDirectory("celeriac-alerts-e2e");
        String prefix = TestApp.randomPrefix();
        Path config = dir.resolve("celeriac.yaml");
        Files.writeString(config, """
                key_prefix: "%sceleriac:"
                celery_key_prefix: "%s"
                default_queue: %s
                queues: [%s]
                result_expires: 10m
                exporter:
                  queue_age_objective: 10m
                beat:
                  entries:
                    e2e-ping:
                      task: celery.ping
                      every: 2s
                """.formatted(prefix, prefix, QUEUE, QUEUE));
        app = new Application(AppConfigLoader.load(config), TestRedis.url(), null, 8, Clock.systemUTC(), new SplittableRandom(7));
        database = "alerts_" + UUID.randomUUID().toString().substring(0, 8);
        String databaseUrl = TestDatabase.createDatabase(database);
        assertEquals(0, Main.run("migrate", "--database-url=" + databaseUrl));
        notification(databaseUrl);

        String broker = "--broker-url=" + TestRedis.url().address() + "/" + TestRedis.url().database();
        int workerPort = MonitoringStack.freePort();
        int beatPort = MonitoringStack.freePort();
        int exporterPort = MonitoringStack.freePort();
        // a lease longer than the freeze: the frozen worker stays listed, missing, rather than recovered
        worker = process("worker", "--queues=" + QUEUE, "--concurrency=2", "--lease-timeout=2m", "--http-port=" + workerPort,
                "--config=" + config, broker);
        process("beat", "--http-port=" + beatPort, "--config=" + config, broker);
        process("exporter", "--port=" + exporterPort, "--interval=500ms", "--probe-interval=1s", "--config=" + config,
                broker, "--database-url=" + databaseUrl);
        paced("the worker is ready", Duration.ofSeconds(60), () -> Main.run("health", "--http-port=" + workerPort) == 0);
        paced("the exporter is ready", Duration.ofSeconds(60), () -> Main.run("health", "--http-port=" + exporterPort) == 0);

        receiver = new AlertReceiver();
        open.add(receiver);
        stack = new MonitoringStack(AlertRules.shortened(), Map.of("celeriac-worker", "127.0.0.1:" + workerPort,
                "celeriac-beat", "127.0.0.1:" + beatPort, "celeriac-exporter", "127.0.0.1:" + exporterPort), receiver.url());
        open.add(stack);
        paced("Prometheus scrapes the exporter", Duration.ofSeconds(60),
                () -> Double.valueOf(1.0).equals(stack.value("celeriac_redis_up")));
    }

    /** Checks {@code condition} every 250 ms (it may send load or ask Prometheus) until it holds, or fails after {@code timeout}. */
    private static void paced(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; alerts received: "
                        + (receiver == null ? "none" : receiver.all()) + "; active: " + (stack == null ? "-" : stack.activeAlerts()));
            }
            long next = System.nanoTime() + Duration.ofMillis(250).toNanos();
            Eventually.await("the next check", Duration.ofSeconds(1), () -> System.nanoTime() >= next);
        }
    }

    private static JavaProcess process(String... args) throws Exception {
        JavaProcess process = JavaProcess.celeriac(List.of("-Xmx96m"), Map.of(), args);
        open.add(0, process);
        return process;
    }

    /** One notification in the last hour, so the AI probe's per-channel series exist. */
    private static void notification(String databaseUrl) {
        try (Database db = new Database(DatabaseUrl.parse(databaseUrl), "public", 1)) {
            db.jdbi().useHandle(h -> {
                long user = h.createQuery("INSERT INTO users (name) VALUES ('Ada') RETURNING id").mapTo(Long.class).one();
                long task = h.createQuery("""
                        INSERT INTO ai_tasks (user_id, title, prompt, kind, schedule_type, run_at, time_zone, next_run_at, status,
                            channels, idempotency_key, created_at, updated_at)
                        VALUES (:u, 't', 'p', 'reminder', 'once', now(), 'UTC', NULL, 'completed', 'sms', 'k', now(), now())
                        RETURNING id""").bind("u", user).mapTo(Long.class).one();
                long run = h.createQuery("""
                        INSERT INTO ai_task_runs (task_id, scheduled_for, status, claimed_at, finished_at)
                        VALUES (:t, now(), 'succeeded', now(), now()) RETURNING id""").bind("t", task).mapTo(Long.class).one();
                h.createUpdate("INSERT INTO ai_notifications (run_id, channel, status, updated_at) VALUES (:r, 'sms', 'sent', now())")
                        .bind("r", run).execute();
            });
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (worker != null && worker.isAlive()) {
            worker.signal("CONT");
        }
        for (AutoCloseable each : open) {
            each.close();
        }
        if (app != null) {
            TestApp.removeKeys(app);
            app.close();
        }
        if (database != null) {
            TestDatabase.dropDatabase(database);
        }
    }

    private static void send(String task, List<?> args, int n) {
        for (int i = 0; i < n; i++) {
            app.client().send(task, args, Map.of(), SendOptions.defaults().queue(QUEUE));
        }
    }

    @Test
    @Order(1)
    void every_metric_the_rules_and_the_dashboard_name_is_in_a_real_scrape() throws Exception {
        send("celeriac.add", List.of(1, 2), 20);
        Set<String> wanted = AlertRules.metricNames();
        for (Map.Entry<String, String[]> later : AlertRules.ONLY_AFTER_USE.entrySet()) {
            assertTrue(wanted.remove(later.getKey()), later.getKey() + " is still used");
            assertTrue(Files.readString(Path.of(later.getValue()[0])).contains(later.getValue()[1]),
                    later.getKey() + " is still defined as " + later.getValue()[1] + " in " + later.getValue()[0]);
        }
        Set<String> absent = new TreeSet<>(wanted);
        paced("every name scraped", Duration.ofSeconds(60), () -> {
            absent.clear();
            absent.addAll(wanted);
            absent.removeAll(stack.names());
            return absent.isEmpty();
        });
        assertEquals(Set.of(), absent, "names the rules or the dashboard use that no process exposes");
    }

    @Test
    @Order(2)
    void a_frozen_worker_and_failing_tasks_page_and_everything_resolves_under_healthy_load() throws Exception {
        // (1) tasks waiting and the worker frozen
        long t0 = System.nanoTime();
        worker.signal("STOP");
        send("celeriac.add", List.of(2, 3), 5);
        paced("stalled-queue and worker-missing alerts reach the receiver", Duration.ofSeconds(90),
                () -> receiver.got("firing", "CeleriacQueueStalled", l -> QUEUE.equals(l.get("queue")))
                        && receiver.got("firing", "CeleriacWorkerMissing", l -> !l.getOrDefault("worker", "").isEmpty()));

        long paged = System.nanoTime();
        // (2) resumed, then failing tasks: a stream, so the counter's series exists before most of them count
        worker.signal("CONT");
        paced("the failure-ratio alert reaches the receiver", Duration.ofSeconds(90), () -> {
            send("celeriac.fail", List.of("boom"), 1);
            return receiver.got("firing", "CeleriacTaskFailureRatioHigh", l -> "celeriac.fail".equals(l.get("task")));
        });

        long failing = System.nanoTime();
        // (3) healthy load only: everything resolves, nothing else fires
        paced("all resolved, nothing pending or firing", Duration.ofSeconds(120), () -> {
            send("celeriac.add", List.of(1, 1), 1);
            return receiver.got("resolved", "CeleriacQueueStalled", l -> QUEUE.equals(l.get("queue")))
                    && receiver.got("resolved", "CeleriacWorkerMissing", l -> true)
                    && receiver.got("resolved", "CeleriacTaskFailureRatioHigh", l -> true)
                    && stack.activeAlerts().isEmpty();
        });
        System.out.printf("alerts end to end: frozen -> stalled and missing received in %.1f s; failing -> ratio alert in %.1f s;"
                + " healthy -> all resolved in %.1f s%n", (paged - t0) / 1e9, (failing - paged) / 1e9, (System.nanoTime() - failing) / 1e9);
        Set<String> fired = new TreeSet<>();
        receiver.all().forEach(r -> fired.add(r.name()));
        assertTrue(EXPECTED.containsAll(fired), "only the alerts this test caused fired: " + receiver.all());
    }
}
