package io.celeriac.bench;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.TaskClient;
import io.celeriac.core.client.SendOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.redisson.api.RedissonClient;

/**
 * Runs the three measurements on a private queue under a private key prefix, so it can run beside
 * a live system without touching its data.
 *
 * <ol>
 *   <li>enqueue: N sends one by one, then N in pipelined batches of 1000;</li>
 *   <li>drain: N no-op tasks preloaded, then one worker process started; timed from spawn (and
 *       from its first fetch) until queue and in-flight lists are empty, i.e. every task acked and
 *       its result written; the second half is also reported on its own ("warm": the JIT has
 *       compiled the hot path by then, and its compile time no longer counts);</li>
 *   <li>latency: an idle worker process, warmed up with 20,000 tasks (fewer for short runs);
 *       then tasks that report when they started, sent at a steady rate; enqueue-to-start
 *       percentiles, beside those of the sending call and of a bare PING half-way between sends
 *       (the machine's own floor).</li>
 * </ol>
 */
public final class Bench {
    private static final String NOOP = "celeriac.noop";
    /** At most this many warm-up tasks before the latency run, and ten per measured task. */
    private static final int WARM_UP_TASKS = 20_000;

    private final Application app;
    private final BenchSettings settings;
    private final String queue = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path logDir;

    public Bench(Application app, BenchSettings settings) throws IOException {
        this.app = app;
        this.settings = settings;
        this.logDir = Files.createTempDirectory("celeriac-bench");
    }

    public String queue() {
        return queue;
    }

    /** Enqueue throughput, single and bulk; the queue is emptied afterwards. */
    public Map<String, Object> enqueue() {
        TaskClient client = app.client();
        SendOptions options = SendOptions.defaults().queue(queue).ignoreResult(true);
        client.send(NOOP, List.of(), Map.of(), options); // warm-up: connection, script cache, queue declaration
        long start = System.nanoTime();
        for (int i = 0; i < settings.tasks(); i++) {
            client.send(NOOP, List.of(), Map.of(), options);
        }
        double single = settings.tasks() / seconds(start);
        purge();
        start = System.nanoTime();
        preload(options);
        double bulk = settings.tasks() / seconds(start);
        purge();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("single_per_s", Math.round(single));
        out.put("bulk_per_s", Math.round(bulk));
        return out;
    }

    /** Drain throughput of one worker process. */
    public Map<String, Object> drain() throws IOException, InterruptedException {
        preload(SendOptions.defaults().queue(queue).ignoreResult(settings.ignoreResult()));
        RedissonClient redis = app.redis();
        String worker = "bench-drain-" + UUID.randomUUID().toString().substring(0, 6) + "@local";
        double redisCpu0 = RedisCpu.seconds(redis);
        long spawn = System.nanoTime();
        long firstFetch = 0;
        Mark halfway = null;
        Map<String, Object> out = new LinkedHashMap<>();
        try (WorkerProcess process = WorkerProcess.start(settings.workerJavaOptions(), workerArgs(worker), logDir.resolve("drain.log"))) {
            long deadline = spawn + Duration.ofMinutes(10).toNanos();
            while (true) {
                long queued = queued();
                if (firstFetch == 0 && queued < settings.tasks()) {
                    firstFetch = System.nanoTime();
                }
                if (halfway == null && queued <= settings.tasks() / 2) {
                    halfway = new Mark(System.nanoTime(), queued + inFlight(worker),
                            ProcessProbe.cpuSeconds(process.pid()), RedisCpu.seconds(redis));
                }
                if (queued == 0 && inFlight(worker) == 0) {
                    break;
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the bench worker died or did not drain in 10 minutes; see " + logDir.resolve("drain.log"));
                }
                // every 10 ms: finer polling costs the machine the bench measures more CPU than it gains
                LockSupport.parkNanos(10_000_000);
            }
            long done = System.nanoTime();
            double workerCpu = ProcessProbe.cpuSeconds(process.pid());
            double rss = ProcessProbe.peakRssMb(process.pid());
            double redisCpuNow = RedisCpu.seconds(redis);
            out.put("tasks", settings.tasks());
            out.put("per_s", Math.round(settings.tasks() / ((done - spawn) / 1e9)));
            out.put("steady_per_s", Math.round(settings.tasks() / ((done - firstFetch) / 1e9)));
            out.put("boot_s", round((firstFetch - spawn) / 1e9, 2));
            out.put("worker_cpu_us_per_task", round(workerCpu * 1e6 / settings.tasks(), 1));
            out.put("redis_cpu_us_per_task", round((redisCpuNow - redisCpu0) * 1e6 / settings.tasks(), 1));
            // the second half, once the JIT has compiled the hot path: what a long-running worker
            // sustains (left out when the drain was too quick for the 10 ms polling to see it)
            long warmTasks = halfway.tasksLeft();
            if (warmTasks >= settings.tasks() / 4 && done > halfway.nanos()) {
                out.put("warm_per_s", Math.round(warmTasks / ((done - halfway.nanos()) / 1e9)));
                out.put("warm_worker_cpu_us_per_task", round((workerCpu - halfway.workerCpu()) * 1e6 / warmTasks, 1));
                out.put("warm_redis_cpu_us_per_task", round((redisCpuNow - halfway.redisCpu()) * 1e6 / warmTasks, 1));
            }
            out.put("peak_rss_mb", round(rss, 1));
            out.put("exit_code_on_sigterm", process.stop(Duration.ofSeconds(30)));
        }
        return out;
    }

