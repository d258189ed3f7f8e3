package io.celeriac.core.health;

import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;

/** Ready only while Redis answers a PING within a second. */
public final class RedisCheck implements HealthCheck {
    private final RedissonClient redis;

    public RedisCheck(RedissonClient redis) {
        this.redis = redis;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String problem() {
        try {
            return redis.getRedisNodes(RedisNodes.SINGLE).pingAll(1, TimeUnit.SECONDS) ? null : "no PONG within 1 s";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
