package io.celeriac.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.task.Retry;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.db.Database;
import io.celeriac.db.testing.TestDatabase;
import io.celeriac.sync.db.NotionStore;
import io.celeriac.sync.db.SourceCatalog;
import io.celeriac.sync.db.SourceStore;
import io.celeriac.sync.http.SyncHttp;
import io.celeriac.sync.notion.NotionSync;
import io.celeriac.sync.secret.StoredToken;
import io.celeriac.sync.secret.TokenCipher;
import io.celeriac.sync.secret.TokenUnreadableException;
import io.celeriac.sync.secret.TokenVault;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * sync_notion_pages against Notion's search API as MockWebServer plays it, and a real PostgreSQL;
 * tokens sealed under a test key unless a test says otherwise.
 */
class NotionSyncIT {
    private static final String TOKEN = "secret_t0k3nOfAda";
    private static final String SECOND_TOKEN = "secret_other";
    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];

    static {
        new java.util.SplittableRandom(7).nextBytes(KEY);
        new java.util.SplittableRandom(8).nextBytes(OTHER_KEY);
    }

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T12:00:00Z"));
    private Database database;
    private FeedServer server;
    private SyncHttp http;
    private NotionSync sync;
    private SourceStore sources;
    private SourceCatalog catalog;
    private NotionStore pages;
    private io.celeriac.http.CircuitBreakers breakers;
    private SyncSettings settings;
    private final TokenVault vault = new TokenVault(new TokenCipher(KEY, new SecureRandom()));
    private long ada;

    @BeforeEach
    void setUp() throws Exception {
        database = TestDatabase.migrated();
        server = new FeedServer();
        SyncSettings settings = SyncFixtures.settings(server.url("/", false));
        http = new SyncHttp(settings, clock);
        sources = new SourceStore(database);
        catalog = new SourceCatalog(database);
        pages = new NotionStore(database);
        breakers = SyncTasks.breakers(settings, clock);
        this.settings = settings;
        sync = syncWith(vault);
        ada = catalog.addNotion(SyncFixtures.user(database, "Ada", "UTC"), "Ada's workspace", vault.store(TOKEN, false)).id();
        server.routes.put("/v1/search", NotionSyncIT::search);
    }

    private NotionSync syncWith(TokenVault tokens) {
        return new NotionSync(sources, pages, http.notion(), breakers, SyncTasks.notionBreaker(settings), tokens);
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
        long other = catalog.addNotion(SyncFixtures.user(database, "Bob", "UTC"), "", vault.store(SECOND_TOKEN, false)).id();

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

    private Map<String, Object> source(long id) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM sync_notion_sources WHERE id = :id")
                .bind("id", id).mapToMap().one());
    }

    /** A row as the web side writes it: plain SQL, plaintext token, no fingerprint (the trigger adds it). */
    private long legacyRow(String token) {
        long bob = SyncFixtures.user(database, "Bob", "UTC");
        return database.jdbi().withHandle(h -> h.createUpdate(
                        "INSERT INTO sync_notion_sources (user_id, name, token) VALUES (:user, 'legacy', :token)")
                .bind("user", bob).bind("token", token)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    @Test
    void a_sealed_token_is_stored_without_the_token_and_sent_decrypted_as_the_bearer() {
        Map<String, Object> row = source(ada);
        assertTrue(row.get("token").toString().startsWith("v1:"));
        assertFalse(row.get("token").toString().contains(TOKEN));
        assertFalse(row.get("token").toString().contains("t0k3n"));
        assertEquals("secret_…fAda", row.get("token_hint"));

        assertEquals(5, sync.run(null, clock).toResult().get("created"));

        assertEquals("Bearer " + TOKEN, server.requests.get(0).getHeaders().get("Authorization"));
    }

    @Test
    void a_legacy_plaintext_row_syncs_and_the_run_seals_it_keeping_the_sql_computed_fingerprint() {
        database.jdbi().useHandle(h -> h.execute("DELETE FROM sync_notion_sources"));
        long legacy = legacyRow(TOKEN);
        assertEquals(StoredToken.fingerprint(TOKEN), source(legacy).get("token_fingerprint"), "SQL and Java agree");
        assertEquals(StoredToken.hint(TOKEN), source(legacy).get("token_hint"));

        assertEquals(5, sync.run(null, clock).toResult().get("created"));

        Map<String, Object> row = source(legacy);
        assertTrue(row.get("token").toString().startsWith("v1:"), "sealed by the run");
        assertEquals(TOKEN, vault.reveal(row.get("token").toString()));
        assertEquals(StoredToken.fingerprint(TOKEN), row.get("token_fingerprint"));
        assertEquals(StoredToken.hint(TOKEN), row.get("token_hint"));
    }

    @Test
    void a_token_sealed_under_another_key_needs_attention_and_the_other_integrations_still_sync() {
        TokenVault otherKey = new TokenVault(new TokenCipher(OTHER_KEY, new SecureRandom()));
        long bob = catalog.addNotion(SyncFixtures.user(database, "Bob", "UTC"), "", otherKey.store(TOKEN, false)).id();

        Map<String, Object> result = sync.run(null, clock).toResult();

        assertEquals(List.of(1L, 1L, 5), List.of(result.get("synced"), result.get("needs_attention"), result.get("created")));
        Map<String, Object> row = source(bob);
        assertEquals("needs_attention", row.get("status"));
        assertTrue(row.get("last_error").toString().contains("cannot be decrypted with CELERIAC_SECRET_KEY"), row.toString());
        assertFalse(row.get("last_error").toString().contains("t0k3n"));
        assertEquals(2L, server.count("/v1/search"), "only Ada's integration reached Notion (two result pages)");
    }

    @Test
    void during_a_key_rotation_a_token_under_the_previous_key_syncs_and_is_sealed_under_the_new_one() {
        TokenVault oldVault = new TokenVault(new TokenCipher(OTHER_KEY, new SecureRandom()));
        database.jdbi().useHandle(h -> h.execute("DELETE FROM sync_notion_sources"));
        long rotated = catalog.addNotion(SyncFixtures.user(database, "Cleo", "UTC"), "", oldVault.store(TOKEN, false)).id();
        TokenVault rotating = new TokenVault(new TokenCipher(KEY, List.of(OTHER_KEY), new SecureRandom()));

        assertEquals(5, syncWith(rotating).run(null, clock).toResult().get("created"));

        assertEquals("Bearer " + TOKEN, server.requests.get(0).getHeaders().get("Authorization"));
        String stored = source(rotated).get("token").toString();
        assertEquals(TOKEN, vault.reveal(stored), "the new key alone reads it now");
        assertThrows(TokenUnreadableException.class, () -> oldVault.reveal(stored));
    }

    @Test
    void without_a_key_sealed_tokens_fail_and_stay_active_while_plaintext_ones_sync_and_stay_plaintext() {
        long legacy = legacyRow(TOKEN);

        Map<String, Object> result = syncWith(new TokenVault(null)).run(null, clock).toResult();

        assertEquals(List.of(1L, 1L, 0L), List.of(result.get("synced"), result.get("failed"), result.get("needs_attention")));
        Map<String, Object> sealed = source(ada);
        assertEquals("active", sealed.get("status"), "a worker's missing key is not the source's fault");
        assertTrue(sealed.get("last_error").toString().contains("CELERIAC_SECRET_KEY is not set"), sealed.toString());
        assertEquals(TOKEN, source(legacy).get("token"));
    }
}
