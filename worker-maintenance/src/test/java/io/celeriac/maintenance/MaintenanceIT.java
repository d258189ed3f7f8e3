package io.celeriac.maintenance;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.core.testing.TestApp;
import io.celeriac.db.AdvisoryLock;
import io.celeriac.db.Database;
import io.celeriac.db.testing.TestDatabase;
import io.celeriac.maintenance.db.DatabaseOptimizer;
import io.celeriac.maintenance.db.SessionCleaner;
import io.celeriac.maintenance.redis.BrokerJanitor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The maintenance work against the real PostgreSQL (a fresh schema) and Redis (random prefixes). */
class MaintenanceIT {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T04:00:00Z"));
    private Application app;
    private Database database;
    private long user;

    @BeforeEach
    void setUp() {
        app = TestDatabase.app(clock, null);
        database = Database.of(app);
        user = database.jdbi().withHandle(h -> h.createUpdate("INSERT INTO users (name) VALUES ('Ada')")
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    /** {@code count} sessions expiring at {@code expiresAt}. */
    private void sessions(int count, Instant expiresAt, String tag) {
        database.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO user_sessions (user_id, token_hash, expires_at)
                        SELECT :user, :tag || g, :at FROM generate_series(1, :n) g""")
                .bind("user", user).bind("tag", tag).bind("n", count)
                .bind("at", expiresAt.atOffset(java.time.ZoneOffset.UTC)).execute());
    }

    private int sessionCount() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM user_sessions").mapTo(Integer.class).one());
    }

    /** {@code count} sessions expiring at the database's {@code now() + interval}. */
    private void sessionsFromNow(int count, String interval, String tag) {
        database.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO user_sessions (user_id, token_hash, expires_at)
                        SELECT :user, :tag || g, now() + CAST(:interval AS INTERVAL) FROM generate_series(1, :n) g""")
                .bind("user", user).bind("tag", tag).bind("n", count).bind("interval", interval).execute());
    }

    @Test
    void expired_sessions_are_deleted_in_batches_and_live_ones_are_kept() {
        sessionsFromNow(2500, "-3 days", "old-");
        sessionsFromNow(10, "1 hour", "live-");

        SessionCleaner.Result result = new SessionCleaner(database, 1000).deleteExpired();

        assertEquals(2500, result.deleted());
        assertEquals(3, result.batches(), "1000 + 1000 + 500");
        assertEquals(10, sessionCount());
    }

    @Test
    void the_task_judges_expiry_by_the_databases_clock_not_the_workers() throws Exception {
        sessionsFromNow(3, "-1 minute", "expired-");
        sessionsFromNow(4, "1 day", "live-");
        clock.set(Instant.parse("2036-01-01T00:00:00Z")); // a worker whose clock runs ten years ahead
        TaskRegistry registry = new TaskRegistry();
        new MaintenanceTasks().register(registry, app);

        // the handler reads nothing of its task context
        Object result = registry.find(MaintenanceTasks.CLEANUP_OLD_SESSIONS).orElseThrow().handler().run(null);

        assertEquals(3L, ((java.util.Map<?, ?>) result).get("deleted"));
        assertEquals(4, sessionCount(), "sessions the database calls live stay, whatever the worker's clock says");
    }

