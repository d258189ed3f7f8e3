package io.celeriac.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.Main;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import io.celeriac.core.worker.Worker;
import io.celeriac.db.DatabaseSettings;
import io.celeriac.db.DatabaseUrl;
import io.celeriac.db.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code celeriac sync} through celeriac's own command line, on a database of its own and private
 * Redis prefixes, with a worker of this module consuming sync_tasks and Notion played by MockWebServer.
 */
class SyncCliIT {
    private static final String DB = "sync_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static final String TOKEN = "secret_t0k3nOfAdaXYZab12";
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    private static final boolean KEY_IN_ENVIRONMENT = System.getenv("CELERIAC_SECRET_KEY") != null
            || System.getenv("CELERIAC_SECRET_KEY_FILE") != null;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static String databaseUrl;
    private static Path config;
    private static Path keyFile;
    private static Path tokenFile;
    private static FeedServer notion;
    private static Application workerApp;
    private static Worker worker;

    @BeforeAll
    static void start() throws Exception {
        databaseUrl = TestDatabase.createDatabase(DB);
        notion = new FeedServer();
        notion.routes.put("/v1/search", request -> ("Bearer " + TOKEN).equals(request.getHeaders().get("Authorization"))
                ? new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                        .body(SyncFixtures.resource(request.getBody().utf8().contains("start_cursor")
                                ? "notion/search-2.json" : "notion/search-1.json")).build()
                : FeedServer.status(401).apply(request));
        String prefix = TestApp.randomPrefix();
        config = Files.writeString(dir.resolve("celeriac.yaml"), "key_prefix: \"" + prefix + "celeriac:\"\n"
                + "celery_key_prefix: \"" + prefix + "\"\n"
                + "routes:\n  \"personal_assistant.workers.tasks.sync_tasks.*\": sync_tasks\n"
                + "sync:\n  read_timeout: 2s\n  notion_base_url: \"" + notion.url("/", false) + "\"\n");
        keyFile = Files.writeString(dir.resolve("secret.key"), KEY + "\n");
        tokenFile = Files.writeString(dir.resolve("notion.token"), TOKEN + "\n");
        assertEquals(0, run("migrate").code());

        workerApp = new Application(AppConfigLoader.load(config), TestRedis.url(), null, 8, Clock.systemUTC(),
                new SplittableRandom(), DatabaseSettings.of(DatabaseUrl.parse(databaseUrl), "public"));
        TaskRegistry registry = new TaskRegistry();
        new SyncTasks(Map.of("CELERIAC_SECRET_KEY", KEY)).register(registry, workerApp);
        worker = TestApp.worker(workerApp, registry, TestApp.settings("sync-cli@test", List.of("sync_tasks"), 2));
        worker.start();
    }

