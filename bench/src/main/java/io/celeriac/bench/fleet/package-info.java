/**
 * {@code celeriac bench fleet}: what a fleet of idle workers costs one Redis (commands and CPU per
 * second, per worker), and whether pickup and delayed forwarding stay fast as it grows. Workers run
 * in one JVM ({@link io.celeriac.bench.fleet.JvmFleet}: a thousand processes do not fit on a small
 * machine), as real {@code celeriac worker} processes, or as Celery worker processes for comparison,
 * against a private {@code redis-server} the bench starts, so nothing else is counted.
 */
package io.celeriac.bench.fleet;
