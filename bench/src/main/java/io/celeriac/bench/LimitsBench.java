package io.celeriac.bench;

import io.celeriac.core.app.Application;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.client.TaskClient;
import io.celeriac.core.flow.Rate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code celeriac bench limits}: what fleet-wide limits cost and how exactly they hold.
 *
 * <ol>
 *   <li>accuracy: N worker processes share one rate limit on {@code celeriac.stamp} (written into
 *       a config file of the bench's own); enough stamp tasks for the duration are preloaded at
 *       once, so the limit bites from the first second; from the start times the stamps report:
 *       the measured rate beside the limit, the most starts in any second and in any token
 *       interval, Redis CPU per limited task;</li>
 *   <li>drain: one worker process drains no-op tasks without a limit, then with a limit far above
 *       what it can do (so it never bites, and every task still runs the Lua script), in the same run.</li>
 * </ol>
 */
final class LimitsBench {
    private static final String STAMP = "celeriac.stamp";

    private final Application app;
    private final LimitsBenchSettings settings;
    private final String limitName = "bench-limit-" + UUID.randomUUID().toString().substring(0, 8);
    private final String queue = "bench-limits-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path dir;

    LimitsBench(Application app, LimitsBenchSettings settings) throws IOException {
        this.app = app;
        this.settings = settings;
        this.dir = Files.createTempDirectory("celeriac-bench-limits");
    }

    Map<String, Object> accuracy() throws IOException, InterruptedException {
        Rate rate = Rate.parse(settings.rate());
        Path config = config(STAMP, settings.rate());
        List<WorkerProcess> workers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            for (int i = 0; i < settings.workers(); i++) {
                String name = "bench-limits-" + i + "-" + UUID.randomUUID().toString().substring(0, 4) + "@local";
                names.add(name);
                workers.add(WorkerProcess.start(settings.workerJavaOptions(), args(name, config), dir.resolve(name + ".log")));
            }
            awaitRegistered(names, workers);
            int n = (int) Math.max(2, Math.round(rate.perSecond() * settings.duration().toMillis() / 1000.0) + 1);
            double redisCpu0 = RedisCpu.seconds(app.redis());
            TaskClient client = app.client();
            SendOptions options = SendOptions.defaults().queue(queue);
            List<TaskClient.Request> requests = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                requests.add(new TaskClient.Request(STAMP, List.of(), Map.of(), options));
            }
            List<String> sent = client.sendAll(requests);
            long[] starts = new long[n];
            Duration wait = settings.duration().multipliedBy(2).plusMinutes(1);
            for (int i = 0; i < n; i++) {
                starts[i] = client.result(sent.get(i)).get(wait).asLong();
            }
            double redisCpu = RedisCpu.seconds(app.redis()) - redisCpu0;
            RateAccuracy accuracy = RateAccuracy.of(starts, rate.intervalMillis());
            out.put("limit", settings.rate() + " (" + round(rate.perSecond(), 3) + "/s, burst " + rate.burst() + ")");
            out.put("worker_processes", settings.workers());
            out.put("tasks", n);
            out.put("measured_per_s", round(accuracy.measuredPerS(), 3));
            out.put("error_pct", round((accuracy.measuredPerS() / rate.perSecond() - 1) * 100, 2));
            out.put("steady_per_s", round(accuracy.steadyPerS(), 3));
            out.put("steady_error_pct", round((accuracy.steadyPerS() / rate.perSecond() - 1) * 100, 2));
            out.put("max_in_any_1s", accuracy.maxInAnySecond());
            out.put("allowed_in_any_1s", (int) Math.ceil(rate.perSecond()) + rate.burst() - 1);
            out.put("max_in_any_interval", accuracy.maxInAnyInterval());
            out.put("min_gap_ms", round(accuracy.minGapMillis(), 1));
            out.put("redis_cpu_us_per_task", round(redisCpu * 1e6 / n, 1));
        } finally {
            for (WorkerProcess worker : workers) {
                worker.stop(Duration.ofSeconds(30));
            }
        }
        return out;
    }

    /** Drain per second without a limit and with one that never bites, one worker process each, same run. */
    Map<String, Object> drain() throws IOException, InterruptedException {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> unlimited = drainWith(null, "");
        Map<String, Object> limited = drainWith(config("celeriac.noop", "1000000/s"), "");
        // the same limit with a token per task (no tokens taken ahead), as before TokenAllowances
        Map<String, Object> perTask = drainWith(config("celeriac.noop", "1000000/s"), " -Dceleriac.flow.token-lease=1");
        // no limit again, last: on a shared machine the first and last drains bracket the others' load
        Map<String, Object> unlimitedAgain = drainWith(null, "");
        Object base = mean(unlimited.get("per_s"), unlimitedAgain.get("per_s"));
        Object warmBase = mean(unlimited.get("warm_per_s"), unlimitedAgain.get("warm_per_s"));
        out.put("tasks", settings.drainTasks());
        out.put("unlimited_per_s", unlimited.get("per_s"));
        out.put("limited_per_s", limited.get("per_s"));
        out.put("limited_token_per_task_per_s", perTask.get("per_s"));
        out.put("unlimited_again_per_s", unlimitedAgain.get("per_s"));
        out.put("unlimited_warm_per_s", unlimited.getOrDefault("warm_per_s", "-"));
        out.put("limited_warm_per_s", limited.getOrDefault("warm_per_s", "-"));
        out.put("limited_token_per_task_warm_per_s", perTask.getOrDefault("warm_per_s", "-"));
        out.put("unlimited_again_warm_per_s", unlimitedAgain.getOrDefault("warm_per_s", "-"));
        // percentages against the mean of the two unlimited drains
        out.put("limited_vs_unlimited_pct", percent(limited.get("per_s"), base));
        out.put("limited_vs_unlimited_warm_pct", percent(limited.get("warm_per_s"), warmBase));
        out.put("token_per_task_vs_unlimited_pct", percent(perTask.get("per_s"), base));
        out.put("token_per_task_vs_unlimited_warm_pct", percent(perTask.get("warm_per_s"), warmBase));
        out.put("unlimited_redis_cpu_us_per_task", unlimited.get("redis_cpu_us_per_task"));
        out.put("limited_redis_cpu_us_per_task", limited.get("redis_cpu_us_per_task"));
        out.put("token_per_task_redis_cpu_us_per_task", perTask.get("redis_cpu_us_per_task"));
        return out;
    }

    private static Object mean(Object a, Object b) {
        if (!(a instanceof Number x) || !(b instanceof Number y)) {
            return "-";
        }
        return (x.doubleValue() + y.doubleValue()) / 2;
    }

    private static Object percent(Object part, Object whole) {
        if (!(part instanceof Number p) || !(whole instanceof Number w) || w.doubleValue() == 0) {
            return "-";
        }
        return round(100.0 * p.doubleValue() / w.doubleValue(), 1);
    }

    private Map<String, Object> drainWith(Path config, String extraJavaOptions) throws IOException, InterruptedException {
        Path file = config != null ? config : config(null, null);
        Bench bench = new Bench(app, new BenchSettings(settings.drainTasks(), settings.concurrency(), 4, 1, 1, true,
                settings.workerJavaOptions() + extraJavaOptions, file, false));
        try {
            return bench.drain();
        } finally {
            bench.cleanUp();
        }
    }

    /** A config of the bench's own: the application's kombu prefix, and a rate on {@code task} when given. */
    private Path config(String task, String rate) throws IOException {
        StringBuilder yaml = new StringBuilder("celery_key_prefix: \"" + app.keys().celeryPrefix() + "\"\n");
        if (task != null) {
            yaml.append("flow_limits:\n  ").append(limitName).append(":\n    tasks: [").append(task).append("]\n    rate: ")
                    .append(rate).append('\n');
        }
        Path file = Files.createTempFile(dir, "config", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private List<String> args(String worker, Path config) {
        return List.of("--queues=" + queue, "--concurrency=" + settings.concurrency(), "--hostname=" + worker,
                "--broker-url=" + Bench.brokerUrl(app), "--key-prefix=" + app.keys().prefix(), "--result-expires=300s",
                "--loglevel=WARNING", "--task-events=false", "--config=" + config.toAbsolutePath());
    }

    private void awaitRegistered(List<String> names, List<WorkerProcess> workers) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!app.broker().workerHeartbeats().keySet().containsAll(names)) {
            if (System.nanoTime() > deadline || workers.stream().anyMatch(w -> !w.isAlive())) {
                throw new IllegalStateException("the bench's workers did not all start; see the logs in " + dir);
            }
            LockSupport.parkNanos(50_000_000);
        }
    }

    /** Removes the limit's keys and the queue's. */
    void cleanUp() {
        var keys = app.keys();
        app.redis().getKeys().delete(keys.rateBucket(limitName), keys.rateReservations(limitName));
        app.redisBroker().direct().call(jedis -> {
            jedis.hdel(keys.flowLimits(), limitName);
            return jedis.hdel(keys.flowThrottled(), limitName);
        });
        app.redis().getKeys().delete(keys.queueLists(queue).toArray(String[]::new));
        app.redis().getKeys().delete(keys.binding(queue));
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
