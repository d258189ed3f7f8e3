package io.celeriac.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.redisson.api.options.KeysScanOptions;

/**
 * The admin commands timed as users run them, each beside Celery's own command for the same job.
 *
 * <ol>
 *   <li>a worker process on a private queue, under a private key prefix (below the configured one);</li>
 *   <li>{@code send --wait} once, untimed: the worker is up, and a stored result exists for {@code result};</li>
 *   <li>each command: warm-up runs, then the measured ones, strictly one at a time
 *       ({@link TimedCommand}); then Celery's equivalent the same way;</li>
 *   <li>{@code ai create} in a database of its own ({@link BenchDatabase}), with one user added untimed;</li>
 *   <li>the worker stopped, every key under the private prefix, the queue and its binding deleted,
 *       the database dropped.</li>
 * </ol>
 */
final class AdminBench {
    private static final Pattern ADDED_USER = Pattern.compile("added user (\\d+)");

    private final Application app;
    private final AdminBenchSettings settings;
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String queue = "bench-admin-" + id;
    private final String node = "bench-admin-" + id + "@local";
    private final String prefix;
    private final Path logDir;
    private final List<AdminRow> rows = new ArrayList<>();

    AdminBench(Application app, AdminBenchSettings settings) throws IOException {
        this.app = app;
        this.settings = settings;
        this.prefix = app.keys().prefix() + "bench-admin-" + id + ":";
        this.logDir = Files.createTempDirectory("celeriac-bench-admin");
    }

    /** Runs every selected command; a command that fails is reported on its row and the others go on. */
    List<AdminRow> run(CeleryCli celery, String celeryMissing) throws IOException, InterruptedException {
        List<String> common = new ArrayList<>(List.of("--broker-url=" + brokerUrl(), "--key-prefix=" + prefix));
        if (settings.configFile() != null) {
            common.add("--config=" + settings.configFile().toAbsolutePath());
        }
        CeleriacCli celeriac = CeleriacCli.fromEnvironment(common, Map.of());
        try (WorkerProcess worker = WorkerProcess.start(settings.workerJavaOptions(), workerArgs(common), logDir.resolve("worker.log"))) {
            String taskId = prime(celeriac);
            AdminCases cases = new AdminCases(celeriac, celery, celeryMissing, queue, node, taskId);
            for (AdminCases.Case c : cases.core()) {
                if (settings.wants(c.name())) {
                    measure(c);
                }
            }
            if (settings.wants("ai create")) {
                aiCreate(cases);
            }
            worker.stop(Duration.ofSeconds(30));
        } finally {
            cleanUp();
        }
        return rows;
    }

    String via() {
        return CeleriacCli.fromEnvironment(List.of(), Map.of()).via();
    }

    private void measure(AdminCases.Case c) throws IOException, InterruptedException {
        rows.add(time(c.name(), "celeriac", c.celeriacLabel(), c.celeriac(), null));
        if (c.celery() != null) {
            rows.add(time(c.name(), "celery", c.celeryLabel(), c.celery(), c.celeryNote()));
        } else {
            rows.add(AdminRow.skipped(c.name(), "celery", c.celeryLabel(), c.celeryNote()));
        }
    }

    private AdminRow time(String name, String cli, String label, TimedCommand command, String note)
            throws IOException, InterruptedException {
        try {
            return AdminRow.measured(name, cli, label, command.measure(settings.warmUps(), settings.runs()), note);
        } catch (TimedCommand.CommandFailedException e) {
            return AdminRow.failed(name, cli, label, e.getMessage());
        }
    }

    /** A database of its own and a user in it (untimed), then {@code ai create}; skipped with the reason when PostgreSQL cannot be had. */
    private void aiCreate(AdminCases cases) throws IOException, InterruptedException {
        BenchDatabase database;
        try {
            database = BenchDatabase.create(settings.databaseSettings());
        } catch (java.sql.SQLException e) {
            rows.add(AdminRow.skipped("ai create", "celeriac", AdminCases.AI_CREATE_LABEL,
                    "PostgreSQL did not answer or refused to create a database: " + firstLine(e.getMessage())));
            return;
        }
        try (database) {
            CeleriacCli inDatabase = cases.celeriac().withEnv("CELERIAC_DATABASE_URL", database.url());
            TimedCommand.Run added = inDatabase.command("ai", "users", "add", "--name", "Bench", "--email", "bench@example.org").run();
            Matcher user = ADDED_USER.matcher(added.output());
            if (added.exitCode() != 0 || !user.find()) {
                rows.add(AdminRow.failed("ai create", "celeriac", AdminCases.AI_CREATE_LABEL,
                        "ai users add: exit " + added.exitCode() + ": " + added.lastLine()));
                return;
            }
            AdminCases.Case c = cases.aiCreate(inDatabase, user.group(1));
            measure(c);
        } catch (java.sql.SQLException e) {
            // dropping failed: say so, the figures stand
            rows.add(AdminRow.skipped("ai create", "cleanup", "DROP DATABASE", firstLine(e.getMessage())));
        }
    }

    /** One task sent and waited for: the worker is up, and its result is the one {@code result} reads. */
    private String prime(CeleriacCli celeriac) throws IOException, InterruptedException {
        TimedCommand.Run run = celeriac.command("send", "celeriac.noop", "--queue=" + queue, "--wait", "--timeout=90s").run();
        if (run.exitCode() != 0) {
            throw new IllegalStateException("the bench's worker did not run its first task (" + run.lastLine()
                    + "); see " + logDir.resolve("worker.log"));
        }
        JsonNode meta = Json.mapper().readTree(run.lastLine());
        return meta.path("task_id").asText();
    }

    private List<String> workerArgs(List<String> common) {
        List<String> args = new ArrayList<>(List.of("--queues=" + queue, "--concurrency=1", "--hostname=" + node,
                "--result-expires=300s", "--loglevel=WARNING"));
        args.addAll(common);
        return args;
    }

    /** Every key under the private prefix, and the queue's lists and binding (kombu's names, outside it). */
    private void cleanUp() {
        RedisKeys keys = app.keys();
        List<String> doomed = new ArrayList<>(keys.queueLists(queue));
        doomed.add(keys.binding(queue));
        app.redis().getKeys().getKeys(KeysScanOptions.defaults().pattern(RedisKeys.globEscape(prefix) + "*").chunkSize(500))
                .forEach(doomed::add);
        app.redis().getKeys().unlink(doomed.toArray(String[]::new));
    }

    private String brokerUrl() {
        return commandLineUrl(app.brokerUrl());
    }

    /** The broker URL as a command line takes it (as the throughput bench passes it to its worker). */
    static String commandLineUrl(io.celeriac.core.broker.redis.RedisUrl url) {
        return url.withSecrets();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text.strip() : text.substring(0, newline).strip();
    }
}
