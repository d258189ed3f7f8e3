package io.celeriac.bench;

import io.celeriac.core.app.Application;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.flow.Unique;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.worker.Worker;
import io.celeriac.core.worker.WorkerDependencies;
import io.celeriac.core.worker.WorkerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code celeriac bench unique}: sender threads send every key twice, back to back from two
 * threads (so half the sends are duplicates while the first copy is queued or running), at up to
 * a target rate, while a worker in this process runs the task and counts runs per key and per task
 * id. Unique until executed: a copy sent after its twin already ran is enqueued and runs again,
 * rightly, so a duplicate execution is a key run more often than its sends were enqueued, or a
 * task id run twice. Private queue and keys; the locks it made are removed at the end.
 */
final class UniqueBench {
    static final String TASK = "bench.unique";

    private final Application app;
    private final int keys;
    private final int threads;
    private final double targetPerSecond;
    private final int concurrency;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String queue = "bench-unique-" + run;
    private final Map<String, AtomicInteger> runsByKey = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> runsById = new ConcurrentHashMap<>();

    UniqueBench(Application app, int sends, int threads, double targetPerSecond, int concurrency) {
        this.app = app;
        this.keys = Math.max(1, sends / 2);
        this.threads = Math.max(2, threads);
        this.targetPerSecond = targetPerSecond;
        this.concurrency = concurrency;
    }

    Map<String, Object> run() throws Exception {
        TaskRegistry registry = new TaskRegistry();
        registry.register(TASK, ctx -> {
            runsByKey.computeIfAbsent(ctx.arg(0, String.class), k -> new AtomicInteger()).incrementAndGet();
            runsById.computeIfAbsent(ctx.taskId(), k -> new AtomicInteger()).incrementAndGet();
            return null;
        });
        Worker worker = new Worker(new WorkerSettings("bench-unique-" + run + "@local", List.of(queue), concurrency, 4, 0,
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(5), false),
                new WorkerDependencies(app.broker(), registry, app.codec(), app.client(), app.clock(), app.random(), id -> false));
        worker.start();
        Map<String, AtomicInteger> enqueuedByKey = new ConcurrentHashMap<>();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong next = new AtomicLong();
        long sends = 2L * keys;
        long t0 = System.nanoTime();
        try {
            ExecutorService senders = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(senders.submit(() -> {
                        for (long i; (i = next.getAndIncrement()) < sends; ) {
                            pace(t0, i);
                            String key = "bench-" + run + "-" + (i / 2); // sends 2k and 2k+1 are twins, taken by two threads
                            AsyncResult sent = app.client().send(TASK, List.of(key), Map.of(), SendOptions.defaults().queue(queue)
                                    .ignoreResult(true).unique(Unique.untilExecuted(Duration.ofMinutes(10)).key(key)));
                            if (sent.duplicate()) {
                                duplicates.incrementAndGet();
                            } else {
                                enqueuedByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(10, TimeUnit.MINUTES);
                }
            } finally {
                senders.shutdownNow();
            }
            double sendSeconds = (System.nanoTime() - t0) / 1e9;
            long enqueued = sends - duplicates.get();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (total(runsByKey) < enqueued && System.nanoTime() < deadline) {
                LockSupport.parkNanos(20_000_000);
            }
            double drainSeconds = (System.nanoTime() - t0) / 1e9;
            // a short quiet spell: a duplicate run would show up after the expected ones
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            long duplicateRuns = 0;
            for (Map.Entry<String, AtomicInteger> e : runsByKey.entrySet()) {
                AtomicInteger accepted = enqueuedByKey.get(e.getKey());
                duplicateRuns += Math.max(0, e.getValue().get() - (accepted == null ? 0 : accepted.get()));
            }
            long idsRunTwice = runsById.values().stream().filter(n -> n.get() > 1).count();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("sends", sends);
            out.put("keys", keys);
            out.put("sender_threads", threads);
            out.put("target_sends_per_s", targetPerSecond > 0 ? Math.round(targetPerSecond) : "unpaced");
            out.put("sends_per_s", Math.round(sends / sendSeconds));
            out.put("duplicates_returned", duplicates.get());
            out.put("enqueued", enqueued);
            out.put("executions", total(runsByKey));
            out.put("all_done_per_s", Math.round(sends / drainSeconds));
            out.put("duplicate_executions", duplicateRuns);
            out.put("task_ids_run_twice", idsRunTwice);
            out.put("missing_executions", Math.max(0, enqueued - total(runsByKey) + duplicateRuns));
            return out;
        } finally {
            worker.shutdown();
            cleanUp();
        }
    }

    /** Waits until send {@code i} is due at the target rate (unpaced when the target is 0). */
    private void pace(long t0, long i) {
        if (targetPerSecond <= 0) {
            return;
        }
        long due = t0 + (long) (i * 1e9 / targetPerSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private static long total(Map<String, AtomicInteger> counts) {
        return counts.values().stream().mapToLong(AtomicInteger::get).sum();
    }

    /** Removes the bench's locks (most went when their tasks ran) and its queue. */
    private void cleanUp() {
        List<String> locks = new ArrayList<>(keys);
        for (int k = 0; k < keys; k++) {
            locks.add("key:bench-" + run + "-" + k);
            if (locks.size() == 1000 || k == keys - 1) {
                app.redisBroker().uniqueLocks().clear(locks);
                locks.clear();
            }
        }
        app.redis().getKeys().delete(app.keys().queueLists(queue).toArray(String[]::new));
        app.redis().getKeys().delete(app.keys().binding(queue));
    }
}
