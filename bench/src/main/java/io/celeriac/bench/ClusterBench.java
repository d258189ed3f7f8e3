package io.celeriac.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code celeriac bench cluster}: for each cluster size, a Redis Cluster of the bench's own
 * ({@link BenchCluster}, in a temporary directory), the same drain run several times on it
 * ({@link ClusterDrain}), then every node stopped and the directory deleted, whether the runs
 * succeeded or not, and by a shutdown hook if the bench itself is stopped.
 */
final class ClusterBench {
    private final ClusterBenchSettings settings;
    private final Consumer<String> progress;

    ClusterBench(ClusterBenchSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    List<ClusterRow> run() throws IOException, InterruptedException {
        List<ClusterRow> rows = new ArrayList<>();
        for (int shards : settings.shards()) {
            rows.add(measure(shards));
        }
        return rows;
    }

    private ClusterRow measure(int shards) throws IOException, InterruptedException {
        try (BenchCleanup cleanup = new BenchCleanup()) {
            Path dir = Files.createTempDirectory("celeriac-bench-cluster-");
            // added first, so deleted last: after every process that writes into it has stopped
            cleanup.deleteAtEnd(dir);
            progress.accept("starting a Redis Cluster of " + shards + (shards == 1 ? " master" : " masters"));
            BenchCluster cluster = BenchCluster.start(shards, dir, cleanup);
            List<String> queues = ClusterSpread.balancedQueueNames(cluster, settings.queues());
            ClusterDrain drain = new ClusterDrain(cluster, settings, queues, dir, cleanup);
            List<ClusterRun> runs = new ArrayList<>();
            for (int r = 1; r <= settings.runs(); r++) {
                ClusterRun run = drain.run();
                runs.add(run);
                progress.accept(String.format("  %d %s, run %d/%d: %,.0f tasks/s (steady %,.0f), Redis CPU %.1f µs/task",
                        shards, shards == 1 ? "shard" : "shards", r, settings.runs(), run.perSecond(), run.steadyPerSecond(),
                        run.redisMicrosPerTask()));
            }
            return new ClusterRow(shards, queues, runs);
        }
    }
}
