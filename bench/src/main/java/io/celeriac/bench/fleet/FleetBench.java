package io.celeriac.bench.fleet;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.BrokerClock;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.task.TaskRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The measurements in order, each run's figures printed as it ends. */
final class FleetBench {
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
