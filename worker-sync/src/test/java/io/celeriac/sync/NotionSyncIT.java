package io.celeriac.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.db.Database;
import io.celeriac.core.task.Retry;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.core.testing.TestDatabase;
import io.celeriac.sync.db.NotionStore;
import io.celeriac.sync.db.SourceStore;
import io.celeriac.sync.http.SyncHttp;
import io.celeriac.sync.notion.NotionSync;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** sync_notion_pages against Notion's search API as MockWebServer plays it, and a real PostgreSQL. */
class NotionSyncIT {
    private static final String TOKEN = "secret_t0k3nOfAda";
    private static final String SECOND_TOKEN = "secret_other";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T12:00:00Z"));
    private Database database;
    private FeedServer server;
    private SyncHttp http;
    private NotionSync sync;
    private SourceStore sources;
    private long ada;

    @BeforeEach
    void setUp() throws Exception {
        database = TestDatabase.migrated();
        server = new FeedServer();
        SyncSettings settings = SyncFixtures.settings(server.url("/", false));
        http = new SyncHttp(settings, clock);
        sources = new SourceStore(database);
        sync = new NotionSync(sources, new NotionStore(database), http.notion(), new ProviderBreakers(settings, clock));
        ada = sources.addNotionSource(SyncFixtures.user(database, "Ada", "UTC"), "Ada's workspace", TOKEN);
        server.routes.put("/v1/search", NotionSyncIT::search);
    }

    @AfterEach
    void tearDown() {
        http.close();
        server.close();
        database.close();
    }

    /** Notion as documented: bearer token, version header, two pages of results linked by next_cursor. */
    private static MockResponse search(RecordedRequest request) {
        if (!("Bearer " + TOKEN).equals(request.getHeaders().get("Authorization"))) {
            return FeedServer.status(401).apply(request);
        }
        if (!"2022-06-28".equals(request.getHeaders().get("Notion-Version"))) {
            return FeedServer.status(400).apply(request);
        }
        boolean second = request.getBody().utf8().contains("\"start_cursor\":\"a1b2c3d4-0000-4000-8000-00000000aaaa\"");
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(SyncFixtures.resource(second ? "notion/search-2.json" : "notion/search-1.json")).build();
    }

    private Map<String, Object> page(String id) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM sync_notion_pages WHERE page_id = :id")
                .bind("id", id).mapToMap().one());
    }

    private Instant cursor() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT cursor FROM sync_notion_sources WHERE id = :id")
                .bind("id", ada).mapTo(java.time.OffsetDateTime.class).findOne().map(java.time.OffsetDateTime::toInstant).orElse(null));
    }

    @Test
    void the_first_sync_follows_the_cursor_through_both_pages_and_stores_every_page() {
        Map<String, Object> result = sync.run(null, clock).toResult();

        assertEquals(5, result.get("created"));
        assertEquals(2L, server.count("/v1/search"));
        assertTrue(server.requests.get(1).getBody().utf8().contains("\"start_cursor\""));
        Map<String, Object> planning = page("59833787-2cf9-4fdf-8782-e53db20768a5");
        assertEquals("Quarterly planning", planning.get("title"), "a title's rich-text parts are joined");
        assertEquals("database_id", planning.get("parent_type"));
        assertEquals("d9824bdc-8445-4327-be8b-5b47500af6ce", planning.get("parent_id"));
        assertEquals("https://www.notion.so/Quarterly-planning-598337872cf94fdf8782e53db20768a5", planning.get("url"));
        Map<String, Object> old = page("a1b2c3d4-0000-4000-8000-00000000aaaa");
        assertEquals(true, old.get("archived"));
        assertEquals("workspace", old.get("parent_type"));
        assertNull(old.get("parent_id"));
        assertEquals(Instant.parse("2026-11-19T16:42:00Z"), cursor(), "the newest edit seen");
    }

    @Test
    void a_second_sync_reads_only_pages_edited_since_the_cursor_and_changes_nothing() {
        sync.run(null, clock);

        Map<String, Object> second = sync.run(null, clock).toResult();

        assertEquals(List.of(0, 0), List.of(second.get("created"), second.get("updated")));
        assertEquals(3L, server.count("/v1/search"), "one request: page one already reaches older pages");
    }

    @Test
    void a_page_edited_again_is_updated() {
        sync.run(null, clock);
        server.routes.put("/v1/search", request -> new MockResponse.Builder().code(200)
                .body(SyncFixtures.resource("notion/search-1.json")
                        .replace("\"2026-11-19T16:42:00.000Z\"", "\"2026-11-20T11:58:00.000Z\"")
                        .replace("Quarterly ", "Quarterly (v2) ")).build());

        Map<String, Object> second = sync.run(null, clock).toResult();

        assertEquals(1, second.get("updated"));
        assertEquals("Quarterly (v2) planning", page("59833787-2cf9-4fdf-8782-e53db20768a5").get("title"));
        assertEquals(Instant.parse("2026-11-20T11:58:00Z"), cursor());
    }

    @Test
    void a_401_marks_the_integration_as_needing_attention_without_a_retry_and_others_still_sync() {
        long other = sources.addNotionSource(SyncFixtures.user(database, "Bob", "UTC"), "", SECOND_TOKEN);

        SyncReport report = sync.run(null, clock);
        report.retryIfDeferred(SyncFixtures.task(clock));

        assertEquals(1L, report.toResult().get("needs_attention"));
        assertEquals(5, report.toResult().get("created"));
        assertEquals(List.of("Notion integration #" + other), sources.needingAttention(
                database.jdbi().withHandle(h -> h.createQuery("SELECT user_id FROM sync_notion_sources WHERE id = :id")
                        .bind("id", other).mapTo(Long.class).one())));
        assertFalse(report.toResult().toString().contains("secret"), "no token in the task's result");
    }

    @Test
    void a_429_keeps_the_cursor_and_retries_the_task_after_the_retry_after() {
        server.routes.put("/v1/search", request -> request.getBody().utf8().contains("start_cursor")
                ? FeedServer.status(429, "Retry-After", "30").apply(request) : search(request));

        SyncReport report = sync.run(null, clock);

        Retry retry = assertThrows(Retry.class, () -> report.retryIfDeferred(SyncFixtures.task(clock)));
        assertEquals(Duration.ofSeconds(30), retry.countdown());
        assertNull(cursor(), "an incomplete sync does not move the cursor");
        int stored = database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM sync_notion_pages")
                .mapTo(Integer.class).one());
        assertEquals(3, stored, "the first page is kept; the retry upserts it again harmlessly");
    }
}
