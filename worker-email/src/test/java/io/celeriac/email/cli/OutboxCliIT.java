package io.celeriac.email.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.Main;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.internal.Json;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import io.celeriac.db.Database;
import io.celeriac.db.DatabaseUrl;
import io.celeriac.db.testing.TestDatabase;
import io.celeriac.email.db.OutboxStore;
import io.celeriac.email.outbox.EmailRequest;
import io.celeriac.email.outbox.OutboxStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code celeriac email outbox} through celeriac's own command line, on a database of its own and
 * private Redis prefixes: unknown messages are listed with what is known and the decision they wait
 * for; an operator marks them sent or resends them; decisions that cannot apply exit 2.
 */
class OutboxCliIT {
    private static final String DB = "email_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final String UNKNOWN_DETAIL = "no answer from smtp.example.org:587 to the end of DATA within 30s:"
            + " the server may have accepted the message";
    private static String databaseUrl;
    private static String yaml;
    @TempDir
    static Path dir;
    private static Path config;
    private static Database database;
    private static OutboxStore store;

    @BeforeAll
    static void createDatabase() throws Exception {
        databaseUrl = TestDatabase.createDatabase(DB);
        String prefix = TestApp.randomPrefix();
        yaml = "key_prefix: \"" + prefix + "celeriac:\"\ncelery_key_prefix: \"" + prefix + "\"\n"
                + "routes:\n  \"personal_assistant.workers.tasks.email_tasks.*\": email_tasks\n";
        config = dir.resolve("celeriac.yaml");
        Files.writeString(config, yaml);
        database = new Database(DatabaseUrl.parse(databaseUrl), "public", 2);
        database.migrate();
        store = new OutboxStore(database.jdbi());
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        database.close();
        TestDatabase.dropDatabase(DB);
        try (Application app = new Application(AppConfigLoader.fromYaml(yaml), TestRedis.url(), null, 2, Clock.systemUTC(),
                new SplittableRandom(1))) {
            TestApp.removeKeys(app);
        }
    }

    record Result(int code, String out, String err) {
    }

    /** A message whose send reached the end of DATA and got no answer, as the sender records it. */
    private static long unknown(String key) {
        long id = store.insertIfAbsent(new EmailRequest("ada@example.org", "Your day", "Body", null, key), T0);
        String token = "token-" + key;
        store.claim(id, token, T0, T0.minusSeconds(600)).orElseThrow();
        store.markDataEnd(id, token, T0);
        store.markUnknown(id, token, UNKNOWN_DETAIL, T0);
        return id;
    }

    private static long sent(String key) {
        long id = store.insertIfAbsent(new EmailRequest("bob@example.org", "Hi", "Body", null, key), T0);
        store.claim(id, "t", T0, T0.minusSeconds(600)).orElseThrow();
        store.markSent(id, "t", T0);
        return id;
    }

    @Test
    void an_unknown_message_is_listed_with_what_is_known_and_the_decision_it_waits_for() {
        long sentId = sent("list-sent");
        long unknownId = unknown("list-unknown");

        Result all = run("email", "outbox", "list");

        assertEquals(0, all.code(), all.err());
        List<String> lines = all.out().lines().toList();
        assertEquals("ID", lines.get(0).substring(0, 2));
        int row = indexOf(lines, unknownId + " ");
        assertTrue(lines.get(row).matches(unknownId + " +unknown +1 +2026-11-23 09:00:00 +list-unknown"), lines.get(row));
        assertEquals("    why:    " + UNKNOWN_DETAIL, lines.get(row + 1));
        assertEquals("    decide: celeriac email outbox mark-sent " + unknownId + " (it arrived) | resend " + unknownId
                + " (it may arrive twice)", lines.get(row + 2));
        assertTrue(lines.stream().anyMatch(l -> l.matches(sentId + " +sent +1 .*list-sent")), all.out());

        Result onlyUnknown = run("email", "outbox", "list", "--status", "unknown", "--json");
        JsonNode array = json(onlyUnknown.out());
        assertTrue(array.size() >= 1);
        array.forEach(m -> assertEquals("unknown", m.path("status").asText()));
        JsonNode mine = find(array, unknownId);
        assertEquals("2026-11-23T09:00:00Z", mine.path("data_end_at").asText());
        assertEquals(EmailRequest.messageId("list-unknown"), mine.path("message_id").asText());
        assertEquals(UNKNOWN_DETAIL, mine.path("last_error").asText());
    }

    @Test
    void show_gives_the_message_id_to_look_for_in_the_servers_log() {
        long id = unknown("show-unknown");

        Result shown = run("email", "outbox", "show", Long.toString(id));

        assertEquals(0, shown.code(), shown.err());
        assertTrue(shown.out().startsWith("e-mail " + id + ": unknown\n"), shown.out());
        assertTrue(shown.out().contains("  message-id:  " + EmailRequest.messageId("show-unknown") + " (look for it in the server's log)"),
                shown.out());
        assertTrue(shown.out().contains("  end of DATA: 2026-11-23 09:00:00"), shown.out());
        assertTrue(shown.out().contains("  decide:      celeriac email outbox mark-sent " + id), shown.out());
    }

    @Test
    void mark_sent_settles_an_unknown_message_once() {
        long id = unknown("mark-unknown");

        Result marked = run("email", "outbox", "mark-sent", Long.toString(id));

        assertEquals(0, marked.code(), marked.err());
        assertEquals("e-mail " + id + " marked sent; it will not be sent again\n", marked.out());
        var row = store.find(id).orElseThrow();
        assertEquals(OutboxStatus.SENT, row.status());
        assertEquals(T0, row.sentAt());
        assertTrue(row.lastError().endsWith("; before: " + UNKNOWN_DETAIL), row.lastError());

        Result again = run("email", "outbox", "mark-sent", Long.toString(id));
        assertEquals(2, again.code());
        assertEquals("celeriac: e-mail " + id + " is sent; mark-sent applies to unknown e-mails\n", again.err());
    }

    @Test
    void resend_puts_an_unknown_message_back_in_line_and_asks_the_queue_to_deliver_it() {
        long id = unknown("resend-unknown");

        Result resent = run("email", "outbox", "resend", Long.toString(id));

        assertEquals(0, resent.code(), resent.err());
        assertEquals("e-mail " + id + " is pending again, due now (it was unknown)\nsent process_email_queue to deliver it\n",
                resent.out());
        var row = store.find(id).orElseThrow();
        assertEquals(OutboxStatus.PENDING, row.status());
        assertEquals(0, row.attempts());
        assertEquals(2, run("email", "outbox", "resend", Long.toString(sent("resend-sent"))).code(), "a sent message is never resent");
    }

    @Test
    void a_decision_about_no_message_or_a_bad_filter_exits_2_with_one_line() {
        Result missing = run("email", "outbox", "mark-sent", "987654321");
        assertEquals(2, missing.code());
        assertEquals("celeriac: no e-mail 987654321 in the outbox\n", missing.err());

        Result badStatus = run("email", "outbox", "list", "--status", "lost");
        assertEquals(2, badStatus.code());
        assertEquals("celeriac: --status must be one of pending, sending, sent, failed, unknown; got 'lost'\n", badStatus.err());
    }

    private static int indexOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with '" + start + "': " + lines);
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static JsonNode find(JsonNode array, long id) {
        for (JsonNode m : array) {
            if (m.path("id").asLong() == id) {
                return m;
            }
        }
        throw new AssertionError("no message " + id + " in " + array);
    }

    private static Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString(), "--database-url", databaseUrl));
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }
}
