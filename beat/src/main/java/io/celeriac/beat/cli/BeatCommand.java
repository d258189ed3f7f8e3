package io.celeriac.beat.cli;

import io.celeriac.beat.BeatConfig;
import io.celeriac.beat.BeatMetrics;
import io.celeriac.beat.BeatService;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.cli.ProcessSetup;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.health.BrokerCheck;
import io.celeriac.core.health.LoopsTicking;
import io.celeriac.core.metrics.Observability;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code celeriac beat}: runs a beat replica until SIGTERM or SIGINT (a second one exits at once),
 * then gives the leader lease up and exits 0. The config's entries are validated before connecting: a bad one exits 2.
 */
@Command(name = "beat", mixinStandardHelpOptions = true,
        description = {"Run the periodic task scheduler (Celery's beat). Several replicas may run: one leads, "
                + "the others take over within the lease timeout; each occurrence is sent once.",
                "With a subcommand, show or change the schedule stored in Redis."},
        subcommands = {BeatAddCommand.class, BeatRemoveCommand.class, BeatEnableCommand.class,
                BeatDisableCommand.class, BeatListCommand.class})
public final class BeatCommand implements Callable<Integer> {
    private static final Duration MAX_STOP = Duration.ofSeconds(15);

    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-l", "--loglevel"}, paramLabel = "LEVEL", defaultValue = "${env:CELERIAC_LOGLEVEL:-INFO}",
            description = "DEBUG, INFO, WARNING, ERROR. Env: CELERIAC_LOGLEVEL. Default: ${DEFAULT-VALUE}.")
    String loglevel;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:CELERIAC_HTTP_PORT:-0}",
            description = "Serve /metrics (Prometheus), /healthz and /readyz on this port; 0 = off. Env: CELERIAC_HTTP_PORT. Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Override
    public Integer call() throws Exception {
        ProcessSetup process = ProcessSetup.begin("beat", loglevel, httpPort);
        AppConfig config = connection.loadConfig();
        BeatConfig beat = BeatConfig.from(config.section("beat"));
        try (Application app = process.connect(connection, config, 8);
             Observability observability = process.observability();
             BeatService service = BeatService.start(app, beat, new BeatMetrics(observability.registry()))) {
            observability.liveness(new LoopsTicking(() -> List.of(service.loop()), Duration.ofSeconds(30)))
                    .readiness(new BrokerCheck(app.broker()));
            process.serve(observability);
            // giving the lease up is a few Redis calls, each bounded by the client's timeouts
            ProcessSetup.await(process.stopOnSignal(MAX_STOP));
        }
        return ExitCodes.OK;
    }
}
