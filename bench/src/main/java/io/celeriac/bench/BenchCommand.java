package io.celeriac.bench;

import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.internal.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code celeriac bench}: throughput and latency of this machine's Redis and one worker process. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {AdminBenchCommand.class, BootBenchCommand.class, ClusterBenchCommand.class, LimitsBenchCommand.class, UniqueBenchCommand.class, io.celeriac.bench.fleet.FleetCommand.class},
        description = "Measure enqueue and drain throughput and enqueue-to-start latency (private queue and key prefix; safe beside a live system).")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-n", "--tasks"}, defaultValue = "50000", description = "Tasks per enqueue and drain run. Default: ${DEFAULT-VALUE}")
    int tasks;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "32", description = "Worker concurrency. Default: ${DEFAULT-VALUE}")
    int concurrency;

    @Option(names = "--prefetch-multiplier", defaultValue = "4", description = "Worker prefetch multiplier. Default: ${DEFAULT-VALUE}")
    int prefetchMultiplier;

    @Option(names = "--latency-tasks", defaultValue = "2000", description = "Tasks in the latency run. Default: ${DEFAULT-VALUE}")
    int latencyTasks;

    @Option(names = "--latency-rate", defaultValue = "200", description = "Tasks/s in the latency run. Default: ${DEFAULT-VALUE}")
    int latencyRate;

    @Option(names = "--ignore-result", description = "Drain without storing results.")
    boolean ignoreResult;

    @Option(names = {"-E", "--task-events"}, description = "The worker sends Celery's task events (its -E), to measure what they cost.")
    boolean taskEvents;

    @Option(names = "--only", split = ",", description = "Run only these: enqueue, drain, latency.")
    List<String> only;

    @Option(names = "--worker-java-options", defaultValue = "-XX:+UseSerialGC -Xss512k -Xmx64m",
            description = "JVM options of the spawned worker. Default: ${DEFAULT-VALUE}")
    String workerJavaOptions;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (tasks < 1 || concurrency < 1 || latencyTasks < 1 || latencyRate < 1) {
            throw new IllegalArgumentException("--tasks, --concurrency, --latency-tasks and --latency-rate must be positive");
        }
        BenchSettings settings = new BenchSettings(tasks, concurrency, prefetchMultiplier, latencyTasks, latencyRate,
                ignoreResult, workerJavaOptions, connection.configFile(), taskEvents);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> report = new LinkedHashMap<>();
        try (Application app = connection.connect(16)) {
            Bench bench = new Bench(app, settings);
            try {
                if (wants("enqueue")) {
                    report.put("enqueue", bench.enqueue());
                    print(out, "enqueue", report.get("enqueue"));
                }
                if (wants("drain")) {
                    report.put("drain", bench.drain());
                    print(out, "drain (one worker process, c=" + concurrency + ", prefetch x" + prefetchMultiplier
                            + (ignoreResult ? ", no results" : ", results stored")
                            + (taskEvents ? ", task events on" : "") + ")", report.get("drain"));
                }
                if (wants("latency")) {
                    report.put("latency", bench.latency());
                    print(out, "latency (enqueue to start, idle worker)", report.get("latency"));
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

    private boolean wants(String part) {
        return only == null || only.isEmpty() || only.contains(part);
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
