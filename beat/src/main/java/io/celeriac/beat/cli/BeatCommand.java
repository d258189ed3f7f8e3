package io.celeriac.beat.cli;

import io.celeriac.beat.BeatConfig;
import io.celeriac.beat.BeatMetrics;
import io.celeriac.core.health.LoopsTicking;
import io.celeriac.core.health.BrokerCheck;
import io.celeriac.core.metrics.Observability;
import java.time.Duration;
import java.util.List;
import io.celeriac.beat.BeatService;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.cli.Logging;
import io.celeriac.core.config.AppConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code celeriac beat}: runs a beat replica until SIGTERM or SIGINT, then gives the leader lease up
 * and exits 0. The config's entries are validated before connecting: a bad one exits 2.
 */
@Command(name = "beat", mixinStandardHelpOptions = true,
        description = {"Run the periodic task scheduler (Celery's beat). Several replicas may run: one leads, "
                + "the others take over within the lease timeout; each occurrence is sent once.",
                "With a subcommand, show or change the schedule stored in Redis."},
        subcommands = {BeatAddCommand.class, BeatRemoveCommand.class, BeatEnableCommand.class,
                BeatDisableCommand.class, BeatListCommand.class})
public final class BeatCommand implements Callable<Integer> {
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
        Logging.setLevel(loglevel);
        AppConfig config = connection.loadConfig();
        BeatConfig beat = BeatConfig.from(config.section("beat"));
        CountDownLatch stop = new CountDownLatch(1);
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("--http-port must be between 0 and 65535, got " + httpPort);
        }
        try (Application app = connection.connect(config, 8);
             Observability observability = new Observability("beat");
             BeatService service = BeatService.start(app, beat, new BeatMetrics(observability.registry()))) {
            observability.liveness(new LoopsTicking(() -> List.of(service.loop()), Duration.ofSeconds(30)))
                    .readiness(new BrokerCheck(app.broker()));
            observability.serve(httpPort);
            Signal.handle(new Signal("TERM"), signal -> stop.countDown());
            Signal.handle(new Signal("INT"), signal -> stop.countDown());
            while (!stop.await(60, TimeUnit.SECONDS)) {
                // waiting for a signal
            }
        }
        return ExitCodes.OK;
    }
}
