package io.celeriac.ai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.cli.Main;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The ai commands through celeriac's own command line, on a database of their own and private Redis prefixes. */
class AiCliIT {
    private static final String DB = "ai_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static String databaseUrl;
    @TempDir
    static Path dir;
    private static Path config;

    @BeforeAll
    static void createDatabase() throws Exception {
        String jdbc = TestDatabase.url().jdbcUrl();
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DB);
        }
        databaseUrl = jdbc.substring(0, jdbc.lastIndexOf('/') + 1) + DB + "?user=postgres";
        String prefix = TestApp.randomPrefix();
        config = dir.resolve("celeriac.yaml");
        Files.writeString(config, "key_prefix: \"" + prefix + "celeriac:\"\ncelery_key_prefix: \"" + prefix + "\"\n"
                + "routes:\n  \"personal_assistant.workers.tasks.ai_tasks.*\": ai_tasks\n");
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabase.url().jdbcUrl(), "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
        }
    }

    record Result(int code, String out, String err) {
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

    @Test
    void a_user_creates_lists_pauses_resumes_and_cancels_a_task_and_bad_input_exits_2_naming_the_field() {
        Result added = run("ai", "users", "add", "--name", "Ada", "--email", "ada@example.com", "--tz", "Europe/Paris");
        assertEquals(0, added.code(), added.err());
        String userId = added.out().replaceAll("(?s).*added user (\\d+).*", "$1");

        Result created = run("ai", "create", "--user", userId, "--prompt", "Weekly review", "--cron", "0 8 * * MON-FRI");
        assertEquals(0, created.code(), created.err());
        assertTrue(created.out().contains("cron 0 8 * * MON-FRI (Europe/Paris)"), created.out());
        String taskId = created.out().replaceAll("(?s).*task (\\d+):.*", "$1");

        assertTrue(run("ai", "list", "--user", userId).out().contains("Weekly review"));
        assertTrue(run("ai", "pause", taskId).out().contains("paused task " + taskId));
        assertTrue(run("ai", "resume", taskId).out().contains("(active"));
        assertTrue(run("ai", "show", taskId).out().contains("status:     active"));
        assertTrue(run("ai", "runs", taskId).out().contains("no runs"));
        assertTrue(run("ai", "cancel", taskId).out().contains("cancelled"));
        Result again = run("ai", "pause", taskId);
        assertEquals(2, again.code());
        assertTrue(again.err().contains("status: task " + taskId + " is cancelled"), again.err());

        Result badCron = run("ai", "create", "--user", userId, "--prompt", "x", "--cron", "0 8 * *");
        assertEquals(2, badCron.code());
        assertTrue(badCron.err().startsWith("celeriac: cron:"), badCron.err());
        Result past = run("ai", "create", "--user", userId, "--prompt", "x", "--at", "2020-01-01T09:00");
        assertEquals(2, past.code());
        assertTrue(past.err().contains("at: 2020-01-01T09:00 is in the past"), past.err());
        Result unknownUser = run("ai", "create", "--user", "999999", "--prompt", "x", "--in", "5m");
        assertEquals(2, unknownUser.code());
        assertTrue(unknownUser.err().contains("user: no user with id 999999"), unknownUser.err());
        assertTrue(run("ai", "list", "--user", userId).out().lines().count() == 2, "nothing half-created");

        Result chat = run("ai", "chat", "--user", userId, "remind me in 5 minutes to stretch");
        assertEquals(0, chat.code(), chat.err());
        assertTrue(chat.out().startsWith("[offline responder"), chat.out());
        Result chatAgain = run("ai", "chat", "--user", userId, "remind me in 5 minutes to stretch");
        assertEquals(chat.out().lines().skip(1).findFirst(), chatAgain.out().lines().skip(1).findFirst(), "the same task");
    }
}