    /** Where the drain stood when half the tasks had left the queue. */
    private record Mark(long nanos, long tasksLeft, double workerCpu, double redisCpu) {
    }

    /** Enqueue-to-start latency on an idle worker process. */
    public Map<String, Object> latency() throws IOException, InterruptedException {
        String worker = "bench-latency-" + UUID.randomUUID().toString().substring(0, 6) + "@local";
        TaskClient client = app.client();
        SendOptions options = SendOptions.defaults().queue(queue);
        Map<String, Object> out = new LinkedHashMap<>();
        try (WorkerProcess process = WorkerProcess.start(settings.workerJavaOptions(), workerArgs(worker), logDir.resolve("latency.log"))) {
            // warm-up (discarded): connections, and the JIT of both JVMs; a sending application is a
            // long-running process, so the measured sends should not run in the bytecode interpreter
            int warmUpTasks = (int) Math.min(WARM_UP_TASKS, 10L * settings.latencyTasks());
            List<AsyncResult> warmUp = new ArrayList<>(warmUpTasks);
            for (int i = 0; i < warmUpTasks; i++) {
                warmUp.add(client.send("celeriac.stamp", List.of(), Map.of(), options));
            }
            for (AsyncResult sent : warmUp) {
                sent.get(Duration.ofSeconds(30));
            }
            int n = settings.latencyTasks();
            List<String> ids = new ArrayList<>(n);
            long[] enqueuedMicros = new long[n];
            double[] sendMillis = new double[n];
            double[] pingMillis = new double[n];
            long interval = 1_000_000_000L / settings.latencyRate();
            long next = System.nanoTime();
            for (int i = 0; i < n; i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                Instant now = app.clock().instant();
                enqueuedMicros[i] = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
                long before = System.nanoTime();
                ids.add(client.send("celeriac.stamp", List.of(), Map.of(), options).id());
                sendMillis[i] = (System.nanoTime() - before) / 1e6;
                // half an interval later, when the task is long done: one bare round trip from the
                // same thread, the floor this machine puts under the pickup figures
                LockSupport.parkNanos(next + interval / 2 - System.nanoTime());
                before = System.nanoTime();
                app.broker().ping();
                pingMillis[i] = (System.nanoTime() - before) / 1e6;
                next += interval;
            }
            double[] millis = new double[n];
            for (int i = 0; i < n; i++) {
                long started = client.result(ids.get(i)).get(Duration.ofSeconds(30)).asLong();
                millis[i] = (started - enqueuedMicros[i]) / 1000.0;
            }
            Percentiles p = new Percentiles(millis);
            out.put("tasks", n);
            out.put("rate_per_s", settings.latencyRate());
            out.put("p50_ms", round(p.at(50), 3));
            out.put("p90_ms", round(p.at(90), 3));
            out.put("p99_ms", round(p.at(99), 3));
            out.put("max_ms", round(p.max(), 3));
            Percentiles send = new Percentiles(sendMillis);
            out.put("send_call_p50_ms", round(send.at(50), 3));
            out.put("send_call_p99_ms", round(send.at(99), 3));
            Percentiles ping = new Percentiles(pingMillis);
            out.put("ping_p50_ms", round(ping.at(50), 3));
            out.put("ping_p99_ms", round(ping.at(99), 3));
            out.put("peak_rss_mb", round(ProcessProbe.peakRssMb(process.pid()), 1));
            process.stop(Duration.ofSeconds(30));
        }
        return out;
    }