    @AfterAll
    static void stop() throws Exception {
        worker.shutdown();
        workerApp.close();
        notion.close();
        TestDatabase.dropDatabase(DB);
    }

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        return runWithInput("", args);
    }

    /**
     * Runs one command line; {@code stdin} is what the command reads as standard input (never the
     * test JVM's own, which the test runner may use).
     */
    private static Result runWithInput(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString(), "--database-url", databaseUrl));
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int code = cli.execute(all.toArray(String[]::new));
            return new Result(code, out.toString(), err.toString());
        } finally {
            System.setIn(original);
        }
    }

    private static <T> T sql(String query, Class<T> type, Object... params) throws Exception {
        try (Connection c = DriverManager.getConnection(databaseUrl); var statement = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            if (!statement.execute()) {
                return null;
            }
            try (var rs = statement.getResultSet()) {
                return rs.next() ? rs.getObject(1, type) : null;
            }
        }
    }

    private static long user(String name) throws Exception {
        return sql("INSERT INTO users (name) VALUES (?) RETURNING id", Long.class, name);
    }

    private static String id(Result added, String kind) {
        assertEquals(0, added.code(), added.err());
        return added.out().replaceAll("(?s).*" + kind + " source (\\d+).*", "$1");
    }

    @Test
    void a_feed_is_added_listed_reactivated_and_removed_and_bad_input_exits_2_naming_the_field() throws Exception {
        String ada = String.valueOf(user("Ada"));
        String feed = id(run("sync", "sources", "add-calendar", "--user", ada, "--url", "webcal://calendar.example.com/ada.ics",
                "--name", "Work"), "calendar");
        assertTrue(run("sync", "sources", "add-calendar", "--user", ada, "--url", "webcal://calendar.example.com/ada.ics")
                .out().startsWith("exists: user " + ada + " already has this feed as calendar source " + feed));

        Result badUrl = run("sync", "sources", "add-calendar", "--user", ada, "--url", "ftp://calendar.example.com/x.ics");
        assertEquals(2, badUrl.code());
        assertEquals("celeriac: url: must start with https://, http:// or webcal://", badUrl.err().strip());
        Result unknownUser = run("sync", "sources", "add-calendar", "--user", "999999", "--url", "https://example.com/a.ics");
        assertEquals(2, unknownUser.code());
        assertEquals("celeriac: user: no user with id 999999", unknownUser.err().strip());

        String table = run("sync", "sources", "list", "--user", ada).out();
        assertTrue(table.startsWith("KIND"), table);
        assertTrue(table.contains("calendar  " + feed) && table.contains("Work") && table.contains("0 events")
                && table.contains("never") && table.contains("webcal://calendar.example.com/ada.ics"), table);
        JsonNode listed = JSON.readTree(run("sync", "sources", "list", "--user", ada, "--json").out());
        assertEquals(1, listed.size());
        assertEquals("calendar", listed.get(0).get("kind").asText());
        assertEquals("webcal://calendar.example.com/ada.ics", listed.get(0).get("url").asText());
        assertEquals("active", listed.get(0).get("status").asText());
        assertTrue(listed.get(0).get("last_synced_at").isNull());

        sql("UPDATE sync_calendar_sources SET status = 'needs_attention', last_error = 'HTTP 404', etag = 'x' WHERE id = ?",
                Object.class, Long.parseLong(feed));
        Result reactivated = run("sync", "sources", "reactivate", "calendar", feed);
        assertTrue(reactivated.out().startsWith("reactivated calendar source " + feed + " (its last error was: HTTP 404)"),
                reactivated.out());
        assertEquals("active", sql("SELECT status FROM sync_calendar_sources WHERE id = ?", String.class, Long.parseLong(feed)));
        assertEquals(null, sql("SELECT coalesce(last_error, etag) FROM sync_calendar_sources WHERE id = ?", String.class,
                Long.parseLong(feed)));
        assertTrue(run("sync", "sources", "reactivate", "CALENDAR", feed).out().contains("already active; nothing changed"));
        Result badKind = run("sync", "sources", "reactivate", "caldav", feed);
        assertEquals(2, badKind.code());
        assertEquals("celeriac: kind: must be calendar or notion, got 'caldav'", badKind.err().strip());
        Result noSuch = run("sync", "sources", "remove", "notion", "999999", "--yes");
        assertEquals(2, noSuch.code());
        assertEquals("celeriac: id: no notion source with id 999999", noSuch.err().strip());

        sql("INSERT INTO sync_calendar_events (source_id, user_id, uid, starts_at, ends_at, created_at, updated_at) "
                + "VALUES (?, ?, 'u1', now(), now(), now(), now())", Object.class, Long.parseLong(feed), Long.parseLong(ada));
        Result unconfirmed = run("sync", "sources", "remove", "calendar", feed);
        assertEquals(2, unconfirmed.code(), "no answer on standard input: refused");
        Result no = runWithInput("n\n", "sync", "sources", "remove", "calendar", feed);
        assertEquals(1, no.code());
        Result removed = runWithInput("y\n", "sync", "sources", "remove", "calendar", feed);
        assertEquals("removed calendar source " + feed + " of user " + ada + " and its 1 events", removed.out().strip());
        assertEquals(0L, sql("SELECT count(*) FROM sync_calendar_events WHERE source_id = ?", Long.class, Long.parseLong(feed)));
        assertTrue(run("sync", "sources", "list", "--user", ada).out().startsWith("no sync sources"));
    }

    @Test
    void a_feed_pointing_inside_is_refused_at_once_with_exit_2_and_nothing_is_stored() throws Exception {
        String eve = String.valueOf(user("Eve"));
        List<String[]> inside = List.of(
                new String[] {"http://127.0.0.1:18099/latest/meta-data/", "loopback address (127.0.0.1)"},
                new String[] {"http://localhost:8080/cal.ics", "loopback address"},
                new String[] {"http://169.254.169.254/latest/meta-data/", "link-local address (cloud metadata) (169.254.169.254)"},
                new String[] {"webcal://[::1]/cal.ics", "loopback address (0:0:0:0:0:0:0:1)"},
                new String[] {"http://[::ffff:10.0.0.1]/cal.ics", "private network address (10.0.0.1)"},
                new String[] {"https://192.168.1.20/cal.ics", "private network address (192.168.1.20)"},
                new String[] {"http://2130706433/cal.ics", "loopback address (127.0.0.1)"});
        for (String[] url : inside) {
            Result refused = run("sync", "sources", "add-calendar", "--user", eve, "--url", url[0]);
            assertEquals(2, refused.code(), url[0] + ": " + refused.err());
            assertTrue(refused.err().startsWith("celeriac: url: points to a " + url[1]), url[0] + ": " + refused.err());
            assertTrue(refused.err().contains("sync.allowed_networks"), refused.err());
        }
        assertEquals(0L, sql("SELECT count(*) FROM sync_calendar_sources WHERE user_id = ?", Long.class, Long.parseLong(eve)));

        Result unresolved = run("sync", "sources", "add-calendar", "--user", eve, "--url", "https://calendar.invalid/eve.ics");
        assertEquals(0, unresolved.code(), unresolved.err());
        assertTrue(unresolved.err().contains("calendar.invalid does not resolve from here; the worker checks the address again at every fetch"),
                unresolved.err());
    }

    @Test
    void a_notion_token_is_stored_encrypted_synced_by_a_worker_with_the_decrypted_token_and_never_shown() throws Exception {
        String ada = String.valueOf(user("Ada"));
        if (!KEY_IN_ENVIRONMENT) {
            Result refused = run("sync", "sources", "add-notion", "--user", ada, "--token-file", tokenFile.toString());
            assertEquals(2, refused.code());
            assertTrue(refused.err().startsWith("celeriac: token: no CELERIAC_SECRET_KEY is set") && refused.err().contains("--allow-plaintext"),
                    refused.err());
            assertEquals(0L, sql("SELECT count(*) FROM sync_notion_sources", Long.class));
        }
        Result added = run("sync", "sources", "add-notion", "--user", ada, "--name", "Notes", "--token-file", tokenFile.toString(),
                "--secret-key-file", keyFile.toString());
        String source = id(added, "notion");
        assertTrue(added.out().contains("(token secret_…ab12, encrypted)"), added.out());
        String stored = sql("SELECT token FROM sync_notion_sources WHERE id = ?", String.class, Long.parseLong(source));
        assertTrue(stored.startsWith("v1:") && !stored.contains(TOKEN) && !stored.contains("t0k3n"), "sealed at rest");
        Result again = runWithInput(TOKEN + "\n", "sync", "sources", "add-notion", "--user", ada, "--secret-key-file", keyFile.toString());
        assertTrue(again.out().startsWith("exists: user " + ada + " already has this token (secret_…ab12) as notion source " + source),
                again.out() + again.err());

        Result sync = run("sync", "run", "--user", ada, "--notion", "--wait", "--timeout", "30s", "--json");
        assertEquals(0, sync.code(), sync.out() + sync.err());
        JsonNode result = JSON.readTree(sync.out());
        assertEquals("sync_notion_pages", result.get(0).get("task").asText());
        assertEquals("SUCCESS", result.get(0).get("status").asText());
        assertEquals(5, result.get(0).get("result").get("created").asInt(), "Notion accepted the decrypted bearer token");
        assertEquals("Bearer " + TOKEN, notion.last("/v1/search").getHeaders().get("Authorization"));

        Result listed = run("sync", "sources", "list", "--user", ada, "--json");
        JsonNode row = JSON.readTree(listed.out()).get(0);
        assertEquals("secret_…ab12", row.get("token").asText());
        assertTrue(row.get("token_encrypted").asBoolean());
        assertEquals(5, row.get("pages").asInt());
        assertFalse(row.get("last_synced_at").isNull());
        String table = run("sync", "sources", "list").out();
        assertFalse(listed.out().contains("t0k3n") || table.contains("t0k3n"), "the token is never shown");
        assertTrue(table.contains("5 pages"), table);

        Result removed = run("sync", "sources", "remove", "notion", source, "--yes");
        assertEquals("removed notion source " + source + " of user " + ada + " and its 5 pages", removed.out().strip());
    }

    @Test
    void token_input_and_key_problems_exit_2_with_the_source_named_and_plaintext_needs_consent() throws Exception {
        String bob = String.valueOf(user("Bob"));
        Result unsetVariable = run("sync", "sources", "add-notion", "--user", bob, "--token-env", "CELERIAC_TEST_NO_SUCH_VARIABLE",
                "--secret-key-file", keyFile.toString());
        assertEquals(2, unsetVariable.code());
        assertEquals("celeriac: token: environment variable CELERIAC_TEST_NO_SUCH_VARIABLE is not set or empty", unsetVariable.err().strip());
        Path shortKey = Files.writeString(dir.resolve("short.key"), Base64.getEncoder().encodeToString(new byte[16]));
        Result badKey = run("sync", "sources", "add-notion", "--user", bob, "--token-file", tokenFile.toString(),
                "--secret-key-file", shortKey.toString());
        assertEquals(2, badKey.code());
        assertTrue(badKey.err().startsWith("celeriac: --secret-key-file decodes to 16 bytes"), badKey.err());
        Result emptyInput = run("sync", "sources", "add-notion", "--user", bob, "--secret-key-file", keyFile.toString());
        assertEquals(2, emptyInput.code());
        assertTrue(emptyInput.err().startsWith("celeriac: token: standard input is empty"), emptyInput.err());
        Result unknownUser = run("sync", "run", "--user", "999999");
        assertEquals(2, unknownUser.code());
        assertEquals("celeriac: user: no user with id 999999", unknownUser.err().strip());
        assertEquals(0L, sql("SELECT count(*) FROM sync_notion_sources WHERE user_id = ?", Long.class, Long.parseLong(bob)));

        if (!KEY_IN_ENVIRONMENT) {
            Result plaintext = runWithInput(TOKEN, "sync", "sources", "add-notion", "--user", bob, "--allow-plaintext");
            assertTrue(plaintext.out().contains("NOT encrypted"), plaintext.out() + plaintext.err());
            assertTrue(run("sync", "sources", "list", "--user", bob).out().contains("secret_…ab12 (plaintext)"));
        }
    }

    @Test
    void run_without_wait_sends_both_tasks_and_prints_their_ids() throws Exception {
        // a user without sources: the tasks this sends cannot touch the other tests' sources
        Result sent = run("sync", "run", "--user", String.valueOf(user("Carol")));

        assertEquals(0, sent.code(), sent.err());
        List<String> lines = sent.out().lines().toList();
        assertEquals(2, lines.size(), sent.out());
        assertTrue(lines.get(0).matches("sent sync_calendar_events [0-9a-f-]{36}"), lines.get(0));
        assertTrue(lines.get(1).matches("sent sync_notion_pages [0-9a-f-]{36}"), lines.get(1));
    }
}
