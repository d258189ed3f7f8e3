package io.celeriac.bench.fleet;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.BrokerClock;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.cli.Logging;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.config.Durations;
import io.celeriac.core.internal.Json;
import io.celeriac.core.task.TaskRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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

    /** The measurements in order, each run's figures printed as it ends. */
    private static final class FleetBench {
        private final FleetCommand options;
        private final AppConfig config;
        private final RedisUrl url;
        private final String run;
        private final Path logDir;
        private final PrintWriter out;
        private final FleetRun measure;
        private final RedisCounters counters;

        FleetBench(FleetCommand options, AppConfig config, RedisUrl url, String run, Path logDir, Duration window,
                   Duration settle, PrintWriter out) {
            this.options = options;
            this.config = config;
            this.url = url;
            this.run = run;
            this.logDir = logDir;
            this.out = out;
            this.counters = new RedisCounters(url);
            this.measure = new FleetRun(counters, settle, window);
        }

        Map<String, Object> run() throws Exception {
            String prefix = options.connection.resolveKeyPrefix() != null ? options.connection.resolveKeyPrefix() : run + ":celeriac:";
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("date", Instant.now().toString());
            report.put("redis", counters.serverVersion() + (options.redis.equals("private") ? " (private)" : " (configured)"));
            report.put("cores", Runtime.getRuntime().availableProcessors());
            report.put("concurrency", options.concurrency);
            BrokerClock clock = new BrokerClock(Clock.systemUTC());
            // pool: a thousand workers' loops borrow connections briefly; their watches hold their own
            try (Application app = new Application(config, url, prefix, 64, clock, new SplittableRandom())) {
                clock.bind(app.broker()::time);
                TaskRegistry registry = app.registry();
                text("celeriac bench fleet: %s, Redis %s, %d cores, logs in %s%n", report.get("date"), report.get("redis"),
                        report.get("cores"), logDir);
                Map<String, Object> floors = new LinkedHashMap<>();
                report.put("floors", floors);
                List<Object> runs = new ArrayList<>();
                report.put("runs", runs);
                FleetProbes probes = new FleetProbes(app);
                int largest = options.workers.stream().mapToInt(Integer::intValue).max().orElse(0);
                RedisCounters.Window floor = largest > 0 ? floor(floors, "in-jvm") : null;
                for (int n : largest > 0 ? options.workers : List.<Integer>of()) {
                    for (int q : options.queues) {
                        boolean admin = options.adminBacklog > 0 && n == largest && q == options.queues.get(0);
                        Map<String, Object> result = measureRun("in-jvm", n, q, floor, () -> JvmFleet.start(app, registry,
                                run + "j" + n + "q" + q, n, q, options.concurrency), probes, admin ? app : null);
                        runs.add(result);
                        if (options.burst > 0 && !report.containsKey("burst")) {
                            report.put("burst", burst(app, registry, probes));
                        }
                    }
                }
                if (!options.processes.isEmpty()) {
                    // again: the runs before left connections open (the bench's pool), and Redis's idle CPU follows them
                    floor = floor(floors, "processes");
                }
                for (int n : options.processes) {
                    for (int q : options.queues) {
                        runs.add(measureRun("processes", n, q, floor, () -> ProcessFleet.start(app, run + "p" + n + "q" + q, n, q,
                                options.concurrency, options.workerJavaOptions, logDir), probes, null));
                    }
                }
                if (!options.celery.isEmpty()) {
                    floor = floor(floors, "celery");
                }
                for (int n : options.celery) {
                    for (int q : options.queues) {
                        runs.add(measureRun("celery", n, q, floor, () -> CeleryFleet.start(options.python, url, run + "c" + n + "q" + q,
                                n, q, logDir), null, null));
                    }
                }
                if (!options.celery.isEmpty()) {
                    report.put("celery_version", CeleryFleet.version(options.python));
                }
                if (options.redis.equals("configured")) {
                    FleetCleanup.remove(app, run, prefix);
                }
            } finally {
                counters.close();
            }
            return report;
        }

        /** Redis with only the bench connected, before a mode's runs: what they are counted against. */
        private RedisCounters.Window floor(Map<String, Object> floors, String mode) throws InterruptedException {
            RedisCounters.Window floor = measure.floor();
            floors.put(mode, Map.of("commands_per_s", Samples.round(floor.commandsPerSecond(), 2),
                    "redis_cpu_ms_per_s", Samples.round(floor.cpuMillisPerSecond(), 2), "redis_clients", floor.to().clients()));
            text("floor before the %s runs (only the bench connected, %d clients): %.2f commands/s, Redis CPU %.2f ms/s%n",
                    mode, floor.to().clients(), floor.commandsPerSecond(), floor.cpuMillisPerSecond());
            text("%-9s %7s %6s %9s %10s %9s %11s %15s %15s %8s%n", "mode", "workers", "queues", "cmds/s",
                    "cmds/s/wkr", "cpu ms/s", "cpu us/s/wkr", "pickup p50/p99", "late p50/p99", "thr/wkr");
            return floor;
        }

        /** The burst on a one-worker fleet (the forwarder is what it measures). */
        private Map<String, Object> burst(Application app, TaskRegistry registry, FleetProbes probes) {
            try (Fleet fleet = JvmFleet.start(app, registry, run + "burst", 1, 1, options.concurrency)) {
                Map<String, Object> result = probes.burst(run + "-burst", options.burst);
                text("burst: %s%n", result);
                return result;
            } catch (Exception e) {
                return Map.of("error", String.valueOf(e));
            }
        }

        private interface Starter {
            Fleet start() throws Exception;
        }

        private Map<String, Object> measureRun(String mode, int n, int q, RedisCounters.Window floor, Starter starter,
                                               FleetProbes probes, Application adminApp) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("mode", mode);
            result.put("workers", n);
            result.put("queues_per_worker", q);
            long started = System.nanoTime();
            try (Fleet fleet = starter.start()) {
                result.put("start_s", Samples.round((System.nanoTime() - started) / 1e9, 1));
                if (fleet instanceof JvmFleet jvm) {
                    result.put("platform_threads_per_worker", Samples.round(jvm.platformThreadsPerWorker(), 2));
                }
                result.putAll(measure.idle(fleet, floor));
                if (probes != null) {
                    result.putAll(probes.pickup(fleet, options.pickupWorkers));
                    if (options.delayed > 0) {
                        result.putAll(probes.forwarding(fleet, options.delayed, Duration.ofSeconds(2), Duration.ofSeconds(3), n * 31L + q));
                    }
                }
                if (adminApp != null) {
                    List<String> args = new ArrayList<>(List.of("--broker-url", ProcessFleet.brokerUrl(url),
                            "--key-prefix", adminApp.keys().prefix()));
                    if (options.connection.configFile() != null) {
                        args.addAll(List.of("--config", options.connection.configFile().toAbsolutePath().toString()));
                    }
                    result.put("admin", new AdminAtScale(adminApp, counters, args).run(fleet, run, options.adminBacklog,
                            options.adminDeadLetters, logDir));
                }
            } catch (Exception | OutOfMemoryError e) {
                // the largest fleet this machine runs is itself a finding: say why the next one did not
                result.put("error", String.valueOf(e));
            }
            printRun(result);
            return result;
        }

        private void printRun(Map<String, Object> r) {
            if (r.containsKey("error") && !r.containsKey("commands_per_s")) {
                text("%-9s %7s %6s failed: %s%n", r.get("mode"), r.get("workers"), r.get("queues_per_worker"), r.get("error"));
                return;
            }
            text("%-9s %7s %6s %9s %10s %9s %11s %15s %15s %8s%n", r.get("mode"), r.get("workers"), r.get("queues_per_worker"),
                    r.get("commands_per_s"), r.get("commands_per_worker_s"), r.get("redis_cpu_ms_per_s"),
                    r.get("redis_cpu_us_per_worker_s"), pair(r, "pickup_start_"), pair(r, "late_"),
                    r.getOrDefault("platform_threads_per_worker", "-"));
            text("%-9s calls/s: %s%n", "", r.get("calls_per_s"));
            if (r.get("pickup_missed") instanceof Integer missed && missed > 0 || r.get("delayed_missed") instanceof Integer late && late > 0) {
                text("%-9s MISSED: pickup %s, delayed %s%n", "", r.get("pickup_missed"), r.get("delayed_missed"));
            }
            if (r.containsKey("admin")) {
                text("%-9s admin at scale: %s%n", "", r.get("admin"));
            }
            if (r.containsKey("error")) {
                text("%-9s error: %s%n", "", r.get("error"));
            }
        }

        private static String pair(Map<String, Object> r, String prefix) {
            Object p50 = r.get(prefix + "p50_ms");
            return p50 == null ? "-" : p50 + "/" + r.get(prefix + "p99_ms");
        }

        private void text(String format, Object... args) {
            if (!options.json) {
                out.printf(format, args);
                out.flush();
            }
        }
    }
}
