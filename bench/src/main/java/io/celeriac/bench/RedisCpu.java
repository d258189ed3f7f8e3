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

    /** The same from the text of INFO cpu (a cluster's masters, read one by one); NaN when it lacks them. */
    static double seconds(String info) {
        double user = Double.NaN;
        double sys = Double.NaN;
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("used_cpu_user:")) {
                user = Double.parseDouble(line.substring("used_cpu_user:".length()).strip());
            } else if (line.startsWith("used_cpu_sys:")) {
                sys = Double.parseDouble(line.substring("used_cpu_sys:".length()).strip());
            }
        }
        return user + sys;
    }
}
