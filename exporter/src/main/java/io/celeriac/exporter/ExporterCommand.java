package io.celeriac.exporter;

import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.cli.ProcessSetup;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.config.Durations;
import io.celeriac.core.health.LoopsTicking;
import io.celeriac.core.metrics.Observability;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code celeriac exporter}: serves the fleet's health on {@code /metrics} for Prometheus, read
 * from Redis by a process that is not a worker. It starts and keeps serving whether or not Redis
 * answers ({@code celeriac_redis_up 0} then).
 */
@Command(name = "exporter", mixinStandardHelpOptions = true,
        description = "Serve the fleet's health to Prometheus (/metrics): queues (waiting, oldest, last pickup), workers, "
                + "delayed and dead letters, beat, and the modules' own (AI runs overdue, notifications) when a database URL is given.")
public final class ExporterCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ExporterCommand.class);
    static final int DEFAULT_MAX_QUEUES = 50;
    static final int DEFAULT_MAX_WORKERS = 200;
    static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(30);

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:CELERIAC_EXPORTER_PORT:-9808}",
            description = "Serve /metrics, /healthz and /readyz on this port. Env: CELERIAC_EXPORTER_PORT. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "${env:CELERIAC_EXPORTER_INTERVAL:-5s}",
            description = "Between two reads of Redis (100ms-10m). Env: CELERIAC_EXPORTER_INTERVAL. Default: ${DEFAULT-VALUE}.")
    String interval;

    @Option(names = "--probe-interval", paramLabel = "DURATION", defaultValue = "${env:CELERIAC_EXPORTER_PROBE_INTERVAL:-30s}",
            description = "Between two reads of the modules' stores (PostgreSQL). Env: CELERIAC_EXPORTER_PROBE_INTERVAL. Default: ${DEFAULT-VALUE}.")
    String probeInterval;

    @Option(names = "--max-queues", paramLabel = "N", defaultValue = "" + DEFAULT_MAX_QUEUES,
            description = "Queues beyond the configured ones with a label of their own; the rest add up under queue=\"other\". Default: ${DEFAULT-VALUE}.")
    int maxQueues;

    @Option(names = "--max-workers", paramLabel = "N", defaultValue = "" + DEFAULT_MAX_WORKERS,
            description = "Workers with a label of their own; the rest fold into worker=\"other\". Default: ${DEFAULT-VALUE}.")
    int maxWorkers;

    @Option(names = {"-l", "--loglevel"}, paramLabel = "LEVEL", defaultValue = "${env:CELERIAC_LOGLEVEL:-INFO}",
            description = "DEBUG, INFO, WARNING, ERROR. Env: CELERIAC_LOGLEVEL. Default: ${DEFAULT-VALUE}.")
    String loglevel;

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 1 and 65535, got " + port);
        }
        ProcessSetup process = ProcessSetup.begin("exporter", loglevel, port);
        AppConfig config = connection.loadConfig();
        RedisUrl brokerUrl = connection.resolveBrokerUrl(config);
        ExporterSettings settings = new ExporterSettings(duration("--interval", interval), duration("--probe-interval", probeInterval),
                maxQueues, maxWorkers, config.queues(), QueueObjectives.from(config.section("exporter")));
        CountDownLatch stop = process.stopOnSignal(Duration.ofSeconds(10));
        try (Observability observability = process.observability();
             FleetExporter exporter = FleetExporter.create(config, brokerUrl, connection.resolveKeyPrefix(), connection.settings(),
                     settings, observability.registry(), Clock.systemUTC()).start()) {
            // live while its loop turns, Redis or not: a Redis outage is what it reports, not a reason to restart it
            Duration silence = settings.interval().multipliedBy(3).plusSeconds(30);
            observability.liveness(new LoopsTicking(exporter::loops, silence)).readiness(new LoopsTicking(exporter::loops, silence));
            int bound = process.serve(observability);
            log.atInfo().addKeyValue("port", bound).addKeyValue("redis", brokerUrl.redacted())
                    .addKeyValue("interval_ms", settings.interval().toMillis()).addKeyValue("probes", String.join(",", exporter.probes()))
                    .log("exporter ready");
            ProcessSetup.await(stop);
        }
        return ExitCodes.OK;
    }

    private static Duration duration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
