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
import java.io.PrintWriter;
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
 * Ctrl-C stops everything warmly.
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

    @Option(names = "--data-dir", defaultValue = ".celeriac", description = "Where embedded servers keep their data. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = {"-l", "--loglevel"}, defaultValue = "${env:CELERIAC_LOGLEVEL:-INFO}", description = "Default: ${DEFAULT-VALUE}")
    String loglevel;

    @Override
    public Integer call() throws Exception {
        ProcessSetup process = ProcessSetup.begin("dev", loglevel, httpPort);
        if (exporterPort < 0 || exporterPort > 65_535) {
            throw new IllegalArgumentException("--exporter-port must be between 0 and 65535 (0 = off), got " + exporterPort);
        }
        PrintWriter out = spec.commandLine().getOut();
        AppConfig config = connection.loadConfig();
        BeatConfig beatConfig = BeatConfig.from(config.section("beat"));
        // from here a Ctrl-C asks for a warm stop (a second one exits at once), also while starting
        CountDownLatch stop = process.stopOnSignal(MAX_STOP);
        try (DevServices services = new DevServices(dataDir)) {
            RedisUrl redisUrl = connection.resolveBrokerUrl(config);
            if (!DevServices.redisAnswers(redisUrl)) {
                out.printf("Redis at %s did not answer: started an embedded Redis (data in %s)%n", redisUrl.redacted(), dataDir.resolve("redis"));
                redisUrl = services.startRedis();
            }
            DatabaseUrl databaseUrl = DatabaseSettings.url(connection.settings());
            if (!DevServices.postgresAnswers(databaseUrl)) {
                out.printf("PostgreSQL at %s did not answer: started an embedded PostgreSQL (data in %s)%n",
                        databaseUrl.redacted(), dataDir.resolve("postgres"));
                databaseUrl = services.startPostgres();
            }
            out.flush();
            try (Application app = process.connect(connection, config, redisUrl, DatabaseSettings.of(databaseUrl, "public"), 96);
                 Observability observability = process.observability()) {
                // connected and migrated before the workers start, so the first task finds its tables
                Database.of(app);
                List<Worker> workers = startWorkers(app, config, observability);
                try (BeatService beat = BeatService.start(app, beatConfig, new BeatMetrics(observability.registry()));
                     DevExporter exporter = DevExporter.start(exporterPort, config, redisUrl, connection.resolveKeyPrefix(),
                             DatabaseSettings.of(databaseUrl, "public"))) {
                    List<io.celeriac.core.loop.ServiceLoop> loops = new ArrayList<>();
                    workers.forEach(w -> loops.addAll(w.loops()));
                    loops.add(beat.loop());
                    observability.liveness(new LoopsTicking(() -> loops, Duration.ofSeconds(30)))
                            .readiness(new RedisCheck(app.redis())).readiness(app.components().readiness(Database.class, app));
                    int port = process.serve(observability);
                    DevBanner.print(out, app, workers, beatConfig.entries().size(), redisUrl, databaseUrl, port, exporter.port());
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