    private List<String> workerArgs(String worker) {
        List<String> args = new ArrayList<>(List.of("--queues=" + queue, "--concurrency=" + settings.concurrency(),
                "--prefetch-multiplier=" + settings.prefetchMultiplier(), "--hostname=" + worker,
                "--broker-url=" + brokerUrl(), "--key-prefix=" + app.keys().prefix(),
                "--result-expires=120s", "--loglevel=WARNING"));
        // on or off explicitly: a CELERIAC_TASK_EVENTS the bench inherited must not decide it
        args.add("--task-events=" + settings.taskEvents());
        if (app.brokerUrl().sentinels() != null) {
            args.add("--master-name=" + app.brokerUrl().sentinels().masterName());
        }
        if (io.celeriac.core.config.BrokerTransportOptions.from(app.config()).durableWrites()) {
            args.add("--durable-writes");
        }
        // the worker must read the bench's config: its kombu prefix names the queue's lists
        if (settings.configFile() != null) {
            args.add("--config=" + settings.configFile().toAbsolutePath());
        }
        return args;
    }

    private String brokerUrl() {
        return brokerUrl(app);
    }

    /** The application's broker URL for a spawned worker's --broker-url (secrets, sentinels and TLS files included). */
    static String brokerUrl(Application app) {
        return AdminBench.commandLineUrl(app.brokerUrl());
    }

    private void preload(SendOptions options) {
        TaskClient client = app.client();
        List<TaskClient.Request> chunk = new ArrayList<>(1000);
        for (int i = 0; i < settings.tasks(); i++) {
            chunk.add(new TaskClient.Request(NOOP, List.of(), Map.of(), options));
            if (chunk.size() == 1000) {
                client.sendAll(chunk);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            client.sendAll(chunk);
        }
    }

    private long queued() {
        long total = 0;
        for (String list : app.keys().queueLists(queue)) {
            total += app.redis().getList(list).size();
        }
        return total;
    }

    private long inFlight(String worker) {
        long total = 0;
        for (String list : app.keys().queueLists(queue)) {
            total += app.redis().getList(app.keys().inflight(worker, list)).size();
        }
        return total;
    }

    private void purge() {
        RedisKeys keys = app.keys();
        app.redis().getKeys().delete(keys.queueLists(queue).toArray(String[]::new));
    }

    /** Removes the bench's queue and binding. */
    public void cleanUp() {
        purge();
        // the pickup times outlive workers on purpose (the exporter reads them); this prefix is the bench's own
        app.redis().getKeys().delete(app.keys().binding(queue), app.keys().pickups());
        // the workers' per-minute counters (the dashboard's history) expire in two days; this prefix is the bench's own
        for (String counter : app.redis().getKeys().getKeysByPattern(app.keys().statsPattern())) {
            app.redis().getKeys().delete(counter);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
