package io.celeriac.bench;

import io.celeriac.core.broker.redis.ClusterKeys;
import io.celeriac.core.broker.redis.RedisKeys;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * How a drain's keys spread over the masters: a queue's keys all carry its hash tag, so they live
 * on one master, and a result carries its task id's tag, so results spread by hash.
 *
 * @param queues   queues per master
 * @param messages the tasks' messages per master (where their queue lives)
 * @param results  the tasks' results per master (zeros when results are not stored)
 */
record ClusterSpread(int[] queues, long[] messages, long[] results) {

    static ClusterSpread of(BenchCluster cluster, RedisKeys keys, List<String> queueNames, List<String> ids, boolean results) {
        int[] queues = new int[cluster.masters()];
        long[] messages = new long[cluster.masters()];
        long[] resultCounts = new long[cluster.masters()];
        int[] shardOfQueue = new int[queueNames.size()];
        for (int q = 0; q < queueNames.size(); q++) {
            shardOfQueue[q] = cluster.shardOf(keys.queueList(queueNames.get(q), 0));
            queues[shardOfQueue[q]]++;
        }
        for (int i = 0; i < ids.size(); i++) {
            // the drain sends task i to queue i mod queues
            messages[shardOfQueue[i % queueNames.size()]]++;
            if (results) {
                resultCounts[cluster.shardOf(keys.result(ids.get(i)))]++;
            }
        }
        return new ClusterSpread(queues, messages, resultCounts);
    }

    /**
     * {@code count} queue names, {@code bench-q<i>} with a suffix where needed so that queue i lives
     * on master i mod masters: every master gets as many queues as the others, or one more. Plain
     * names land where their hash says (6 names over 3 masters can fall 1/1/4), and the bench would
     * then measure where the names fell rather than what a shard costs.
     */
    static List<String> balancedQueueNames(BenchCluster cluster, int count) {
        ClusterKeys keys = new ClusterKeys("");
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = "bench-q" + i;
            for (int suffix = 1; cluster.shardOf(keys.queueList(name, 0)) != i % cluster.masters(); suffix++) {
                name = "bench-q" + i + "-" + suffix;
            }
            names.add(name);
        }
        return names;
    }

    /**
     * Those of {@code keys} not yet on the master behind {@code node}: EXISTS pipelined, 1,000 at a
     * time, stopping after the first thousand that still lacks one (the rest count as missing until
     * the next pass), so waiting for results that lag costs Redis at most 1,000 EXISTS per pass.
     */
    static List<String> missing(Jedis node, List<String> keys) {
        List<String> missing = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += 1000) {
            if (!missing.isEmpty()) {
                missing.addAll(keys.subList(from, keys.size()));
                break;
            }
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 1000));
            List<Response<Boolean>> replies = new ArrayList<>(chunk.size());
            try (Pipeline pipeline = node.pipelined()) {
                chunk.forEach(key -> replies.add(pipeline.exists(key)));
                pipeline.sync();
            }
            for (int i = 0; i < chunk.size(); i++) {
                if (!replies.get(i).get()) {
                    missing.add(chunk.get(i));
                }
            }
        }
        return missing;
    }
}
