package io.celeriac.core.broker.redis;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSentinelPool;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A Jedis pool on the master the sentinels name. Jedis asks each sentinel in turn for the
 * master's address, then subscribes to every sentinel's {@code +switch-master} to follow
 * failovers. Its two ways to fail at start become errors that say what to fix.
 */
final class SentinelPools {
    private SentinelPools() {
    }

    static JedisSentinelPool open(RedisSentinels sentinels, GenericObjectPoolConfig<Jedis> poolConfig,
                                  JedisClientConfig masterConfig) {
        Set<HostAndPort> nodes = new LinkedHashSet<>();
        sentinels.nodes().forEach(node -> nodes.add(new HostAndPort(node.host(), node.port())));
        DefaultJedisClientConfig.Builder sentinel = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2000)
                .socketTimeoutMillis(2000)
                .clientName("celeriac-sentinel")
                .protocol(RedisProtocol.RESP2);
        if (sentinels.password() != null) {
            sentinel.password(sentinels.password());
        }
        if (sentinels.username() != null) {
            sentinel.user(sentinels.username());
        }
        String master = sentinels.requireMasterName();
        try {
            return new JedisSentinelPool(master, nodes, poolConfig, masterConfig, sentinel.build());
        } catch (JedisConnectionException e) {
            throw new SentinelException("no sentinel answered (" + sentinels.describe() + "): check the sentinel:// "
                    + "addresses, and their password (broker_transport_options.sentinel_kwargs)", e);
        } catch (JedisException e) {
            if (String.valueOf(e.getMessage()).contains("not monitored")) {
                throw new SentinelException("the sentinels answered but monitor no master named '" + master
                        + "': check --master-name (the sentinels' 'sentinel monitor NAME ...')", e);
            }
            throw e;
        }
    }

    /** The sentinels could not say where the master is: a setting to fix. */
    static final class SentinelException extends IllegalArgumentException {
        SentinelException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
