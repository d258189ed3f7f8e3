package io.celeriac.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.testing.ManualClock;
import io.celeriac.db.Database;
import io.celeriac.db.testing.TestDatabase;
import io.celeriac.http.CircuitBreakers;
import io.celeriac.http.ProviderUnavailableException;
import io.celeriac.sync.calendar.CalendarSync;
import io.celeriac.sync.db.CalendarStore;
import io.celeriac.sync.db.SourceCatalog;
import io.celeriac.sync.db.SourceStore;
import io.celeriac.sync.http.SyncHttp;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One user's feeds against everyone else's, with real slow and failing servers: lanes, budgets
 * and breakers keep a user's trouble that user's.
 */
class CalendarFairnessIT {
    private static final String DAY = LocalDate.now(ZoneOffset.UTC).plusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE);
    /** Never counted down: awaiting it with a timeout is how a slow server takes its time. */
    private static final CountDownLatch NEVER = new CountDownLatch(1);

    private Database database;
    private FeedServer server;
    private SourceCatalog catalog;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final List<SyncHttp> clients = new java.util.ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        database = TestDatabase.migrated();
        server = new FeedServer();
        catalog = new SourceCatalog(database);
    }

    @AfterEach
    void tearDown() {
        clients.forEach(SyncHttp::close);
        server.close();
        database.jdbi().useHandle(h -> h.execute("DROP SCHEMA " + database.schema() + " CASCADE"));
        database.close();
    }

    private static String feed(String uid) {
        return String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT", "UID:" + uid,
                "DTSTAMP:20260101T000000Z", "DTSTART:" + DAY + "T090000Z", "DTEND:" + DAY + "T100000Z", "SUMMARY:" + uid,
                "END:VEVENT", "END:VCALENDAR", "");
    }

    /** A feed that answers after 400 ms (the client's read timeout is 2 s), counting how many are served at once. */
    private void slow(String path) {
        server.routes.put(path, request -> {
            int now = inFlight.incrementAndGet();
            mostInFlight.accumulateAndGet(now, Math::max);
            try {
                NEVER.await(400, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return new MockResponse.Builder().addHeader("Content-Type", "text/calendar").body(feed(path)).build();
        });
    }

    private CalendarSync sync(String more, Clock clock) {
        SyncSettings settings = SyncFixtures.settings("http://unused.invalid", "  read_timeout: 2s\n" + more);
        SyncHttp http = new SyncHttp(settings, clock);
        clients.add(http);
        return new CalendarSync(new SourceStore(database), new CalendarStore(database), http.feeds(),
                SyncTasks.breakers(settings, clock), settings);
    }

    private long events(long user) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM sync_calendar_events WHERE user_id = :u")
                .bind("u", user).mapTo(Long.class).one());
    }

    private static List<String> deferredReasons(SyncReport report) {
        return report.outcomes().stream().filter(o -> o instanceof SourceOutcome.Deferred)
                .map(o -> ((SourceOutcome.Deferred) o).reason()).distinct().toList();
    }

    @Test
    void one_users_slow_feeds_hold_one_lane_and_stop_at_their_budget_while_every_other_user_syncs() {
        long mallory = SyncFixtures.user(database, "Mallory", "UTC");
        for (int i = 1; i <= 10; i++) {
            slow("/slow-" + i + ".ics");
            catalog.addCalendar(mallory, "slow " + i, server.url("/slow-" + i + ".ics", false));
        }
        List<Long> others = new java.util.ArrayList<>();
        for (String name : List.of("Ada", "Bob", "Carol", "Dan")) {
            long user = SyncFixtures.user(database, name, "UTC");
            server.routes.put("/" + name + ".ics", FeedServer.feed(feed(name), "\"" + name + "\"", false));
            catalog.addCalendar(user, name, server.url("/" + name + ".ics", false));
            others.add(user);
        }

        SyncReport report = sync("  calendar_concurrency: 2\n  calendar_user_budget: 1s\n", Clock.systemUTC()).run(null, Clock.systemUTC());

        others.forEach(user -> assertEquals(1, events(user), "user " + user + " synced in the same run"));
        assertTrue(mostInFlight.get() <= 1, "one user's feeds are read one after another: " + mostInFlight.get());
        long deferred = report.toResult().get("deferred") instanceof Long d ? d : -1;
        assertTrue(deferred >= 5, "10 feeds of 400 ms cannot all start within 1 s: " + report.toResult());
        assertEquals(List.of("not read in this run: its user's feeds used up their time budget"), deferredReasons(report));
        assertThrows(ProviderUnavailableException.class, () -> report.retryIfDeferred(SyncFixtures.task(Clock.systemUTC())),
                "the task retries with backoff to read the rest");
    }

    @Test
    void fetches_run_at_most_concurrency_at_once_and_nothing_starts_after_the_runs_budget() {
        for (int i = 1; i <= 12; i++) {
            long user = SyncFixtures.user(database, "User " + i, "UTC");
            slow("/user-" + i + ".ics");
            catalog.addCalendar(user, "feed " + i, server.url("/user-" + i + ".ics", false));
        }

        SyncReport report = sync("  calendar_concurrency: 3\n  calendar_run_budget: 1s\n  calendar_user_budget: 1s\n",
                Clock.systemUTC()).run(null, Clock.systemUTC());

        assertTrue(mostInFlight.get() >= 2 && mostInFlight.get() <= 3, "three lanes at once: " + mostInFlight.get());
        assertTrue((Long) report.toResult().get("synced") >= 3, report.toResult().toString());
        assertTrue((Long) report.toResult().get("deferred") >= 1, "12 feeds of 400 ms, 3 at a time, cannot all start within 1 s");
        assertEquals(List.of("not read in this run: the run's time budget was used up"), deferredReasons(report), report.toResult().toString());
    }

    @Test
    void one_users_failing_feeds_at_a_host_never_defer_another_users_feed_there() throws IOException {
        ManualClock clock = new ManualClock(Instant.now());
        long mallory = SyncFixtures.user(database, "Mallory", "UTC");
        long ada = SyncFixtures.user(database, "Ada", "UTC");
        for (int i = 1; i <= 4; i++) {
            server.routes.put("/broken-" + i + ".ics", FeedServer.status(503));
            catalog.addCalendar(mallory, "broken " + i, server.url("/broken-" + i + ".ics", false));
            try (ServerSocket probe = new ServerSocket(0)) {
                catalog.addCalendar(mallory, "closed " + i, "http://localhost:" + probe.getLocalPort() + "/x.ics");
            }
        }
        server.routes.put("/ada.ics", FeedServer.feed(feed("ada"), "\"a\"", true));
        catalog.addCalendar(ada, "Ada", server.url("/ada.ics", false));
        CalendarSync sync = sync("", clock);

        for (int run = 1; run <= 4; run++) {
            Object adaSynced = sync.run(null, clock).outcomes().stream()
                    .filter(o -> o instanceof SourceOutcome.Synced || o instanceof SourceOutcome.NotModified).count();
            assertEquals(1L, adaSynced, "run " + run + ": the victim's feed on the same host:port is read");
            clock.advance(Duration.ofMinutes(1));
        }

        assertEquals(4L, server.count("/ada.ics"));
        assertEquals(3L, server.count("/broken-1.ics"),
                "the failing feed's own breaker opened after two failures; two minutes later one trial call failed again");
    }

    @Test
    void failures_of_several_users_at_a_host_open_its_shared_breaker() {
        ManualClock clock = new ManualClock(Instant.now());
        for (String name : List.of("Ada", "Bob")) {
            long user = SyncFixtures.user(database, name, "UTC");
            server.routes.put("/" + name + ".ics", FeedServer.status(503));
            catalog.addCalendar(user, name, server.url("/" + name + ".ics", false));
        }
        SyncSettings settings = SyncFixtures.settings("http://unused.invalid");
        CircuitBreakers breakers = SyncTasks.breakers(settings, clock);
        SyncHttp http = new SyncHttp(settings, clock);
        clients.add(http);
        CalendarSync sync = new CalendarSync(new SourceStore(database), new CalendarStore(database), http.feeds(), breakers, settings);
        String host = "calendar feed localhost:" + server.server.getPort();

        assertFalse(breakers.isOpen(host));

        sync.run(null, clock);

        assertTrue(breakers.isOpen(host), "two calls (the minimum), both failed, for two users: the host is skipped for everyone");
    }
}
