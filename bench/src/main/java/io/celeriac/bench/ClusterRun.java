package io.celeriac.bench;

import java.util.Arrays;

/**
 * One drain on a Redis Cluster of {@code redisCpuMicros.length} masters.
 *
 * @param tasks            tasks drained
 * @param seconds          from the first worker's spawn until the last task was done
 * @param steadySeconds    from the first fetch (the queues first shrank) until the last task was done
 * @param redisCpuMicros   each master's Redis CPU over the drain, in µs, its idle floor taken out
 * @param floorMsPerSecond each master's idle Redis CPU (cluster bus, cron) before the run, in ms per second
 * @param workerCpuSeconds CPU of all the worker processes, boot and JIT included
 * @param queuesPerShard   how many of the queues each master serves
 * @param messagesPerShard how many of the tasks' messages were queued on each master
 * @param resultsPerShard  how many of the tasks' results live on each master (all zero without results)
 */
record ClusterRun(int tasks, double seconds, double steadySeconds, double[] redisCpuMicros, double[] floorMsPerSecond,
                  double workerCpuSeconds, int[] queuesPerShard, long[] messagesPerShard, long[] resultsPerShard) {

    int shards() {
        return redisCpuMicros.length;
    }

    double perSecond() {
        return tasks / seconds;
    }

    double steadyPerSecond() {
        return tasks / steadySeconds;
    }

    /** Redis CPU per task on all masters together. */
    double redisMicrosPerTask() {
        return Arrays.stream(redisCpuMicros).sum() / tasks;
    }

    /** Master {@code shard}'s Redis CPU per task of the whole drain. */
    double shardMicrosPerTask(int shard) {
        return redisCpuMicros[shard] / tasks;
    }

    double workerMicrosPerTask() {
        return workerCpuSeconds * 1e6 / tasks;
    }
}