    @Test
    void optimize_vacuums_every_table_of_the_schema_and_reports_dead_tuples_before_and_after() {
        sessions(3000, clock.instant().minus(Duration.ofDays(1)), "s-");
        database.jdbi().useHandle(h -> {
            h.execute("DELETE FROM user_sessions WHERE id % 2 = 0");
            h.createQuery("SELECT pg_stat_force_next_flush()").mapTo(String.class).one();
        });
        Eventually.await("the statistics to count dead tuples", Duration.ofSeconds(15), () -> deadTuples() >= 1500);

        List<DatabaseOptimizer.TableResult> results = new DatabaseOptimizer(database, Duration.ofSeconds(5)).run();

        DatabaseOptimizer.TableResult sessions = results.stream()
                .filter(r -> r.before().table().equals("user_sessions")).findFirst().orElseThrow();
        assertNull(sessions.error());
        assertTrue(sessions.before().deadTuples() >= 1500, "before: " + sessions.before());
        // Not "< before": a long transaction elsewhere in the shared test database can hold back
        // the xmin horizon, and VACUUM may not remove what such a snapshot can still see.
        assertTrue(sessions.after().deadTuples() <= sessions.before().deadTuples(), "after: " + sessions.after());
        assertTrue(sessions.before().bytes() > 0);
        assertTrue(results.stream().anyMatch(r -> r.before().table().equals("users")));
        assertTrue(vacuumCount() >= 1, "VACUUM ran on user_sessions");
        Map<String, Object> report = OptimizeReport.of(results);
        assertEquals(results.size(), report.get("vacuumed"));
    }

    private long deadTuples() {
        return database.jdbi().withHandle(h -> h.createQuery(
                "SELECT coalesce(n_dead_tup, 0) FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = 'user_sessions'")
                .mapTo(Long.class).findOne().orElse(0L));
    }

    private long vacuumCount() {
        return database.jdbi().withHandle(h -> h.createQuery(
                "SELECT vacuum_count FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = 'user_sessions'")
                .mapTo(Long.class).one());
    }

    @Test
    void a_maintenance_task_skips_while_another_holds_the_lock_and_runs_once_it_is_free() {
        Exclusive exclusive = new Exclusive(app);
        AtomicBoolean ran = new AtomicBoolean();

        Map<String, Object> skipped;
        Optional<AdvisoryLock.Held> other = new AdvisoryLock(database, Exclusive.LOCK_NAME).tryAcquire();
        AdvisoryLock.Held held = other.orElseThrow();
        try {
            skipped = exclusive.run(() -> {
                ran.set(true);
                return Map.of();
            });
        } finally {
            held.close();
        }
        Map<String, Object> done = exclusive.run(() -> Map.of("done", true));

        assertTrue(skipped.containsKey("skipped"));
        assertFalse(ran.get(), "the work never started");
        assertEquals(Map.of("done", true), done);
    }

    @Test
    void expired_dead_letters_and_long_dead_workers_are_removed_without_losing_in_flight_messages() {
        RedisKeys keys = app.keys();
        Instant now = clock.instant();
        for (Duration age : List.of(Duration.ofDays(20), Duration.ofDays(15), Duration.ofDays(1))) {
            byte[] entry = new DeadLetterEntry("boom", "celery", "id-" + age.toDays(), "t.x", now.minus(age), "{}")
                    .encode();
            app.redis().<String>getDeque(keys.dead()).addFirst(new String(entry, java.nio.charset.StandardCharsets.UTF_8));
        }
        String source = keys.queueList("celery", 0);
        app.redis().<String, String>getMap(keys.worker("gone@host")).put("sources", source);
        app.redis().<String>getScoredSortedSet(keys.workers()).add(now.minus(Duration.ofDays(2)).toEpochMilli(), "gone@host");
        app.redis().<String>getDeque(keys.inflight("gone@host", source)).addFirst("{\"in\":\"flight\"}");
        app.redis().<String>getScoredSortedSet(keys.workers()).add(now.minusSeconds(5).toEpochMilli(), "alive@host");

        BrokerJanitor.Result result = new BrokerJanitor(app.redisBroker()).run(clock, Duration.ofDays(14), Duration.ofDays(1));

        assertEquals(2, result.deadLettersDropped());
        assertEquals(1, result.workersRemoved());
        assertEquals(1, result.messagesRequeued());
        assertEquals(1, app.redis().getList(keys.dead()).size());
        assertEquals(List.of("{\"in\":\"flight\"}"), app.redis().<String>getList(source).readAll());
        assertEquals(List.of("alive@host"), List.copyOf(app.redisBroker().workerHeartbeats().keySet()));
        assertTrue(app.redisBroker().workerRecord("gone@host").isEmpty());
    }
}
