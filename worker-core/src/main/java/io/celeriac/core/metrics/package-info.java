/**
 * Micrometer metrics with a Prometheus registry: task outcomes, durations and enqueue-to-start
 * latency, queue depths, in-flight counts. Tags are bounded (task, queue, outcome), never an id.
 * {@link io.celeriac.core.metrics.FleetProbe} is how a module adds fleet-wide readings of its own
 * store to {@code celeriac exporter} (the exporter module), found with ServiceLoader.
 */
package io.celeriac.core.metrics;
