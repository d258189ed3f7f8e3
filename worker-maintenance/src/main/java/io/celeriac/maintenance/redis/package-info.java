/** Upkeep of the broker's own state through worker-core's Broker seam: expired dead letters, long-dead workers. */
package io.celeriac.maintenance.redis;
