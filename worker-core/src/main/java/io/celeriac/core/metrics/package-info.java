/**
 * Micrometer metrics with a Prometheus registry: task outcomes, durations and enqueue-to-start
 * latency, queue depths, in-flight counts. Tags are bounded (task, queue, outcome), never an id.
 */
package io.celeriac.core.metrics;
