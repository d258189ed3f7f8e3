package io.celeriac.bench;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.Source;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.client.TaskClient;
import io.celeriac.core.component.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * One drain on the bench's own cluster: the cluster emptied, its idle Redis CPU read over a second,
 * N no-op tasks sent in bulk through the Java client, spread evenly over the queues, then the
 * worker processes started, each consuming every queue; timed from their spawn until the last task
 * is done: the queues empty and, with results, every result written (on a cluster a result lives
 * on its own slot, written by the worker's outbox relay after the ack), or without results every
 * in-flight list empty. Each master's INFO cpu is read just before the spawn and at the end.
 */
final class ClusterDrain {
    private static final String NOOP = "celeriac.noop";
    /** Every 10 ms: finer polling costs the measured machine more CPU than it gains in resolution. */
    private static final long POLL_NANOS = 10_000_000;
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(1);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(15);

    private final BenchCluster cluster;
    private final ClusterBenchSettings settings;
    private final List<String> queues;
    private final Path logDir;
    private final BenchCleanup cleanup;

    ClusterDrain(BenchCluster cluster, ClusterBenchSettings settings, List<String> queues, Path logDir, BenchCleanup cleanup) {
        this.cluster = cluster;
        this.settings = settings;
        this.queues = queues;
        this.logDir = logDir;
        this.cleanup = cleanup;
    }

    ClusterRun run() throws IOException, InterruptedException {
        cluster.flushAll();
        double[] floor = idleFloor();
        ConnectionOptions options = new ConnectionOptions();
        try (Application app = options.connect(options.loadConfig(), RedisUrl.parse(cluster.url()), Settings.EMPTY, 16)) {
            List<String> ids = enqueue(app);
            ClusterSpread spread = ClusterSpread.of(cluster, app.keys(), queues, ids, !settings.ignoreResult());
            String run = UUID.randomUUID().toString().substring(0, 6);
            List<String> names = new ArrayList<>();
            List<WorkerProcess> workers = new ArrayList<>();
            double[] cpuBefore = cluster.cpuSeconds();
            long spawn = System.nanoTime();
            try {
                for (int i = 0; i < settings.workers(); i++) {
                    String name = "bench-cluster-" + run + "-" + i + "@local";
                    names.add(name);
                    workers.add(cleanup.add(WorkerProcess.start(settings.workerJavaOptions(), args(name),
                            logDir.resolve(name + ".log"))));
                }
                long firstFetch = awaitQueuesEmpty(app, workers, names);
                if (settings.ignoreResult()) {
                    awaitNothingInFlight(app, workers, names);
                } else {
                    awaitResults(app, ids, workers, names);
                }
                long done = System.nanoTime();
                double[] cpuAfter = cluster.cpuSeconds();
                double seconds = (done - spawn) / 1e9;
                double[] redisMicros = new double[cluster.masters()];
                for (int i = 0; i < redisMicros.length; i++) {
                    redisMicros[i] = Math.max(0, (cpuAfter[i] - cpuBefore[i] - floor[i] * seconds) * 1e6);
                }
                double workerCpu = workers.stream().mapToDouble(w -> ProcessProbe.cpuSeconds(w.pid())).sum();
                double[] floorMs = java.util.Arrays.stream(floor).map(f -> f * 1000).toArray();
                return new ClusterRun(ids.size(), seconds, (done - firstFetch) / 1e9, redisMicros, floorMs, workerCpu,
                        spread.queues(), spread.messages(), spread.results());
            } finally {
                workers.forEach(WorkerProcess::requestStop);
                workers.forEach(cleanup::closeNow);
            }
        }
    }

    /** Each master's Redis CPU per second with nothing connected but the bench: what the drain's figures must not count. */
    private double[] idleFloor() {
        double[] before = cluster.cpuSeconds();
        long start = System.nanoTime();
        LockSupport.parkNanos(IDLE_WINDOW.toNanos());
        double[] after = cluster.cpuSeconds();
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] floor = new double[before.length];
        for (int i = 0; i < floor.length; i++) {
            floor[i] = Math.max(0, (after[i] - before[i]) / seconds);
        }
        return floor;
    }

    /** The tasks in pipelined batches of 1,000, task i to queue i mod queues; returns their ids in order. */
    private List<String> enqueue(Application app) {
        TaskClient client = app.client();
        List<SendOptions> options = queues.stream()
                .map(queue -> SendOptions.defaults().queue(queue).ignoreResult(settings.ignoreResult())).toList();
        List<String> ids = new ArrayList<>(settings.tasks());
        List<TaskClient.Request> chunk = new ArrayList<>(1000);
        for (int i = 0; i < settings.tasks(); i++) {
            chunk.add(new TaskClient.Request(NOOP, List.of(), Map.of(), options.get(i % options.size())));
            if (chunk.size() == 1000 || i == settings.tasks() - 1) {
                ids.addAll(client.sendAll(chunk));
                chunk.clear();
            }
        }
        return ids;
    }

    /** Polls the queues' depths until they are empty; returns when they first shrank (the first fetch). */
    private long awaitQueuesEmpty(Application app, List<WorkerProcess> workers, List<String> names) {
        long firstFetch = 0;
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (true) {
            long queued = 0;
            for (String queue : queues) {
                queued += app.broker().queueDepths(queue).values().stream().mapToLong(Long::longValue).sum();
            }
            if (firstFetch == 0 && queued < settings.tasks()) {
                firstFetch = System.nanoTime();
            }
            if (queued == 0) {
                return firstFetch;
            }
            check(workers, names, deadline, "the queues empty");
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Polls until every result is written: each pass asks each master, pipelined, about the results still missing on it. */
    private void awaitResults(Application app, List<String> ids, List<WorkerProcess> workers, List<String> names) {
        List<List<String>> missing = new ArrayList<>();
        for (int i = 0; i < cluster.masters(); i++) {
            missing.add(new ArrayList<>());
        }
        for (String id : ids) {
            String key = app.keys().result(id);
            missing.get(cluster.shardOf(key)).add(key);
        }
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (true) {
            long left = 0;
            for (int shard = 0; shard < missing.size(); shard++) {
                missing.set(shard, ClusterSpread.missing(cluster.connection(shard), missing.get(shard)));
                left += missing.get(shard).size();
            }
            if (left == 0) {
                return;
            }
            check(workers, names, deadline, "every result (" + left + " missing)");
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Polls the workers' in-flight lists until all are empty: every task taken has been acked. */
    private void awaitNothingInFlight(Application app, List<WorkerProcess> workers, List<String> names) {
        List<String> lists = new ArrayList<>();
        for (String name : names) {
            app.broker().sources(name, queues).stream().map(Source::inflight).forEach(lists::add);
        }
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (true) {
            long inFlight = 0;
            for (String list : lists) {
                inFlight += cluster.connection(cluster.shardOf(list)).llen(list);
            }
            if (inFlight == 0) {
                return;
            }
            check(workers, names, deadline, "every in-flight list empty");
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private void check(List<WorkerProcess> workers, List<String> names, long deadline, String what) {
        for (int i = 0; i < workers.size(); i++) {
            if (!workers.get(i).isAlive()) {
                throw new IllegalStateException("worker " + names.get(i) + " exited before " + what + "; its log ends:\n"
                        + tail(logDir.resolve(names.get(i) + ".log")));
            }
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("no " + what + " within " + DRAIN_TIMEOUT + "; the first worker's log ends:\n"
                    + tail(logDir.resolve(names.getFirst() + ".log")));
        }
    }

    /** The log's last lines: the bench deletes its directory at the end, failed or not. */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private List<String> args(String name) {
        // no --key-prefix or --config: the workers resolve them from the same environment and directory as the bench
        return List.of("--queues=" + String.join(",", queues), "--concurrency=" + settings.concurrency(),
                "--hostname=" + name, "--broker-url=" + cluster.url(), "--result-expires=600s",
                "--loglevel=WARNING", "--task-events=false");
    }
}
