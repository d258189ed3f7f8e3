package io.celeriac.bench.fleet;

import io.celeriac.core.api.DefaultWorker;
import io.celeriac.core.app.Application;
import io.celeriac.core.loop.ServiceLoop;
import io.celeriac.core.metrics.QueueDepths;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.worker.WorkerSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Workers in this JVM, built as {@code celeriac worker} builds its one (the engine's worker with its
 * mailbox, events and queue-depth sampler), all on one {@link Application}: what a worker process
 * pays once (Redisson's connection pings, the clock's TIME) is paid once here for all of them, so
 * {@link ProcessFleet} measures that part with real processes.
 */
final class JvmFleet implements Fleet {
    /** Workers started or stopped at once: each start and stop waits on Redis round trips. */
    private static final int PARALLEL = 16;

    private final List<DefaultWorker> workers = new ArrayList<>();
    private final List<ServiceLoop> samplers = new ArrayList<>();
    private final List<List<String>> queues = new ArrayList<>();
    private final int platformThreadsBefore;
    private int platformThreadsAfter;

    private JvmFleet() {
        this.platformThreadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    }

    static JvmFleet start(Application app, TaskRegistry registry, String run, int size, int queuesPerWorker, int concurrency)
            throws Exception {
        JvmFleet fleet = new JvmFleet();
        for (int i = 0; i < size; i++) {
            List<String> mine = Fleet.queueNames(run, i, queuesPerWorker);
            WorkerSettings settings = new WorkerSettings(run + "-w" + i + "@bench", mine, concurrency, 1, 0,
                    Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(10), false);
            fleet.workers.add(DefaultWorker.create(app, settings, registry, null, false));
            fleet.queues.add(mine);
        }
        try {
            fleet.inParallel(DefaultWorker::start);
        } catch (Exception e) {
            fleet.close();
            throw e;
        }
        for (int i = 0; i < size; i++) {
            // as the CLI's worker samples its queues' depths for its gauges
            QueueDepths depths = new QueueDepths(app.broker(), fleet.queues.get(i), new SimpleMeterRegistry());
            fleet.samplers.add(new ServiceLoop("queue-depths", depths::runOnce).start());
        }
        fleet.platformThreadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        return fleet;
    }

    /** Platform threads this JVM gained per worker (virtual threads not counted: they cost no OS thread). */
    double platformThreadsPerWorker() {
        return (platformThreadsAfter - platformThreadsBefore) / (double) Math.max(1, workers.size());
    }

    private void inParallel(java.util.function.Consumer<DefaultWorker> step) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
            List<Future<?>> pending = new ArrayList<>();
            for (DefaultWorker worker : workers) {
                pending.add(pool.submit(() -> step.accept(worker)));
            }
            for (Future<?> future : pending) {
                future.get();
            }
        }
    }

    @Override
    public int size() {
        return workers.size();
    }

    @Override
    public List<String> queues(int index) {
        return queues.get(index);
    }

    @Override
    public String mode() {
        return "in-jvm";
    }

    @Override
    public void close() throws Exception {
        samplers.forEach(ServiceLoop::signalStop);
        samplers.forEach(loop -> loop.awaitStopped(Duration.ofSeconds(1)));
        inParallel(DefaultWorker::close);
    }
}
