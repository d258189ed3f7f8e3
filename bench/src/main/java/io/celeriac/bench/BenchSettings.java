package io.celeriac.bench;

import java.nio.file.Path;

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
 * @param configFile         the config file given with --config, passed on to the spawned worker
 *                           (null: it finds the same one by itself, from CELERIAC_CONFIG or ./celeriac.yaml)
 * @param taskEvents         the worker sends Celery's task events ({@code -E}), to measure what they cost
 */
public record BenchSettings(int tasks, int concurrency, int prefetchMultiplier, int latencyTasks, int latencyRate,
                            boolean ignoreResult, String workerJavaOptions, Path configFile, boolean taskEvents) {
}
