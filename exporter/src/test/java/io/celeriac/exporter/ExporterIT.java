package io.celeriac.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.component.Settings;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The exporter against the real Redis: what it reads, how it bounds labels, and how it survives Redis. */
class ExporterIT {
    private static final ManualClock clock = new ManualClock(Instant.now().minusSeconds(120));
    private static Application app;

    @BeforeAll
    static void start() {
        app = TestApp.create(clock, "queues: [q1, idle]\n");
    }

    @AfterAll
    static void stop() {
        TestApp.removeKeys(app);
        app.close();
    }

    private static FleetExporter exporter(PrometheusMeterRegistry registry, int maxQueues) {
        ExporterSettings settings = new ExporterSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), maxQueues, 10,
                app.config().queues(), QueueObjectives.from(app.config().section("exporter")));
        return FleetExporter.create(app.config(), TestRedis.url(), null, Settings.EMPTY, settings, registry, Clock.systemUTC());
    }

    private static Scrape pass(FleetExporter exporter, PrometheusMeterRegistry registry) {
        exporter.runOnce();
        return new Scrape(registry.scrape());
    }

    @Test
    void reads_waiting_age_pickups_workers_delayed_and_dead_letters() {
        // given three tasks sent two minutes ago (the client's clock) to q1, which a worker last took from 3 minutes ago
        for (int i = 0; i < 3; i++) {
            app.client().send("celeriac.noop", List.of(), Map.of(), SendOptions.defaults().queue("q1"));
        }
        app.client().send("celeriac.noop", List.of(), Map.of(), SendOptions.defaults().queue("q1").countdown(Duration.ofSeconds(30)));
        Instant now = app.redisBroker().time();
        app.redisBroker().recordPickups(Map.of("q1", now.minusSeconds(180)));
        // and a worker consuming q1 that last beat 50 s ago (frozen: past its 30 s lease) with a dead runner
        app.redisBroker().heartbeat("w1@host", now.minusSeconds(50), Map.of("queues", "q1", "concurrency", "4",
                "runners_alive", "3", "lease_ms", "30000"));
        app.redisBroker().heartbeat("w2@host", now, Map.of("queues", "idle", "concurrency", "1", "runners_alive", "1", "lease_ms", "30000"));
        app.redis().getList(app.keys().dead()).add("{\"reason\":\"x\"}\nnot a message");

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (FleetExporter exporter = exporter(registry, 50)) {
            Scrape scrape = pass(exporter, registry);

            assertEquals(1.0, scrape.value("celeriac_redis_up", ""), scrape::toString);
            assertEquals(3.0, scrape.value("celeriac_queue_waiting", "queue=\"q1\""));
            assertEquals(0.0, scrape.value("celeriac_queue_waiting", "queue=\"idle\""));
            double oldest = scrape.value("celeriac_queue_oldest_waiting_seconds", "queue=\"q1\"");
            assertTrue(oldest >= 115 && oldest < 200, "oldest waiting " + oldest);
            assertEquals(0.0, scrape.value("celeriac_queue_oldest_waiting_seconds", "queue=\"idle\""));
            double sincePickup = scrape.value("celeriac_queue_seconds_since_pickup", "queue=\"q1\"");
            assertTrue(sincePickup >= 179 && sincePickup < 200, "since pickup " + sincePickup);
            assertNull(scrape.value("celeriac_queue_seconds_since_pickup", "queue=\"idle\""), "never picked up: absent");
            assertEquals(0.0, scrape.value("celeriac_queue_consumers", "queue=\"q1\""), "its only worker is past its lease");
            assertEquals(1.0, scrape.value("celeriac_queue_consumers", "queue=\"idle\""));
            assertEquals(1.0, scrape.value("celeriac_queue_configured", "queue=\"q1\""));
            assertEquals(300.0, scrape.value("celeriac_queue_age_objective_seconds", "queue=\"q1\""));
            assertEquals(1.0, scrape.value("celeriac_delayed_messages", ""));
            double overdue = scrape.value("celeriac_delayed_overdue_seconds", "");
            assertTrue(overdue >= 89 && overdue < 110, "due 30 s after a send 2 minutes ago, and no forwarder runs: " + overdue);
            assertEquals(1.0, scrape.value("celeriac_dead_letters_stored", ""));
            double age = scrape.value("celeriac_worker_heartbeat_age_seconds", "worker=\"w1@host\"");
            assertTrue(age >= 50 && age < 60, "heartbeat age " + age);
            assertEquals(3.0, scrape.value("celeriac_worker_runners_alive", "worker=\"w1@host\""));
            assertEquals(4.0, scrape.value("celeriac_worker_concurrency", "worker=\"w1@host\""));
            assertEquals(1.0, scrape.value("celeriac_workers_alive", ""));
            assertEquals(0.0, scrape.value("celeriac_beat_leader_present", ""));
            assertNull(scrape.value("celeriac_beat_seconds_since_tick", ""), "no beat ever ran here");
        } finally {
            app.redisBroker().forget("w1@host");
            app.redisBroker().forget("w2@host");
        }
    }

    @Test
    void reads_the_beat_leader_its_last_pass_and_how_late_the_most_overdue_enabled_entry_is() {
        io.celeriac.beat.redis.BeatStore store = io.celeriac.beat.redis.BeatStore.of(app);
        Instant now = app.redisBroker().time();
        io.celeriac.beat.BeatConfig config = io.celeriac.beat.BeatConfig.from(io.celeriac.core.config.AppConfigLoader.fromYaml("""
                beat:
                  entries:
                    hourly: {task: x.hourly, every: 1h}
                    off: {task: x.off, every: 1m, enabled: false}
                """).section("beat"));
        // entries synced two hours ago and never fired since: the hourly one (on the hour grid) is 1-2 hours late; the disabled one does not count
        io.celeriac.beat.ConfigSync.apply(store, config.entries(), now.minus(Duration.ofHours(2)));
        new io.celeriac.beat.redis.BeatLease(app.redis(), store.keys(), "beat-1", Duration.ofSeconds(2)).acquireOrRenew(now.minusSeconds(3));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (FleetExporter exporter = exporter(registry, 50)) {
            Scrape scrape = pass(exporter, registry);
            assertEquals(0.0, scrape.value("celeriac_beat_leader_present", ""), "its 2 s lease ran out a second ago");
            double tick = scrape.value("celeriac_beat_seconds_since_tick", "");
            assertTrue(tick >= 3 && tick < 10, "since the leader's last pass: " + tick);
            assertEquals(1.0, scrape.value("celeriac_beat_entries", ""), "only the enabled entry");
            double overdue = scrape.value("celeriac_beat_overdue_seconds", "");
            assertTrue(overdue > 3600 && overdue <= 7200 + 10, "its first due time after the sync, 1-2 hours ago: " + overdue);

            new io.celeriac.beat.redis.BeatLease(app.redis(), store.keys(), "beat-1", Duration.ofSeconds(5)).acquireOrRenew(app.redisBroker().time());
            assertEquals(1.0, pass(exporter, registry).value("celeriac_beat_leader_present", ""));
        } finally {
            app.redis().getKeys().deleteByPattern(store.keys().pattern());
        }
    }

    @Test
    void a_python_message_ages_from_when_the_exporter_first_saw_it() {
        String python = "{\"body\": \"W1tdLCB7fSwge31d\", \"content-encoding\": \"utf-8\", \"content-type\": \"application/json\", "
                + "\"headers\": {\"lang\": \"py\", \"task\": \"x.y\", \"id\": \"1\", \"eta\": null}, \"properties\": {\"delivery_tag\": \"t1\"}}";
        app.redis().getList(app.keys().queueList("py", 0)).add(python);
        app.redisBroker().recordPickups(Map.of("py", app.redisBroker().time()));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (FleetExporter exporter = exporter(registry, 50)) {
            assertEquals(0.0, pass(exporter, registry).value("celeriac_queue_oldest_waiting_seconds", "queue=\"py\""));
            double later = io.celeriac.core.testing.Eventually.value("the age grows", Duration.ofSeconds(10), () -> {
                double v = pass(exporter, registry).value("celeriac_queue_oldest_waiting_seconds", "queue=\"py\"");
                return v >= 1 ? v : null;
            });
            assertTrue(later < 10, "a lower bound from first sight: " + later);
        } finally {
            app.redis().getKeys().delete(app.keys().queueList("py", 0));
        }
    }

    @Test
    void hostile_queue_names_fold_into_other() {
        // given 30 queues declared in kombu's binding (as any client may), one with a control character
        for (int i = 0; i < 30; i++) {
            String queue = i == 0 ? "evil\nqueue" : "h" + i;
            app.redis().getSet(app.keys().binding(queue)).add(RedisKeys.bindingMember(queue));
            app.redis().getList(app.keys().queueList(queue, 0)).add("junk " + i);
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (FleetExporter exporter = exporter(registry, 5)) {
            Scrape scrape = pass(exporter, registry);
            Map<String, Double> waiting = scrape.all("celeriac_queue_waiting");
            assertEquals(app.config().queues().size() + 5 + 1, waiting.size(), "configured + 5 + other: " + waiting.keySet());
            double total = waiting.values().stream().mapToDouble(Double::doubleValue).sum();
            assertTrue(total >= 30, "every message still counted: " + waiting);
            assertTrue(scrape.value("celeriac_queue_waiting", "queue=\"other\"") >= 25, waiting::toString);
            assertTrue(waiting.keySet().stream().noneMatch(k -> k.contains("evil")), waiting::toString);
        } finally {
            for (int i = 0; i < 30; i++) {
                String queue = i == 0 ? "evil\nqueue" : "h" + i;
                app.redis().getKeys().delete(app.keys().binding(queue), app.keys().queueList(queue, 0));
            }
        }
    }

    @Test
    void an_unreachable_redis_is_redis_up_0_and_the_exporter_keeps_serving() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ExporterSettings settings = new ExporterSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 5, 10, List.of("q1"),
                QueueObjectives.from(com.fasterxml.jackson.databind.node.MissingNode.getInstance()));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (FleetExporter exporter = FleetExporter.create(app.config(),
                io.celeriac.core.broker.redis.RedisUrl.parse("redis://127.0.0.1:" + closed + "/0"), null, Settings.EMPTY,
                settings, registry, Clock.systemUTC())) {
            Scrape scrape = pass(exporter, registry);
            assertEquals(0.0, scrape.value("celeriac_redis_up", ""), scrape::toString);
            assertTrue(scrape.all("celeriac_queue_waiting").isEmpty(), "no stale numbers while Redis is away");
            assertTrue(exporter.redisProblem().startsWith("unreachable"), exporter.redisProblem());
            assertEquals(0.0, pass(exporter, registry).value("celeriac_redis_up", ""), "and again, without throwing");
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
