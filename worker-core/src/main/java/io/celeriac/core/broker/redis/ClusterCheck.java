package io.celeriac.core.broker.redis;

import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * What a process checks before it uses a {@code redis+cluster://} URL, so that a wrong one fails
 * the start with a sentence instead of a stream of redirection errors later: a seed answers (with
 * the credentials given), it runs in cluster mode, and the cluster serves every slot.
 */
final class ClusterCheck {
    private ClusterCheck() {
    }

    static void verify(ClusterNodes nodes) {
        List<String> failures = new ArrayList<>();
        for (HostAndPort seed : nodes.seeds()) {
            try (Jedis jedis = nodes.open(seed)) {
                String info = jedis.info("cluster");
                if (!info.contains("cluster_enabled:1")) {
                    throw new ClusterUnusable("redis+cluster:// names " + seed + ", a Redis without cluster mode (cluster_enabled:0);"
                            + " use redis://" + seed + " for a single Redis");
                }
                String state = field(jedis.clusterInfo(), "cluster_state");
                if (!"ok".equals(state)) {
                    throw new ClusterUnusable("the Redis Cluster of " + seed + " is not serving every hash slot (cluster_state:" + state
                            + "); fix the cluster (redis-cli --cluster check " + seed + ") and start again");
                }
                return;
            } catch (ClusterUnusable e) {
                throw e;
            } catch (RuntimeException e) {
                RedisFailures.Explanation why = RedisFailures.explain(e);
                if (why != null && why.settingMistake()) {
                    throw e;
                }
                failures.add(seed + ": " + (why != null ? why.line() : e.getMessage()));
            }
        }
        throw new ClusterUnusable("no seed node of the Redis Cluster answers: " + String.join("; ", failures));
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "unknown";
    }
}
