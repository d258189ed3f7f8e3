package io.celeriac.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.digest.DigestContributor;
import io.celeriac.core.digest.DigestSection;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.worker.Worker;
import io.celeriac.db.Database;
import io.celeriac.db.testing.TestDatabase;
import io.celeriac.sync.db.SourceCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The module as a worker runs it: found by ServiceLoader, routed to sync_tasks, its result stored; then the digest. */
class SyncTasksIT {
    private Application app;
    private Worker worker;
    private FeedServer server;

    @BeforeEach
    void setUp() throws Exception {
        server = new FeedServer();
        app = TestDatabase.app(Clock.systemUTC(), """
                routes:
                  "personal_assistant.workers.tasks.sync_tasks.*": sync_tasks
                sync:
                  read_timeout: 2s
                  allowed_networks: ["127.0.0.0/8"]
                """);
        worker = TestApp.worker(app, app.registry(), TestApp.settings("sync@test", List.of("sync_tasks"), 2));
        worker.start();
    }

    @AfterEach
    void tearDown() {
        worker.shutdown();
        app.close();
        server.close();
    }

    @Test
    void sync_calendar_events_runs_on_a_worker_and_the_digest_shows_the_day_with_its_conflicts() {
        LocalDate tomorrow = LocalDate.now(Clock.systemUTC()).plusDays(1);
        String day = tomorrow.format(DateTimeFormatter.BASIC_ISO_DATE);
        String feed = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
                "BEGIN:VEVENT", "UID:planning@test", "DTSTAMP:20260101T000000Z", "DTSTART:" + day + "T090000Z",
                "DTEND:" + day + "T100000Z", "SUMMARY:Planning", "END:VEVENT",
                "BEGIN:VEVENT", "UID:lunch@test", "DTSTAMP:20260101T000000Z", "DTSTART:" + day + "T093000Z",
                "DTEND:" + day + "T103000Z", "SUMMARY:Early lunch", "END:VEVENT", "END:VCALENDAR", "");
        server.routes.put("/cal.ics", FeedServer.feed(feed, "\"v1\"", true));
        long user = SyncFixtures.user(Database.of(app), "Ada", "UTC");
        new SourceCatalog(Database.of(app)).addCalendar(user, "Main", server.url("/cal.ics", false));

        JsonNode result = app.client().send(SyncTasks.SYNC_CALENDAR_EVENTS, List.of(), Map.of(), SendOptions.defaults())
                .get(Duration.ofSeconds(30));

        assertEquals(2, result.get("created").asInt());
        assertEquals(2, result.get("conflicts").asInt());
        DigestContributor digest = ServiceLoader.load(DigestContributor.class).stream()
                .map(ServiceLoader.Provider::get).filter(c -> c instanceof CalendarDigest).findFirst().orElseThrow();
        List<DigestSection> sections = digest.sections(user, tomorrow, ZoneOffset.UTC, app);
        assertEquals("Today's calendar events", sections.get(0).title());
        assertEquals(List.of("09:00-10:00  Planning  [conflicts with another event]",
                "09:30-10:30  Early lunch  [conflicts with another event]"), sections.get(0).lines());
        assertTrue(digest.sections(user, tomorrow.plusDays(1), ZoneOffset.UTC, app).isEmpty());
    }

    @Test
    void sync_notion_pages_with_no_integrations_reports_zero_sources() {
        JsonNode result = app.client().send(SyncTasks.SYNC_NOTION_PAGES, List.of(), Map.of(), SendOptions.defaults())
                .get(Duration.ofSeconds(30));

        assertEquals(0, result.get("sources").asInt());
    }
}
