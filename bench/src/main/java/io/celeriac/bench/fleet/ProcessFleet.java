package io.celeriac.bench.fleet;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code celeriac worker} processes, one per worker, started as users start them: what a worker
 * costs Redis with everything a process adds (its own connection pools and their pings, its clock's
 * TIME readings). Too heavy for more than a few on a small machine (~130 MB each).
 */
final class ProcessFleet implements Fleet {
    private final List<ChildProcess> processes = new ArrayList<>();
    private final List<List<String>> queues = new ArrayList<>();

    static ProcessFleet start(Application app, String run, int size, int queuesPerWorker, int concurrency,
                              String javaOptions, Path logDir) throws Exception {
        ProcessFleet fleet = new ProcessFleet();
        List<String> names = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                List<String> mine = Fleet.queueNames(run, i, queuesPerWorker);
                String name = run + "-p" + i + "@bench";
                names.add(name);
                fleet.queues.add(mine);
                fleet.processes.add(ChildProcess.celeriacWorker(javaOptions, List.of("--queues=" + String.join(",", mine),
                        "--concurrency=" + concurrency, "--hostname=" + name, "--broker-url=" + brokerUrl(app.brokerUrl()),
                        "--key-prefix=" + app.keys().prefix(), "--result-expires=600s", "--loglevel=WARNING"),
                        logDir.resolve(name.replace('@', '_') + ".log")));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60 + 5L * size).toNanos();
            while (true) {
                Map<String, ?> beats = app.broker().workerHeartbeats();
                if (beats.keySet().containsAll(names)) {
                    return fleet;
                }
                for (ChildProcess process : fleet.processes) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("a worker process exited at start; see " + process.log());
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("worker processes did not all register in time; logs in " + logDir);
                }
                Thread.sleep(100);
            }
        } catch (Exception e) {
            fleet.close();
            throw e;
        }
    }

    static String brokerUrl(RedisUrl url) {
        String auth = url.password() == null ? "" : (url.username() == null ? "" : url.username()) + ":" + url.password() + "@";
        return (url.tls() ? "rediss://" : "redis://") + auth + url.host() + ":" + url.port() + "/" + url.database();
    }

    @Override
    public int size() {
        return processes.size();
    }

    @Override
    public List<String> queues(int index) {
        return queues.get(index);
    }

    @Override
    public String mode() {
        return "processes";
    }

    @Override
    public void close() throws InterruptedException {
        // SIGTERM to all first: their warm shutdowns overlap
        processes.forEach(p -> {
            if (p.isAlive()) {
                ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroy);
            }
        });
        for (ChildProcess process : processes) {
            process.close();
        }
    }
}
