package io.celeriac.core.bench;

/**
 * What one {@code celeriac bench} run does.
 *
 * @param tasks              tasks per enqueue and drain run
 * @param concurrency        the worker's --concurrency
 * @param prefetchMultiplier the worker's --prefetch-multiplier
 * @param latencyTasks       tasks in the latency run
 * @param latencyRate        tasks per second sent in the latency run
 * @param ignoreResult       drain without storing results (results are stored by default)
 * @param workerJavaOptions  JVM options of the spawned worker process
 */
public record BenchSettings(int tasks, int concurrency, int prefetchMultiplier, int latencyTasks, int latencyRate,
                            boolean ignoreResult, String workerJavaOptions) {
}
