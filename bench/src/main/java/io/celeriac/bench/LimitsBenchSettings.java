package io.celeriac.bench;

import java.time.Duration;

/**
 * What one {@code celeriac bench limits} run does.
 *
 * @param rate              the limit shared by the workers, in Celery's syntax
 * @param workers           worker processes sharing it
 * @param duration          how long the limited tasks should take at the limit
 * @param concurrency       each worker's --concurrency
 * @param drainTasks        no-op tasks per drain (unlimited, then under a limit that never bites)
 * @param workerJavaOptions JVM options of the spawned workers
 */
record LimitsBenchSettings(String rate, int workers, Duration duration, int concurrency, int drainTasks, String workerJavaOptions) {
}
