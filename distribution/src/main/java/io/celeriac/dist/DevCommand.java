package io.celeriac.dist;

import io.celeriac.beat.BeatConfig;
import io.celeriac.beat.BeatMetrics;
import io.celeriac.beat.BeatService;
import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.cli.ProcessSetup;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.health.LoopsTicking;
import io.celeriac.core.health.RedisCheck;
import io.celeriac.core.internal.NodeName;
import io.celeriac.core.metrics.Observability;
import io.celeriac.core.metrics.TaskMetrics;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.worker.Worker;
import io.celeriac.core.worker.WorkerDependencies;
import io.celeriac.core.worker.WorkerSettings;
import io.celeriac.db.Database;
import io.celeriac.db.DatabaseSettings;
import io.celeriac.db.DatabaseUrl;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code celeriac dev}: the whole system in one process. One worker per queue with the production
 * concurrencies (the config's {@code workers} section), the beat, and the metrics and health
 * endpoint; Redis and PostgreSQL from the configuration when they answer, else embedded ones.
 * Its tables go to a database of its own ({@link DevDatabase}) and its files to one directory
 * ({@link DevDataDir}); the banner says where both are. Ctrl-C stops everything warmly.
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Run the whole system in one process for development: a worker per queue, the beat, /metrics and health.")
public final class DevCommand implements Callable<Integer> {
    /** The workers get 30 s to finish their tasks (all at once); past this the process exits anyway. */
    private static final Duration MAX_STOP = Duration.ofSeconds(50);

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--http-port", defaultValue = "${env:CELERIAC_HTTP_PORT:-8080}", description = "Metrics and health port. Default: ${DEFAULT-VALUE}")
    int httpPort;

    @Option(names = "--exporter-port", defaultValue = "${env:CELERIAC_EXPORTER_PORT:-9808}",
            description = "Serve the fleet exporter's /metrics (as celeriac exporter) on this port; 0 = off. Default: ${DEFAULT-VALUE}")
    int exporterPort;

    @Option(names = "--dashboard-port", defaultValue = "${env:CELERIAC_DASHBOARD_PORT:-5555}",
            description = "Serve the web dashboard (as celeriac dashboard, on 127.0.0.1, no login) on this port; 0 = off. Default: ${DEFAULT-VALUE}")
    int dashboardPort;

    @Option(names = "--data-dir", defaultValue = "${env:CELERIAC_DEV_DATA_DIR:-celeriac-dev}",
            description = "The one directory dev writes into: the config's relative paths (data/outbox, uploads, backups) are read"
                    + " against it, and embedded servers keep their data in it. Env: CELERIAC_DEV_DATA_DIR. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = {"-l", "--loglevel"}, defaultValue = "${env:CELERIAC_LOGLEVEL:-INFO}", description = "Default: ${DEFAULT-VALUE}")
    String loglevel;

    @Override
    public Integer call() throws Exception {
        ProcessSetup process = ProcessSetup.begin("dev", loglevel, httpPort);
        if (exporterPort < 0 || exporterPort > 65_535) {
            throw new IllegalArgumentException("--exporter-port must be between 0 and 65535 (0 = off), got " + exporterPort);
        }
        if (dashboardPort < 0 || dashboardPort > 65_535) {
            throw new IllegalArgumentException("--dashboard-port must be between 0 and 65535 (0 = off), got " + dashboardPort);
        }
        PrintWriter out = spec.commandLine().getOut();
        AppConfig loaded = connection.loadConfig();
        DevDataDir data = DevDataDir.of(dataDir, loaded);
        // made now, so the directory the banner names is there before the first file lands in it
        Files.createDirectories(data.root());
        AppConfig config = data.apply(loaded);
        BeatConfig beatConfig = BeatConfig.from(config.section("beat"));
        // from here a Ctrl-C asks for a warm stop (a second one exits at once), also while starting
        CountDownLatch stop = process.stopOnSignal(MAX_STOP);
        try (DevServices services = new DevServices(data)) {
            Resolved<RedisUrl> redis = redis(out, services, data, connection.resolveBrokerUrl(config));
            Resolved<DatabaseUrl> database = database(out, services, data);
            out.flush();
            try (Application app = process.connect(connection, config, redis.url(), DatabaseSettings.of(database.url(), "public"), 96);
                 Observability observability = process.observability()) {
                // connected and migrated before the workers start, so the first task finds its tables
                Database.of(app);
                List<Worker> workers = startWorkers(app, config, observability);
                try (BeatService beat = BeatService.start(app, beatConfig, new BeatMetrics(observability.registry()));
                     DevExporter exporter = DevExporter.start(exporterPort, config, redis.url(), connection.resolveKeyPrefix(),
                             DatabaseSettings.of(database.url(), "public"));
                     DevDashboard dashboard = DevDashboard.start(dashboardPort, app)) {
                    List<io.celeriac.core.loop.ServiceLoop> loops = new ArrayList<>();
                    workers.forEach(w -> loops.addAll(w.loops()));
                    loops.add(beat.loop());
                    observability.liveness(new LoopsTicking(() -> loops, Duration.ofSeconds(30)))
                            .readiness(new RedisCheck(app.redisBroker())).readiness(app.components().readiness(Database.class, app));
                    int port = process.serve(observability);
                    DevBanner.print(out, new DevBanner.Setup(workers, beatConfig.entries().size(), redis.url(), redis.hint(),
                            database.url(), database.hint(), data, port, exporter.port(), dashboard.port()));
                    ProcessSetup.await(stop);
                    out.println("stopping: finishing running tasks...");
                    out.flush();
                } finally {
                    workers.forEach(w -> w.requestStop("dev stopping"));
                    for (Worker worker : workers) {
                        worker.awaitStopped(Duration.ofSeconds(40));
                    }
                }
            }
        }
        out.println("stopped");
        return ExitCodes.OK;
    }

    /** A server dev uses, and the URL to give other commands when it is not theirs by default (null when it is). */
    private record Resolved<T>(T url, String hint) {
    }

    private static Resolved<RedisUrl> redis(PrintWriter out, DevServices services, DevDataDir data, RedisUrl configured) throws IOException {
        // a Sentinel setup is never replaced by an embedded Redis: the sentinels are not the Redis to PING
        if (configured.sentinels() != null || DevServices.redisAnswers(configured)) {
            return new Resolved<>(configured, null);
        }
        out.printf("Redis at %s did not answer: started an embedded Redis (data in %s)%n", configured.redacted(), data.redis());
        RedisUrl embedded = services.startRedis();
        return new Resolved<>(embedded, embedded.redacted());
    }

    /** The explicit database as it is, else dev's own; on an embedded server when none answers; created when absent. */
    private Resolved<DatabaseUrl> database(PrintWriter out, DevServices services, DevDataDir data) throws IOException {
        boolean explicit = DevDatabase.explicit(connection.settings());
        DatabaseUrl url = DevDatabase.choose(connection.settings());
        String hint = explicit ? null : DevDatabase.DEFAULT_DEV_URL;
        if (!DevDatabase.serverAnswers(url)) {
            String name = DevDatabase.name(url).orElse(DevDatabase.DEV_DATABASE);
            out.printf("PostgreSQL at %s did not answer: started an embedded PostgreSQL (data in %s)%n", url.redacted(), data.postgres());
            url = services.startPostgres(name);
            hint = DevServices.embeddedPostgresUrl(name);
        }
        if (DevDatabase.createIfAbsent(url)) {
            out.printf("created the database %s (%s)%n", DevDatabase.name(url).orElseThrow(), url.redacted());
        }
        return new Resolved<>(url, hint);
    }

    private static List<Worker> startWorkers(Application app, AppConfig config, Observability observability) {
        TaskRegistry registry = app.registry();
        TaskMetrics metrics = new TaskMetrics(observability.registry());
        List<Worker> workers = new ArrayList<>();
        for (String queue : config.queues()) {
            int concurrency = Math.max(1, config.section("workers").path(queue).asInt(2));
            WorkerSettings settings = new WorkerSettings("dev-" + queue + "-" + NodeName.pid() + "@" + NodeName.host(),
                    List.of(queue), concurrency, 1, 0, Duration.ofSeconds(30), Duration.ofSeconds(30),
                    config.resultExpires(), config.resultExtended());
            Worker worker = new Worker(settings, new WorkerDependencies(app.broker(), registry, app.codec(), app.client(),
                    app.clock(), app.random(), id -> false, metrics));
            worker.start();
            workers.add(worker);
        }
        return workers;
    }
}
