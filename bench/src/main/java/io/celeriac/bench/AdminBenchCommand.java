package io.celeriac.bench;

import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.internal.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code celeriac bench admin}: wall and CPU time of the admin commands, as users run them, beside Celery's CLI. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Time the admin commands (status, send, result, inspect ping, ai create) as users run them,"
                + " each beside Celery's own command for the same job (private queue, key prefix and database).")
public final class AdminBenchCommand implements Callable<Integer> {
    private static final String NONE = "none";

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-n", "--runs"}, defaultValue = "5", description = "Measured runs per command. Default: ${DEFAULT-VALUE}")
    int runs;

    @Option(names = "--warm-ups", defaultValue = "1", description = "Runs before them, left out. Default: ${DEFAULT-VALUE}")
    int warmUps;

    @Option(names = "--only", split = ",", paramLabel = "JOB", description = "Run only these: status, send, result, inspect, ai.")
    List<String> only;

    @Option(names = "--python", defaultValue = "${env:CELERIAC_BENCH_PYTHON:-/usr/bin/python3}",
            description = "The Python that runs Celery's CLI. Env: CELERIAC_BENCH_PYTHON. Default: ${DEFAULT-VALUE}")
    String python;

    @Option(names = "--celery-path", paramLabel = "DIR|none",
            description = "A `pip install --target` directory put first on PYTHONPATH, or none for the interpreter's own Celery."
                    + " Default: CELERIAC_TEST_CELERY_NEWEST, else ~/.cache/celeriac/celery-newest when it holds Celery, else none.")
    String celeryPath;

    @Option(names = "--no-celery", description = "Time Celeriac's commands only.")
    boolean noCelery;

    @Option(names = "--worker-java-options", defaultValue = "-XX:+UseSerialGC -Xss512k -Xmx64m",
            description = "JVM options of the bench's worker. Default: ${DEFAULT-VALUE}")
    String workerJavaOptions;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        AdminBenchSettings settings = new AdminBenchSettings(runs, warmUps, workerJavaOptions, connection.configFile(),
                connection.settings(), only);
        PrintWriter out = spec.commandLine().getOut();
        try (Application app = connection.connect(4)) {
            CeleryCli.Found celery = celery(app);
            AdminBench bench = new AdminBench(app, settings);
            if (!json) {
                out.printf("bench admin: %d run%s per command after %d warm-up%s, one at a time%n", runs, runs == 1 ? "" : "s",
                        warmUps, warmUps == 1 ? "" : "s");
                out.printf("  celeriac: %s%n", bench.via());
                out.printf("  celery:   %s%n", celery.cli() != null ? describe(celery.cli()) : celery.missing());
                out.flush();
            }
            List<AdminRow> rows = bench.run(celery.cli(), celery.missing());
            if (json) {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("runs", runs);
                report.put("warm_ups", warmUps);
                report.put("celeriac", bench.via());
                report.put("celery", celery.cli() != null ? describe(celery.cli()) : null);
                report.put("commands", rows.stream().map(AdminRow::toJson).toList());
                out.println(Json.mapper().writeValueAsString(report));
            } else {
                printTable(out, rows);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private CeleryCli.Found celery(Application app) throws InterruptedException {
        if (noCelery) {
            return new CeleryCli.Found(null, "not run (--no-celery)");
        }
        if (!app.keys().celeryPrefix().isEmpty()) {
            return new CeleryCli.Found(null, "not run: the config sets celery_key_prefix, which Celery's CLI takes from no flag");
        }
        Path path = NONE.equals(celeryPath) ? null
                : celeryPath != null ? Path.of(celeryPath) : CeleryCli.newestInstalled().orElse(null);
        return CeleryCli.find(python, path, AdminBench.commandLineUrl(app.brokerUrl()));
    }

    private static String describe(CeleryCli cli) {
        return cli.version() + " (" + cli.python() + (cli.celeryPath() == null ? "" : ", PYTHONPATH " + cli.celeryPath()) + ")";
    }

    private static String seconds(Object value) {
        return value instanceof Double d ? String.format(java.util.Locale.ROOT, "%.3f", d) : "?";
    }

    private static void printTable(PrintWriter out, List<AdminRow> rows) {
        out.println();
        out.printf("  %-52s %-23s %s%n", "", "wall s", "CPU s (user+sys)");
        out.printf("  %-52s %-7s %-7s %-7s  %-7s %-7s %-7s%n", "command", "median", "min", "max", "median", "min", "max");
        Set<String> notes = new LinkedHashSet<>();
        for (AdminRow row : rows) {
            if (row.timing() != null) {
                Map<String, Object> wall = Timing.summary(row.timing().wallSeconds());
                Map<String, Object> cpu = Timing.summary(row.timing().cpuSeconds());
                out.printf("  %-52s %-7s %-7s %-7s  %-7s %-7s %-7s%n", row.command(), seconds(wall.get("median")),
                        seconds(wall.get("min")), seconds(wall.get("max")), seconds(cpu.get("median")), seconds(cpu.get("min")),
                        seconds(cpu.get("max")));
            } else if (row.failure() != null) {
                out.printf("  %-52s FAILED: %s%n", row.command(), row.failure());
            } else {
                out.printf("  %-52s skipped: %s%n", row.command(), row.note());
            }
            if (row.timing() != null && row.note() != null && "celery".equals(row.cli())) {
                notes.add(row.name() + ": " + row.note());
            }
        }
        if (!notes.isEmpty()) {
            out.println();
            out.println("  How the Celery commands compare:");
            notes.forEach(note -> out.println("    " + note));
        }
    }
}
