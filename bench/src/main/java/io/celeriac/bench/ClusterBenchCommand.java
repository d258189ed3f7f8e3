package io.celeriac.bench;

import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.internal.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code celeriac bench cluster}: drain throughput and Redis CPU per task and per master on Redis Clusters of its own. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Drain no-op tasks from several queues with worker processes on Redis Clusters of the bench's own "
                + "(redis-server on free loopback ports, one cluster per --shards size): tasks/s, and Redis CPU per task "
                + "in all and per master, which predicts how far more masters on more machines scale.")
public final class ClusterBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--shards", split = ",", defaultValue = "1,3", description = "Cluster sizes (masters). Default: ${DEFAULT-VALUE}")
    List<Integer> shards;

    @Option(names = {"-n", "--tasks"}, defaultValue = "60000", description = "Tasks per drain. Default: ${DEFAULT-VALUE}")
    int tasks;

    @Option(names = "--queues", defaultValue = "6", description = "Queues the tasks spread over. Default: ${DEFAULT-VALUE}")
    int queues;

    @Option(names = "--workers", defaultValue = "3", description = "Worker processes, each consuming every queue. Default: ${DEFAULT-VALUE}")
    int workers;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "8", description = "Each worker's concurrency. Default: ${DEFAULT-VALUE}")
    int concurrency;

    @Option(names = "--runs", defaultValue = "3", description = "Drains per cluster size; medians shown. Default: ${DEFAULT-VALUE}")
    int runs;

    @Option(names = "--ignore-result", description = "Drain without storing results.")
    boolean ignoreResult;

    @Option(names = "--worker-java-options", defaultValue = "-XX:+UseSerialGC -Xss512k -Xmx64m",
            description = "JVM options of the spawned workers. Default: ${DEFAULT-VALUE}")
    String workerJavaOptions;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (shards.isEmpty() || shards.stream().anyMatch(n -> n < 1 || n > 64) || tasks < 1 || queues < 1 || workers < 1
                || concurrency < 1 || runs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--shards takes sizes from 1 to 64; --tasks, --queues, --workers, --concurrency and --runs must be positive");
        }
        if (!redisServerAvailable()) {
            throw new IllegalArgumentException("bench cluster starts its own Redis Cluster and needs redis-server on the PATH");
        }
        ClusterBenchSettings settings = new ClusterBenchSettings(List.copyOf(shards), tasks, queues, workers, concurrency, runs,
                ignoreResult, workerJavaOptions);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ClusterRow> rows = new ClusterBench(settings, line -> {
            err.println(line);
            err.flush();
        }).run();
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("tasks", tasks);
            report.put("queues", queues);
            report.put("workers", workers);
            report.put("concurrency", concurrency);
            report.put("results", !ignoreResult);
            report.put("runs", runs);
            report.put("cores", Runtime.getRuntime().availableProcessors());
            report.put("rows", rows.stream().map(ClusterRow::toMap).toList());
            out.println(Json.mapper().writeValueAsString(report));
        } else {
            print(out, rows);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, List<ClusterRow> rows) {
        out.printf("Redis Cluster drain: %,d no-op tasks over %s, %s (c=%d), %s; medians of %s, %d cores%n",
                tasks, plural(queues, "queue"), plural(workers, "worker process"), concurrency,
                ignoreResult ? "no results" : "results stored", plural(runs, "run"), Runtime.getRuntime().availableProcessors());
        out.printf("%6s %10s %10s %14s %16s %22s %14s %14s%n", "shards", "drain/s", "steady/s", "Redis µs/task",
                "busiest µs/task", "Redis CPU share", "worker µs/task", "Redis-bound/s");
        for (ClusterRow row : rows) {
            String share = Arrays.stream(row.shares()).mapToObj(s -> String.format("%.0f", s * 100))
                    .collect(Collectors.joining("/")) + "%";
            out.printf("%6d %,10.0f %,10.0f %14.1f %16.1f %22s %14.1f %,14.0f%n", row.shards(), row.perSecond(),
                    row.steadyPerSecond(), row.redisMicrosPerTask(), row.busiestMicrosPerTask(), share,
                    row.workerMicrosPerTask(), row.redisBoundPerSecond());
        }
        out.println("key spread per shard (queues; messages; results)");
        for (ClusterRow row : rows) {
            ClusterSpread spread = row.spread();
            out.printf("%6d %s; %s; %s%n", row.shards(), Arrays.stream(spread.queues()).mapToObj(String::valueOf)
                    .collect(Collectors.joining("/")), percents(spread.messages()), percents(spread.results()));
        }
        out.println("estimate, each master on a machine of its own: Redis allows about 1e6 / the busiest master's µs per task, "
                + rows.stream().map(row -> String.format("%,.0f/s with %d", row.redisBoundPerSecond(), row.shards()))
                .collect(Collectors.joining(", "))
                + " (here every master and worker shares this machine's cores, so the measured drain/s need not grow)");
    }

    private static String plural(int n, String noun) {
        return n + " " + (n == 1 ? noun : noun.endsWith("s") ? noun + "es" : noun + "s");
    }

    private static String percents(long[] counts) {
        long total = Arrays.stream(counts).sum();
        if (total == 0) {
            return "-";
        }
        return Arrays.stream(counts).mapToObj(n -> String.format("%.0f", 100.0 * n / total)).collect(Collectors.joining("/")) + "%";
    }

    private static boolean redisServerAvailable() {
        try {
            Process probe = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
