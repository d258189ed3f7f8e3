/**
 * {@code celeriac exporter}: the fleet's health as Prometheus gauges, read from Redis (and, through
 * {@link io.celeriac.core.metrics.FleetProbe}, from the modules' own stores) by a process that is
 * not a worker, so a dead or frozen worker is seen by something that survives it. Every label is
 * bounded: queue and worker names beyond a cap fold into {@code other}.
 */
package io.celeriac.exporter;
