package io.celeriac.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One cluster size's runs and their medians (each figure's median on its own; the per-master
 * figures master by master).
 *
 * @param shards     masters
 * @param queueNames the queues, as named to spread evenly over the masters
 * @param runs       the drains, in order
 */
record ClusterRow(int shards, List<String> queueNames, List<ClusterRun> runs) {

    double perSecond() {
        return median(ClusterRun::perSecond);
    }

    double steadyPerSecond() {
        return median(ClusterRun::steadyPerSecond);
    }

    double redisMicrosPerTask() {
        return median(ClusterRun::redisMicrosPerTask);
    }

    double workerMicrosPerTask() {
        return median(ClusterRun::workerMicrosPerTask);
    }

    /** Each master's Redis CPU per task (of the whole drain), median over the runs. */
    double[] shardMicrosPerTask() {
        double[] perShard = new double[shards];
        for (int i = 0; i < shards; i++) {
            int shard = i;
            perShard[i] = median(run -> run.shardMicrosPerTask(shard));
        }
        return perShard;
    }

    double busiestMicrosPerTask() {
        return Arrays.stream(shardMicrosPerTask()).max().orElse(Double.NaN);
    }

    /** Each master's part of the Redis CPU, from the medians. */
    double[] shares() {
        double[] perShard = shardMicrosPerTask();
        double total = Arrays.stream(perShard).sum();
        return Arrays.stream(perShard).map(us -> total > 0 ? us / total : Double.NaN).toArray();
    }

    /**
     * Tasks/s at which the busiest master's core would be full if every master had a machine of its
     * own: Redis runs commands on one thread, so a master gives at most 1e6 µs of CPU per second.
     */
    double redisBoundPerSecond() {
        return 1e6 / busiestMicrosPerTask();
    }

    /** The first run's key spread (queues and messages are the same every run; results differ by a hair). */
    ClusterSpread spread() {
        ClusterRun first = runs.getFirst();
        return new ClusterSpread(first.queuesPerShard(), first.messagesPerShard(), first.resultsPerShard());
    }

    Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shards", shards);
        out.put("queues", queueNames);
        out.put("per_s", Math.round(perSecond()));
        out.put("steady_per_s", Math.round(steadyPerSecond()));
        out.put("redis_cpu_us_per_task", round(redisMicrosPerTask()));
        out.put("busiest_shard_cpu_us_per_task", round(busiestMicrosPerTask()));
        out.put("shard_cpu_us_per_task", Arrays.stream(shardMicrosPerTask()).map(ClusterRow::round).boxed().toList());
        out.put("shard_cpu_share_pct", Arrays.stream(shares()).map(s -> round(s * 100)).boxed().toList());
        out.put("redis_bound_per_s", Math.round(redisBoundPerSecond()));
        out.put("worker_cpu_us_per_task", round(workerMicrosPerTask()));
        ClusterSpread spread = spread();
        out.put("queues_per_shard", Arrays.stream(spread.queues()).boxed().toList());
        out.put("messages_per_shard", Arrays.stream(spread.messages()).boxed().toList());
        out.put("results_per_shard", Arrays.stream(spread.results()).boxed().toList());
        out.put("runs", runs.stream().map(ClusterRow::runMap).toList());
        return out;
    }

    private static Map<String, Object> runMap(ClusterRun run) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tasks", run.tasks());
        out.put("seconds", round(run.seconds()));
        out.put("per_s", Math.round(run.perSecond()));
        out.put("steady_per_s", Math.round(run.steadyPerSecond()));
        out.put("redis_cpu_us_per_task", round(run.redisMicrosPerTask()));
        out.put("shard_cpu_us", Arrays.stream(run.redisCpuMicros()).map(Math::round).boxed().toList());
        out.put("idle_floor_ms_per_s", Arrays.stream(run.floorMsPerSecond()).map(ClusterRow::round).boxed().toList());
        out.put("worker_cpu_us_per_task", round(run.workerMicrosPerTask()));
        return out;
    }

    private double median(ToDoubleFunction<ClusterRun> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
