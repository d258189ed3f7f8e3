package io.celeriac.beat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.beat.BeatConfig;
import io.celeriac.beat.BeatService;
import io.celeriac.beat.redis.BeatStore;
import io.celeriac.beat.redis.StoredEntry;
import io.celeriac.core.app.Application;
import io.celeriac.core.builtin.BuiltinTasks;
import io.celeriac.core.cli.Main;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import io.celeriac.core.worker.Worker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A beat running in-process on the real clock, a real worker, and the {@code celeriac beat ...}
 * command line against them: periodic tasks reach the worker and run; the CLI sees and changes
 * the schedule, and a running beat picks changes up within a second.
 */
class BeatEndToEndIT {
    static Application app;
    static Worker worker;
    static BeatService beat;
    static BeatStore store;

    @BeforeAll
    static void start() {
        app = TestApp.create(Clock.systemUTC(), "beat:\n  entries:\n"
                + "    adder: {task: celeriac.add, every: 1s, args: [2, 3]}\n");
        TaskRegistry registry = new TaskRegistry();
        new BuiltinTasks().register(registry, app);
        worker = TestApp.worker(app, registry, TestApp.settings("w1@beat-test", List.of("celery"), 2));
        worker.start();
        beat = BeatService.start(app, BeatConfig.from(app.config().section("beat")));
        store = BeatStore.of(app);
    }

    @AfterAll
    static void stop() {
        beat.close();
        worker.shutdown();
        app.redis().getKeys().deleteByPattern(app.config().celeryKeyPrefix() + "*");
        app.close();
    }

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] connected = new String[args.length + 4];
        System.arraycopy(args, 0, connected, 0, args.length);
        connected[args.length] = "--broker-url";
        connected[args.length + 1] = TestRedis.url().address() + "/" + TestRedis.url().database();
        connected[args.length + 2] = "--key-prefix";
        connected[args.length + 3] = app.keys().prefix();
        int code = cli.execute(connected);
        return new Run(code, out.toString(), err.toString());
    }

    private static ResultMeta lastResult(String entry) {
        String id = Eventually.value(entry + " sent", Duration.ofSeconds(10),
                () -> store.read(entry).map(s -> s.state().lastTaskId()).orElse(null));
        return app.client().result(id).await(Duration.ofSeconds(10));
    }

    @Test
    void a_config_entry_reaches_the_worker_and_runs() {
        ResultMeta meta = lastResult("adder");
        assertEquals(TaskState.SUCCESS, meta.status());
        assertEquals(5, meta.result().asInt());
    }

    @Test
    void an_entry_added_from_the_cli_runs_within_a_couple_of_seconds_and_can_be_disabled_and_removed() {
        long added = System.nanoTime();
        Run add = cli("beat", "add", "greeter", "--task", "celeriac.echo", "--args", "[\"hi\"]", "--every", "1s");
        assertEquals(0, add.code(), add.err());
        assertTrue(add.out().contains("saved greeter"), add.out());
        ResultMeta meta = lastResult("greeter");
        assertEquals("hi", meta.result().asText());
        Instant firstRun = store.read("greeter").orElseThrow().state().lastRun();
        assertTrue(System.nanoTime() - added < Duration.ofSeconds(5).toNanos(), "first run soon after the add");
        assertTrue(firstRun != null);

        Run list = cli("beat", "list");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("greeter  enabled  dynamic"), list.out());
        assertTrue(list.out().contains("adder  enabled  config"), list.out());
        assertTrue(list.out().contains("task      celeriac.echo"), list.out());

        assertEquals(0, cli("beat", "disable", "greeter").code());
        Eventually.await("greeter disabled", Duration.ofSeconds(5), () -> {
            Optional<StoredEntry> s = store.read("greeter");
            return s.isPresent() && !s.get().enabled();
        });
        assertEquals(0, cli("beat", "remove", "greeter").code());
        assertTrue(store.read("greeter").isEmpty());
        assertEquals(1, cli("beat", "remove", "greeter").code(), "removing twice: no such entry");
    }

    @Test
    void the_cli_refuses_to_replace_or_remove_a_config_entry() {
        Eventually.await("config synced", Duration.ofSeconds(5), () -> store.read("adder").isPresent());
        Run remove = cli("beat", "remove", "adder");
        assertEquals(2, remove.code());
        assertTrue(remove.err().contains("defined in the config file"), remove.err());
        assertEquals(2, cli("beat", "add", "adder", "--task", "x", "--every", "1m").code());
    }

    @Test
    void beat_add_rejects_bad_input_naming_the_entry_and_field() {
        Run noTask = cli("beat", "add", "nightly", "--cron", "0 2 * * *");
        assertEquals(2, noTask.code());
        assertTrue(noTask.err().contains("beat entry 'nightly': task: is required"), noTask.err());
        Run badCron = cli("beat", "add", "nightly", "--task", "x.y", "--cron", "0 2 * *");
        assertEquals(2, badCron.code());
        assertTrue(badCron.err().contains("beat entry 'nightly': cron:"), badCron.err());
        Run badZone = cli("beat", "add", "nightly", "--task", "x.y", "--cron", "0 2 * * *", "--timezone", "Nowhere/City");
        assertEquals(2, badZone.code());
        assertTrue(badZone.err().contains("beat entry 'nightly': timezone: unknown time zone 'Nowhere/City'"), badZone.err());
    }

    @Test
    void beat_exits_2_at_start_when_the_config_has_a_bad_entry(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("celeriac.yaml");
        Files.writeString(config, "beat:\n  entries:\n    broken: {task: x.y, cron: '61 * * * *'}\n");
        Run run = cli("beat", "--config", config.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("beat entry 'broken': cron: invalid cron expression '61 * * * *'"), run.err());
    }
}
