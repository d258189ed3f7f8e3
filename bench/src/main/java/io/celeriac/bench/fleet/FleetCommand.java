package io.celeriac.bench.fleet;

import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.cli.Logging;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.config.Durations;
import io.celeriac.core.internal.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code celeriac bench fleet}: what idle workers cost one Redis as the fleet grows, beside Celery's. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "Run N idle workers against one Redis and report Redis commands/s and CPU per worker, pickup p50/p99 "
                + "and delayed-forwarding lateness; optionally Celery workers, and admin commands at scale.")
public final class FleetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--workers", split = ",", defaultValue = "1,10,100,1000", paramLabel = "N",
            description = "Fleet sizes, workers in this JVM (0: none). Default: ${DEFAULT-VALUE}")
    List<Integer> workers;

    @Option(names = "--queues", split = ",", defaultValue = "1,10", paramLabel = "Q",
            description = "Queues per worker, each size measured with each. Default: ${DEFAULT-VALUE}")
    List<Integer> queues;

    @Option(names = "--processes", split = ",", paramLabel = "N",
            description = "Also these fleet sizes as `celeriac worker` processes (~130 MB each). Default: none")
    List<Integer> processes = new ArrayList<>();

    @Option(names = "--celery", split = ",", paramLabel = "N",
            description = "Also these fleet sizes as Celery worker processes (--pool=solo), idle cost only. Default: none")
    List<Integer> celery = new ArrayList<>();

    @Option(names = "--window", defaultValue = "30s", description = "Counting window per run. Default: ${DEFAULT-VALUE}")
    String window;

    @Option(names = "--settle", defaultValue = "10s", description = "Wait after the fleet started, before counting. Default: ${DEFAULT-VALUE}")
    String settle;

    @Option(names = "--pickup-workers", defaultValue = "10", description = "Workers probed for pickup, each on every queue and priority. Default: ${DEFAULT-VALUE}")
    int pickupWorkers;

    @Option(names = "--delayed", defaultValue = "200", description = "Tasks with an ETA per run, for forwarding lateness. Default: ${DEFAULT-VALUE}")
    int delayed;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "1", description = "Concurrency of each worker. Default: ${DEFAULT-VALUE}")
    int concurrency;

    @Option(names = "--admin-backlog", defaultValue = "0", paramLabel = "N",
            description = "With the largest in-JVM fleet registered, push N waiting tasks and time the admin commands. Default: off")
    long adminBacklog;

    @Option(names = "--admin-dead-letters", defaultValue = "1000", description = "Dead letters made for the admin run. Default: ${DEFAULT-VALUE}")
    int adminDeadLetters;

    @Option(names = "--redis", defaultValue = "private",
            description = "private: start a redis-server of its own (nothing else counted); configured: the --broker-url one "
                    + "(other clients' commands are counted too). Default: ${DEFAULT-VALUE}")
    String redis;

    @Option(names = "--worker-java-options", defaultValue = "-XX:+UseSerialGC -Xss512k -Xmx64m",
            description = "JVM options of --processes workers. Default: ${DEFAULT-VALUE}")
    String workerJavaOptions;

    @Option(names = "--python", defaultValue = "${env:CELERIAC_BENCH_PYTHON:-/usr/bin/python3}",
            description = "Python with Celery, for --celery. Env: CELERIAC_BENCH_PYTHON. Default: ${DEFAULT-VALUE}")
    String python;

    @Option(names = "--burst", defaultValue = "0", paramLabel = "N",
            description = "With the first in-JVM fleet: N tasks due at one instant; how soon after it all were forwarded. Default: off")
    int burst;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the JSON report to FILE.")
    Path reportFile;

    @Override
    public Integer call() throws Exception {
        Duration windowLength = Durations.parse(window);
        Duration settleLength = Durations.parse(settle);
        validate(windowLength);
        String run = "fb" + UUID.randomUUID().toString().substring(0, 6);
        // the in-JVM workers log as a worker process would; the bench's dead letters and churn are expected
        Logging.setLevel("ERROR");
        Path logDir = Files.createTempDirectory("celeriac-fleet-bench");
        AppConfig config = connection.loadConfig();
        PrintWriter out = spec.commandLine().getOut();
        PrivateRedis server = "private".equals(redis) ? PrivateRedis.start(logDir.resolve("redis.log")) : null;
        try {
            RedisUrl url = server != null ? server.url() : connection.resolveBrokerUrl(config);
            Map<String, Object> report = new FleetBench(this, config, url, run, logDir, windowLength, settleLength, out).run();
            if (json) {
                out.println(Json.mapper().writeValueAsString(report));
            }
            if (reportFile != null) {
                Files.writeString(reportFile, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
            }
            out.flush();
            return ExitCodes.OK;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private void validate(Duration windowLength) {
        if (!"private".equals(redis) && !"configured".equals(redis)) {
            throw new IllegalArgumentException("--redis must be private or configured, got " + redis);
        }
        if ("private".equals(redis) && !PrivateRedis.available()) {
            throw new IllegalArgumentException("--redis private needs redis-server on the PATH (or use --redis configured)");
        }
        List<Integer> sizes = new ArrayList<>(workers.equals(List.of(0)) ? List.of() : workers);
        sizes.addAll(processes);
        sizes.addAll(celery);
        if (sizes.stream().anyMatch(n -> n < 1) || queues.stream().anyMatch(q -> q < 1) || queues.isEmpty()) {
            throw new IllegalArgumentException("--workers (0 alone: no in-JVM runs), --processes, --celery and --queues "
                    + "take numbers of at least 1");
        }
        if (windowLength.toMillis() < 1000 || pickupWorkers < 1 || delayed < 0 || concurrency < 1 || adminBacklog < 0 || burst < 0) {
            throw new IllegalArgumentException("--window must be at least 1s; --pickup-workers and --concurrency at least 1; "
                    + "--delayed, --burst and --admin-backlog at least 0");
        }
        if (!celery.isEmpty() && CeleryFleet.version(python) == null) {
            throw new IllegalArgumentException("--celery needs a Python that imports celery; " + python + " does not (see --python)");
        }
    }
}
