/**
 * The Redis side of the broker: every key name, the Lua scripts, and the two Redis clients (Jedis
 * through {@link io.celeriac.core.broker.redis.DirectRedis} for every broker command, Redisson for
 * the beat and result waits). The topology (one Redis, or a master found through Sentinel, see
 * {@link io.celeriac.core.broker.redis.RedisSentinels}) and TLS are settled where the two clients
 * are built, {@code DirectRedis.connect} and {@link io.celeriac.core.broker.redis.RedisConnector};
 * nothing else sees them.
 */
package io.celeriac.core.broker.redis;
