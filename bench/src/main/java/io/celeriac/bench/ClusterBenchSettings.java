package io.celeriac.bench;

import java.util.List;

/**
 * What one {@code celeriac bench cluster} run does.
 *
 * @param shards            cluster sizes to measure, in masters, one cluster of its own each
 * @param tasks             no-op tasks per drain, spread evenly over the queues
 * @param queues            queues the tasks go to (named so they spread evenly over the masters)
 * @param workers           worker processes draining them, each consuming every queue
 * @param concurrency       each worker's --concurrency
 * @param runs              drains per cluster size; the table shows medians
 * @param ignoreResult      drain without storing results (stored by default, as in {@code celeriac bench})
 * @param workerJavaOptions JVM options of the spawned workers
 */
record ClusterBenchSettings(List<Integer> shards, int tasks, int queues, int workers, int concurrency, int runs,
                            boolean ignoreResult, String workerJavaOptions) {
}
