/** Redis upkeep through worker-core's broker API: expired dead letters, long-dead workers. */
package io.celeriac.maintenance.redis;
