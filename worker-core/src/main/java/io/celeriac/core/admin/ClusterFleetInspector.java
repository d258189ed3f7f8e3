package io.celeriac.core.admin;

import io.celeriac.core.broker.redis.ClusterBroker;
import io.celeriac.core.broker.redis.ClusterKeys;
import io.celeriac.core.broker.redis.RedisKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import redis.clients.jedis.Response;

/**
 * {@code celeriac status} on a Redis Cluster: the same workers and queues as {@link FleetInspector}
 * shows on one Redis, read from the cluster layout ({@link ClusterKeys}). The workers' records are
 * one pipeline on the fleet's slot; each queue's numbers (depth per priority, delayed, in flight per
 * worker, dead letters) one pipeline on the queue's slot. Queues are found in the config, in the
 * workers' records and in the registry every sender writes to; kombu's unacked hash has no place
 * on a cluster (always 0).
 */
public final class ClusterFleetInspector {
    static final String REGISTRY = "registry";

    private final ClusterBroker broker;
    private final ClusterKeys keys;
    private final List<String> configured;

    public ClusterFleetInspector(ClusterBroker broker, List<String> configuredQueues) {
        this.broker = broker;
        this.keys = broker.keys();
        this.configured = List.copyOf(configuredQueues);
    }

    public List<WorkerView> workers(Instant now) {
        Map<String, Instant> beats = broker.workerHeartbeats();
        Map<String, Map<String, String>> records = broker.fleet().call(jedis -> {
            try (var pipeline = jedis.pipelined()) {
                Map<String, Response<Map<String, String>>> replies = new LinkedHashMap<>();
                beats.keySet().forEach(name -> replies.put(name, pipeline.hgetAll(keys.worker(name))));
                pipeline.sync();
                Map<String, Map<String, String>> read = new LinkedHashMap<>();
                replies.forEach((name, reply) -> read.put(name, reply.get()));
                return read;
            }
        });
        List<WorkerView> workers = new ArrayList<>();
        beats.forEach((name, beat) -> workers.add(WorkerView.fromRecord(name, beat, records.getOrDefault(name, Map.of()), now)));
        workers.sort(Comparator.comparing(WorkerView::name));
        return workers;
    }

    public List<QueueView> queues(List<WorkerView> workers) {
        List<QueueView> views = new ArrayList<>();
        discover(workers).forEach((queue, origins) -> views.add(queue(queue, origins, workers)));
        return views;
    }

    /** The config's queues first, in order, then the rest sorted. */
    private Map<String, Set<String>> discover(List<WorkerView> workers) {
        Map<String, Set<String>> found = new TreeMap<>();
        workers.forEach(w -> w.queues().forEach(q -> found.computeIfAbsent(q, k -> new LinkedHashSet<>()).add(QueueCatalog.WORKER)));
        broker.fleet().call(jedis -> jedis.smembers(keys.queues()))
                .forEach(q -> found.computeIfAbsent(q, k -> new LinkedHashSet<>()).add(REGISTRY));
        Map<String, Set<String>> ordered = new LinkedHashMap<>();
        for (String queue : configured) {
            Set<String> origins = new LinkedHashSet<>();
            origins.add(QueueCatalog.CONFIG);
            origins.addAll(found.getOrDefault(queue, Set.of()));
            ordered.put(queue, origins);
        }
        found.forEach(ordered::putIfAbsent);
        return ordered;
    }

    /** One pipeline on the queue's slot: its lists, delayed set, dead letters and every worker's in-flight lists. */
    private QueueView queue(String queue, Set<String> origins, List<WorkerView> workers) {
        List<String> inflightLists = new ArrayList<>();
        for (WorkerView worker : workers) {
            for (String list : keys.queueLists(queue)) {
                inflightLists.add(keys.inflight(worker.name(), list));
            }
        }
        byte[] delayed = keys.delayed(queue).getBytes(StandardCharsets.UTF_8);
        long[] counts = broker.nodes().forKey(keys.queueList(queue, 0)).call(jedis -> {
            try (var pipeline = jedis.pipelined()) {
                List<Response<Long>> replies = new ArrayList<>();
                keys.queueLists(queue).forEach(list -> replies.add(pipeline.llen(list)));
                replies.add(pipeline.zcard(delayed));
                replies.add(pipeline.llen(keys.dead(queue)));
                inflightLists.forEach(list -> replies.add(pipeline.llen(list)));
                pipeline.sync();
                return replies.stream().mapToLong(Response::get).toArray();
            }
        });
        Map<Integer, Long> depth = new LinkedHashMap<>();
        for (int i = 0; i < RedisKeys.PRIORITY_STEPS.length; i++) {
            depth.put(RedisKeys.PRIORITY_STEPS[i], counts[i]);
        }
        int steps = RedisKeys.PRIORITY_STEPS.length;
        long inflight = 0;
        for (int i = steps + 2; i < counts.length; i++) {
            inflight += counts[i];
        }
        List<String> consumers = workers.stream().filter(w -> w.alive() && w.consumes(queue)).map(WorkerView::name).toList();
        return new QueueView(queue, depth, counts[steps], inflight, 0, counts[steps + 1], consumers, origins);
    }
}
