package io.celeriac.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.celeriac.core.task.Retry;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.db.Database;
import io.celeriac.db.testing.TestDatabase;
import io.celeriac.http.ProviderUnavailableException;
import io.celeriac.sync.calendar.CalendarSync;
import io.celeriac.sync.db.CalendarStore;
import io.celeriac.sync.db.SourceCatalog;
import io.celeriac.sync.db.SourceStore;
import io.celeriac.sync.http.SyncHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** sync_calendar_events against real iCalendar documents served over HTTP and a real PostgreSQL. */
class CalendarSyncIT {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T12:00:00Z"));
    private Database database;
    private FeedServer server;
    private SyncHttp http;
    private CalendarSync sync;
    private SourceStore sources;
    private long work;
    private long personal;

    @BeforeEach
    void setUp() throws Exception {
        database = TestDatabase.migrated();
        server = new FeedServer();
        SyncSettings settings = SyncFixtures.settings("http://unused.invalid");
        http = new SyncHttp(settings, clock);
        sources = new SourceStore(database);
        sync = new CalendarSync(sources, new CalendarStore(database), http.feeds(), SyncTasks.breakers(settings, clock), settings);
        long user = SyncFixtures.user(database, "Ada", "Europe/Paris");
        SourceCatalog catalog = new SourceCatalog(database);
        work = catalog.addCalendar(user, "Work", server.url("/work.ics", false)).id();
        personal = catalog.addCalendar(user, "Personal", server.url("/personal.ics", true)).id();
        server.routes.put("/work.ics", FeedServer.feed(SyncFixtures.resource("feeds/work.ics"), "\"w1\"", true));
        server.routes.put("/personal.ics", FeedServer.feed(SyncFixtures.resource("feeds/personal.ics"), "\"p1\"", true));
    }

    @AfterEach
    void tearDown() {
        http.close();
        server.close();
        database.close();
    }

    private Map<String, Object> run() {
        return sync.run(null, clock).toResult();
    }

    /** uid/recurrence id -> "summary|start|end|conflict|updated_at" of every stored event. */
    private Map<String, String> rows() {
        Map<String, String> rows = new TreeMap<>();
        database.jdbi().useHandle(h -> h.createQuery("""
                        SELECT uid || '/' || recurrence_id AS k,
                               summary || '|' || starts_at || '|' || ends_at || '|' || conflict || '|' || updated_at AS v
                        FROM sync_calendar_events""")
                .mapToMap().forEach(r -> rows.put((String) r.get("k"), (String) r.get("v"))));
        return rows;
    }

    private List<String> conflicting() {
        return database.jdbi().withHandle(h -> h.createQuery(
                "SELECT summary FROM sync_calendar_events WHERE conflict ORDER BY summary").mapTo(String.class).list());
    }

    @Test
    void the_first_run_stores_every_occurrence_in_the_window_and_flags_overlaps_across_a_users_feeds() {
        Map<String, Object> result = run();

        assertEquals(8, result.get("created"), "6 from work (3 standups, NY call, holiday, review), 2 personal");
        assertEquals(0, result.get("updated"));
        assertEquals(0, result.get("deleted"));
        assertEquals(2L, result.get("synced"));
        assertEquals(4, result.get("conflicts"));
        assertEquals(List.of("Call with the New York office", "Dentist", "Design review", "Weekly standup (moved)"),
                conflicting(), "transparent events and all-day events never conflict");
        assertEquals(8, rows().size());
    }

    @Test
    void a_second_run_sends_the_validators_gets_304_and_changes_nothing() {
        run();
        Map<String, String> before = rows();

        Map<String, Object> second = run();

        assertEquals(2L, second.get("not_modified"));
        assertEquals(List.of(0, 0, 0), List.of(second.get("created"), second.get("updated"), second.get("deleted")));
        assertEquals(4, second.get("conflicts"));
        assertEquals(before, rows());
        assertEquals("\"w1\"", server.last("/work.ics").getHeaders().get("If-None-Match"));
        assertEquals("Sun, 01 Nov 2026 08:00:00 GMT", server.last("/work.ics").getHeaders().get("If-Modified-Since"));
    }

