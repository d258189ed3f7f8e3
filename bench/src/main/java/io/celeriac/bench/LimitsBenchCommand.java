package io.celeriac.bench;

import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.config.Durations;
import io.celeriac.core.flow.InvalidLimitException;
import io.celeriac.core.flow.Rate;
import io.celeriac.core.internal.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code celeriac bench limits}: rate accuracy of a fleet-wide limit across worker processes, and what a limit costs a drain. */
@Command(name = "limits", mixinStandardHelpOptions = true,
        description = "Measure a fleet-wide rate limit's accuracy across worker processes, and drain throughput with a limit that "
                + "never bites beside none (private queue and limit; safe beside a live system).")
public final class LimitsBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--rate", defaultValue = "600/m", description = "The shared limit. Default: ${DEFAULT-VALUE}")
    String rate;

    @Option(names = "--workers", defaultValue = "4", description = "Worker processes sharing it. Default: ${DEFAULT-VALUE}")
    int workers;

    @Option(names = "--duration", defaultValue = "3m", description = "How long the limited run lasts at the limit (0: drain only). Default: ${DEFAULT-VALUE}")
    String duration;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "4", description = "Each worker's concurrency. Default: ${DEFAULT-VALUE}")
    int concurrency;

    @Option(names = "--drain-tasks", defaultValue = "50000", description = "Tasks per drain run (0 skips the drains). Default: ${DEFAULT-VALUE}")
    int drainTasks;

    @Option(names = "--worker-java-options", defaultValue = "-XX:+UseSerialGC -Xss512k -Xmx64m",
            description = "JVM options of the spawned workers. Default: ${DEFAULT-VALUE}")
    String workerJavaOptions;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try {
            if (Rate.parse(rate) == null) {
                throw new InvalidLimitException("--rate '" + rate + "' sets no limit");
            }
        } catch (InvalidLimitException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (workers < 1 || concurrency < 1 || drainTasks < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--workers and --concurrency must be positive, --drain-tasks not negative");
        }
        LimitsBenchSettings settings = new LimitsBenchSettings(rate, workers, Durations.parse(duration), concurrency, drainTasks,
                workerJavaOptions);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> report = new LinkedHashMap<>();
        try (Application app = connection.connect(16)) {
            LimitsBench bench = new LimitsBench(app, settings);
            try {
                if (!settings.duration().isZero()) {
                    report.put("accuracy", bench.accuracy());
                    print(out, "rate accuracy (" + workers + " worker processes share one limit)", report.get("accuracy"));
                }
                if (drainTasks > 0) {
                    report.put("drain", bench.drain());
                    print(out, "drain (one worker process, c=" + concurrency + ", no results): no limit vs one that never bites",
                            report.get("drain"));
                }
            } finally {
                bench.cleanUp();
            }
        }
        if (json) {
            out.println(Json.mapper().writeValueAsString(report));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, String title, Object values) {
        if (json) {
            return;
        }
        out.println(title);
        ((Map<?, ?>) values).forEach((k, v) -> out.printf("  %-28s %s%n", k, v));
        out.flush();
    }

}
