package io.celeriac.bench;

import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;

/** Redis server CPU seconds (user + system) from INFO cpu: the cost a protocol puts on Redis. */
final class RedisCpu {
    private RedisCpu() {
    }

    static double seconds(RedissonClient redis) {
        try {
            var info = redis.getRedisNodes(RedisNodes.SINGLE).getInstance()
                    .info(org.redisson.api.redisnode.RedisNode.InfoSection.CPU);
            return Double.parseDouble(info.get("used_cpu_user")) + Double.parseDouble(info.get("used_cpu_sys"));
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