    @Test
    void a_feed_served_again_in_full_writes_nothing() {
        server.routes.put("/work.ics", FeedServer.feed(SyncFixtures.resource("feeds/work.ics"), "\"w1\"", false));
        run();
        Map<String, String> before = rows();

        Map<String, Object> second = run();

        assertEquals(List.of(0, 0, 0), List.of(second.get("created"), second.get("updated"), second.get("deleted")));
        assertEquals(before, rows(), "no row rewritten, not even its updated_at");
    }

    @Test
    void an_edited_feed_updates_what_changed_and_removes_what_vanished() {
        run();
        String edited = SyncFixtures.resource("feeds/work.ics")
                .replace("SUMMARY:Design review", "SUMMARY:Design review (final)")
                .replaceAll("(?s)BEGIN:VEVENT\r?\nUID:ny-call.*?END:VEVENT\r?\n", "");
        server.routes.put("/work.ics", FeedServer.feed(edited, "\"w2\"", true));
        clock.advance(Duration.ofMinutes(5));

        Map<String, Object> second = run();

        assertEquals(List.of(0, 1, 1), List.of(second.get("created"), second.get("updated"), second.get("deleted")));
        assertEquals(List.of("Design review (final)", "Weekly standup (moved)"), conflicting(),
                "the dentist no longer overlaps anything busy");
    }

    @Test
    void a_feed_read_only_conditionally_for_a_day_is_read_in_full_so_the_window_moves_on() {
        run();
        clock.advance(Duration.ofDays(8));

        Map<String, Object> later = run();

        assertNull(server.last("/work.ics").getHeaders().get("If-None-Match"));
        assertEquals(2, later.get("created"), "the standups of 21 and 28 December entered the window");
        assertFalse(rows().keySet().stream().anyMatch(k -> k.startsWith("design-review")), "ended before the window");
    }

    @Test
    void a_feed_answering_401_needs_attention_and_the_other_feed_still_syncs() {
        server.routes.put("/work.ics", FeedServer.status(401));

        SyncReport report = sync.run(null, clock);
        report.retryIfDeferred(SyncFixtures.task(clock));
        Map<String, Object> next = run();

        assertEquals(1L, report.toResult().get("needs_attention"));
        assertEquals(2, report.toResult().get("created"));
        assertEquals(1L, server.count("/work.ics"), "a source needing attention is not asked again");
        assertEquals(1, next.get("sources"));
        assertEquals(List.of("Work"), sources.needingAttention(sourcesUser()));
    }

    @Test
    void a_429_defers_the_feed_and_the_task_retries_after_the_retry_after() {
        server.routes.put("/work.ics", FeedServer.status(429, "Retry-After", "120"));

        SyncReport report = sync.run(null, clock);

        assertEquals(2, report.toResult().get("created"), "the personal feed synced regardless");
        Retry retry = assertThrows(Retry.class, () -> report.retryIfDeferred(SyncFixtures.task(clock)));
        assertEquals(Duration.ofSeconds(120), retry.countdown());
    }

    @Test
    void timeouts_retry_with_backoff_then_open_the_feeds_breaker_while_other_feeds_sync() {
        server.routes.put("/work.ics", r -> new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

        for (int attempt = 1; attempt <= 2; attempt++) {
            SyncReport report = sync.run(null, clock);
            assertThrows(ProviderUnavailableException.class, () -> report.retryIfDeferred(SyncFixtures.task(clock)),
                    "a timeout is left to the task's exponential backoff");
        }
        SyncReport tripped = sync.run(null, clock);

        assertEquals(2L, server.count("/work.ics"), "the feed's open breaker answers for it");
        assertEquals(3L, server.count("/personal.ics"), "other feeds have their own breakers");
        Retry retry = assertThrows(Retry.class, () -> tripped.retryIfDeferred(SyncFixtures.task(clock)));
        assertEquals(Duration.ofMinutes(2), retry.countdown(), "retry when the breaker half-opens");

        server.routes.put("/work.ics", FeedServer.feed(SyncFixtures.resource("feeds/work.ics"), "\"w1\"", true));
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        assertEquals(6, run().get("created"), "half-open, one trial call succeeds and the feed syncs");
    }

    private long sourcesUser() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT user_id FROM sync_calendar_sources WHERE id = :id")
                .bind("id", work).mapTo(Long.class).one());
    }
}
