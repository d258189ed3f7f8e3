package io.celeriac.ai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.ai.db.RunStore;
import io.celeriac.ai.db.TaskStore;
import io.celeriac.ai.model.RunStatus;
import io.celeriac.core.cli.Main;
import io.celeriac.core.testing.TestApp;
import io.celeriac.db.Database;
import io.celeriac.db.DatabaseUrl;
import io.celeriac.db.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
        databaseUrl = TestDatabase.createDatabase(DB);
        String prefix = TestApp.randomPrefix();
        config = dir.resolve("celeriac.yaml");
        Files.writeString(config, "key_prefix: \"" + prefix + "celeriac:\"\ncelery_key_prefix: \"" + prefix + "\"\n"
                + "routes:\n  \"personal_assistant.workers.tasks.ai_tasks.*\": ai_tasks\n");
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        TestDatabase.dropDatabase(DB);
    }

    record Result(int code, String out, String err) {
    }

    @Test
    void list_columns_line_up_and_long_schedules_are_shown_whole() {
        Result added = run("ai", "users", "add", "--name", "Di", "--email", "di@example.com", "--tz", "America/Argentina/Buenos_Aires");
        String userId = added.out().replaceAll("(?s).*added user (\\d+).*", "$1");
        assertEquals(0, run("ai", "create", "--user", userId, "--prompt", "Standup", "--cron", "15,45 9-17 * * MON,TUE,WED,THU,FRI").code());
        assertEquals(0, run("ai", "create", "--user", userId, "--prompt", "Water", "--every", "2h").code());
        List<String> lines = run("ai", "list", "--user", userId).out().lines().toList();
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(2).contains("cron 15,45 9-17 * * MON,TUE,WED,THU,FRI"), "not cut: " + lines.get(2));
        int next = lines.get(0).indexOf("NEXT RUN");
        int title = lines.get(0).indexOf("TITLE");
        for (String line : lines.subList(1, 3)) {
            assertTrue(line.charAt(next - 1) == ' ' && line.charAt(next) != ' ', "NEXT RUN column aligned: " + line);
            assertTrue(line.charAt(title - 1) == ' ' && line.charAt(title) != ' ', "TITLE column aligned: " + line);
        }
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
        assertTrue(run("ai", "show", taskId).out().contains("status:     paused"));
        Result pausedTwice = run("ai", "pause", taskId);
        assertEquals(2, pausedTwice.code());
        assertTrue(pausedTwice.err().contains("status: task " + taskId + " is paused; only active tasks can be paused"),
                pausedTwice.err());
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

        Result noZone = run("ai", "create", "--user", userId, "--prompt", "x", "--in", "5m", "--tz", "Mars/Olympus");
        assertEquals(2, noZone.code());
        assertTrue(noZone.err().startsWith("celeriac: tz:") && noZone.err().contains("Mars/Olympus"), noZone.err());
        Result emptyPrompt = run("ai", "create", "--user", userId, "--prompt", "   ", "--in", "5m");
        assertEquals(2, emptyPrompt.code());
        assertTrue(emptyPrompt.err().contains("prompt: must not be empty"), emptyPrompt.err());
        Result noSchedule = run("ai", "create", "--user", userId, "--prompt", "x");
        assertEquals(2, noSchedule.code());
        assertTrue(noSchedule.err().contains("schedule: give exactly one of at, in, cron, every"), noSchedule.err());
        Result userZone = run("ai", "users", "add", "--name", "Bob", "--tz", "Nowhere/Zone");
        assertEquals(2, userZone.code());
        assertTrue(userZone.err().startsWith("celeriac: tz:"), userZone.err());
        assertTrue(run("ai", "list", "--user", userId).out().lines().count() == 2, "nothing half-created");

        Result chat = run("ai", "chat", "--user", userId, "remind me in 5 minutes to stretch");
        assertEquals(0, chat.code(), chat.err());
        assertTrue(chat.out().startsWith("[offline responder"), chat.out());
        Result chatAgain = run("ai", "chat", "--user", userId, "remind me in 5 minutes to stretch");
        assertEquals(chat.out().lines().skip(1).findFirst(), chatAgain.out().lines().skip(1).findFirst(), "the same task");
    }

    @Test
    void runs_and_show_print_what_each_run_did_and_an_unknown_or_malformed_id_exits_2() throws Exception {
        Result added = run("ai", "users", "add", "--name", "Cy", "--email", "cy@example.com", "--tz", "Asia/Tokyo");
        String userId = added.out().replaceAll("(?s).*added user (\\d+).*", "$1");
        Result created = run("ai", "create", "--user", userId, "--prompt", "Morning brief", "--cron", "0 7 * * *");
        long taskId = Long.parseLong(created.out().replaceAll("(?s).*task (\\d+):.*", "$1"));
        long succeeded;
        long failed;
        try (Database database = new Database(DatabaseUrl.parse(databaseUrl), "public", 2)) {
            succeeded = serve(database, taskId, RunStatus.SUCCEEDED, "Rain at noon.\nTake an umbrella.", null);
            failed = serve(database, taskId, RunStatus.FAILED, null, "llm refused (HTTP 400): Invalid model name");
        }

        Result runs = run("ai", "runs", String.valueOf(taskId));
        assertEquals(0, runs.code(), runs.err());
        List<String> lines = runs.out().lines().toList();
        assertTrue(lines.get(0).startsWith("run " + failed + "  ") && lines.get(0).contains("failed")
                && lines.get(0).contains("attempts=1 tokens=7 notify=-"), runs.out());
        assertEquals("    error:  llm refused (HTTP 400): Invalid model name", lines.get(1));
        assertTrue(lines.get(2).startsWith("run " + succeeded + "  ") && lines.get(2).contains("07:00:00 Asia/Tokyo")
                && lines.get(2).contains("succeeded attempts=1 tokens=7 notify=email=sent"), runs.out());
        assertEquals("    output: Rain at noon. Take an umbrella.", lines.get(3));
        assertEquals(2, run("ai", "runs", String.valueOf(taskId), "--limit", "1").out().lines().count(), "newest only");
        assertTrue(run("ai", "show", String.valueOf(taskId)).out().contains("runs:       2"));

        com.fasterxml.jackson.databind.JsonNode json = io.celeriac.core.internal.Json.mapper()
                .readTree(run("ai", "runs", String.valueOf(taskId), "--json").out());
        assertEquals(2, json.size());
        assertEquals(failed, json.get(0).path("id").asLong());
        assertEquals("llm refused (HTTP 400): Invalid model name", json.get(0).path("error").asText());
        assertEquals("succeeded", json.get(1).path("status").asText());
        assertEquals("Rain at noon.\nTake an umbrella.", json.get(1).path("output").asText());
        com.fasterxml.jackson.databind.JsonNode task = io.celeriac.core.internal.Json.mapper()
                .readTree(run("ai", "show", String.valueOf(taskId), "--json").out());
        assertEquals("0 7 * * *", task.path("schedule").path("cron").asText());
        assertEquals("Asia/Tokyo", task.path("timezone").asText());
        assertEquals(2, task.path("run_count").asInt());
        com.fasterxml.jackson.databind.JsonNode list = io.celeriac.core.internal.Json.mapper()
                .readTree(run("ai", "list", "--user", userId, "--json").out());
        assertEquals(taskId, list.get(0).path("id").asLong());

        for (String command : List.of("show", "runs", "pause", "resume", "cancel")) {
            Result unknown = run("ai", command, "999999");
            assertEquals(2, unknown.code(), command);
            assertEquals("celeriac: no AI task with id 999999", unknown.err().strip(), command);
        }
        Result malformed = run("ai", "show", "seven");
        assertEquals(2, malformed.code());
        assertTrue(malformed.err().contains("seven"), malformed.err());
    }

    /** Claims the task's next occurrence in the CLI's database and finishes its run. */
    private static long serve(Database database, long taskId, RunStatus status, String output, String error) {
        TaskStore tasks = new TaskStore(database);
        RunStore runs = new RunStore(database);
        Instant due = tasks.find(taskId).orElseThrow().nextRunAt();
        long runId = tasks.claim(taskId, due, due).orElseThrow().runId();
        var attempt = runs.start(runId, "test-worker", null, due, Instant.EPOCH, null).orElseThrow();
        runs.finish(attempt, status, output, "[]", 7, error, status == RunStatus.SUCCEEDED ? "email=sent" : null, due.plusSeconds(9));
        return runId;
    }
}
