package io.celeriac.bench;

import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.internal.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code celeriac bench boot}: a worker's start with tasks waiting, Celeriac's beside Celery's prefork. */
@Command(name = "boot", mixinStandardHelpOptions = true,
        description = "Time a worker from the exec of its command to its first and last result with tasks waiting,"
                + " and its memory idle and under the drain, beside Celery's prefork worker (private queue and key prefix).")
public final class BootBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-n", "--runs"}, defaultValue = "5", description = "Measured runs per worker and queue depth. Default: ${DEFAULT-VALUE}")
    int runs;

    @Option(names = "--warm-ups", defaultValue = "1", description = "Runs before them (smallest depth), left out. Default: ${DEFAULT-VALUE}")
    int warmUps;

    @Option(names = {"-w", "--waiting"}, split = ",", defaultValue = "50,15000", paramLabel = "W",
            description = "Tasks waiting when the worker starts, one row each. Default: ${DEFAULT-VALUE}")
    List<Integer> waiting;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "8", description = "The Celeriac worker's concurrency. Default: ${DEFAULT-VALUE}")
    int concurrency;

    @Option(names = "--celery-concurrency", split = ",", defaultValue = "2", paramLabel = "N",
            description = "Celery prefork pool sizes measured beside. Default: ${DEFAULT-VALUE}")
    List<Integer> celeryConcurrency;

    @Option(names = "--python", defaultValue = "${env:CELERIAC_BENCH_PYTHON:-/usr/bin/python3}",
            description = "The Python that runs Celery. Env: CELERIAC_BENCH_PYTHON. Default: ${DEFAULT-VALUE}")
    String python;

    @Option(names = "--celery-path", paramLabel = "DIR|none",
            description = "A `pip install --target` directory put first on PYTHONPATH, or none for the interpreter's own Celery."
                    + " Default: CELERIAC_TEST_CELERY_NEWEST, else ~/.cache/celeriac/celery-newest when it holds Celery, else none.")
    String celeryPath;

    @Option(names = "--no-celery", description = "Measure Celeriac's worker only.")
    boolean noCelery;

    @Option(names = "--worker-java-options", defaultValue = "",
            description = "JVM options of the Celeriac worker (CELERIAC_JAVA_OPTS); empty: the launcher's defaults, as users get them.")
    String workerJavaOptions;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || warmUps < 0 || concurrency < 1 || waiting.stream().anyMatch(w -> w < 1)
                || celeryConcurrency.stream().anyMatch(c -> c < 1)) {
            throw new ParameterException(spec.commandLine(),
                    "--runs, --concurrency, --waiting and --celery-concurrency must be positive, --warm-ups not negative");
        }
        BootBenchSettings settings = new BootBenchSettings(runs, warmUps, waiting, concurrency,
                noCelery ? List.of() : celeryConcurrency, workerJavaOptions, connection.configFile());
        PrintWriter out = spec.commandLine().getOut();
        try (Application app = connection.connect(4)) {
            CeleryCli.Found celery = celery(app);
            String celeriacVia = CeleriacCli.fromEnvironment(List.of(), Map.of()).via();
            BootBench bench = new BootBench(app, settings);
            if (!json) {
                out.printf("bench boot: %d run%s per row (medians) after %d warm-up%s; Celeriac worker -c %d, JVM options: %s%n",
                        runs, runs == 1 ? "" : "s", warmUps, warmUps == 1 ? "" : "s", concurrency,
                        workerJavaOptions.isBlank() ? "the launcher's defaults" : workerJavaOptions);
                out.printf("  celeriac: %s%n", celeriacVia);
                out.printf("  celery:   %s%n", celery.cli() != null ? describe(celery.cli()) : celery.missing());
                out.printf("  logs:     %s%n", bench.logDir());
                out.flush();
            }
            List<BootRow> rows = bench.run(celery.cli(), json ? null : out);
            if (json) {
                out.println(Json.mapper().writeValueAsString(report(settings, bench.queue(), celeriacVia, celery, rows)));
            } else {
                BootTable.print(out, rows);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private Map<String, Object> report(BootBenchSettings settings, String queue, String celeriacVia, CeleryCli.Found celery, List<BootRow> rows) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("runs", settings.runs());
        report.put("warm_ups", settings.warmUps());
        report.put("concurrency", settings.concurrency());
        report.put("worker_java_options", settings.workerJavaOptions());
        report.put("queue", queue);
        report.put("celeriac", celeriacVia);
        report.put("celery", celery.cli() != null ? describe(celery.cli()) : null);
        if (celery.cli() == null) {
            report.put("celery_missing", celery.missing());
        }
        report.put("rows", rows.stream().map(BootRow::toJson).toList());
        report.put("drain_ratio_vs_celery", BootTable.ratios(rows));
        return report;
    }

    private CeleryCli.Found celery(Application app) throws InterruptedException {
        if (noCelery || celeryConcurrency.isEmpty()) {
            return new CeleryCli.Found(null, "not run (--no-celery)");
        }
        if (!app.keys().celeryPrefix().isEmpty()) {
            return new CeleryCli.Found(null, "not run: the config sets celery_key_prefix, which this bench does not give Celery");
        }
        Path path = "none".equals(celeryPath) ? null
                : celeryPath != null ? Path.of(celeryPath) : CeleryCli.newestInstalled().orElse(null);
        return CeleryCli.find(python, path, AdminBench.commandLineUrl(app.brokerUrl()));
    }

    private static String describe(CeleryCli cli) {
        return cli.version() + " (" + cli.python() + (cli.celeryPath() == null ? "" : ", PYTHONPATH " + cli.celeryPath())
                + "; " + CeleryWorker.FLAGS + ")";
    }
}
