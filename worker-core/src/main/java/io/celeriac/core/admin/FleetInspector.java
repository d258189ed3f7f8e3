package io.celeriac.core.admin;

import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.broker.Keyspace;
import io.celeriac.core.broker.redis.RedisBroker;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.message.MessageCodec;
import io.celeriac.core.message.TaskMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers {@code status} and {@code inspect}: workers with their leases, queues with their depths,
 * running and scheduled tasks. Reads only; everything comes from Redis, so dead workers and queues
 * that no one consumes show up as plainly as live ones.
 */
public final class FleetInspector {
    /** Where counts go whose message names no queue (a broken dead letter, an unreadable entry). */
    public static final String UNKNOWN_QUEUE = "(unknown)";

    private final RedisBroker broker;
    private final RedisKeys keys;
    private final Keyspace reads;
    private final Envelopes envelopes;
    private final QueueCatalog catalog;

    /** @param configuredQueues the application's queues, listed first and even when empty */
    public FleetInspector(RedisBroker broker, MessageCodec codec, List<String> configuredQueues) {
        this.broker = broker;
        this.keys = broker.keys();
        this.reads = broker.keyspace();
        this.envelopes = new Envelopes(codec);
        this.catalog = new QueueCatalog(reads, keys, List.copyOf(configuredQueues));
    }

    /** Every worker in the workers set, alive or not, by name. */
    public List<WorkerView> workers(Instant now) {
        List<WorkerView> workers = new ArrayList<>();
        Map<String, Instant> beats = broker.workerHeartbeats();
        List<String> names = List.copyOf(beats.keySet());
        Map<String, Map<String, String>> records = reads.hashes(names.stream().map(keys::worker).toList());
        for (String name : names) {
            workers.add(WorkerView.fromRecord(name, beats.get(name), records.getOrDefault(keys.worker(name), Map.of()), now));
        }
        workers.sort(Comparator.comparing(WorkerView::name));
        return workers;
    }

    /** Every known queue (config, workers, kombu bindings, or anything still holding its messages). */
    public List<QueueView> queues(List<WorkerView> workers) {
        Map<String, Set<String>> names = catalog.discover(workers);
        Map<String, Long> delayed = delayedByQueue();
        Map<String, Long> inflight = inflightByQueue(workers);
        Map<String, Long> unacked = new HashMap<>();
        reads.forEachInHash(keys.unacked(), (tag, value) -> {
            Envelopes.Unacked entry = envelopes.unacked(value);
            unacked.merge(entry == null ? UNKNOWN_QUEUE : entry.routingKey(), 1L, Long::sum);
        });
        Map<String, Long> dead = new HashMap<>();
        reads.forEachInList(keys.dead(), (i, stored) -> {
            DeadLetterEntry entry = envelopes.deadLetter(stored);
            dead.merge(entry == null || entry.queue() == null ? UNKNOWN_QUEUE : entry.queue(), 1L, Long::sum);
        });
        for (Map<String, Long> counts : List.of(delayed, inflight, unacked, dead)) {
            counts.keySet().forEach(q -> names.putIfAbsent(q, new LinkedHashSet<>()));
        }
        List<String> lists = names.keySet().stream().flatMap(q -> keys.queueLists(q).stream()).toList();
        Map<String, Long> lengths = reads.lengths(lists);
        List<QueueView> views = new ArrayList<>();
        names.forEach((queue, origins) -> {
            Map<Integer, Long> depth = new LinkedHashMap<>();
            for (int step : RedisKeys.PRIORITY_STEPS) {
                depth.put(step, lengths.getOrDefault(keys.queueList(queue, step), 0L));
            }
            List<String> consumers = workers.stream().filter(w -> w.alive() && w.consumes(queue)).map(WorkerView::name).toList();
            views.add(new QueueView(queue, depth, delayed.getOrDefault(queue, 0L), inflight.getOrDefault(queue, 0L),
                    unacked.getOrDefault(queue, 0L), dead.getOrDefault(queue, 0L), consumers, origins));
        });
        return views;
    }

    /**
     * Every known queue's ready messages per priority step, in the catalog's order: LLENs only, no
     * walk of the delayed set or the dead list (what {@link #queues} adds), so a page that must stay
     * fast with a million waiting tasks can show it.
     */
    public Map<String, Map<Integer, Long>> depths(List<WorkerView> workers) {
        Set<String> names = catalog.discover(workers).keySet();
        Map<String, Long> lengths = reads.lengths(names.stream().flatMap(q -> keys.queueLists(q).stream()).toList());
        Map<String, Map<Integer, Long>> depths = new LinkedHashMap<>();
        for (String queue : names) {
            Map<Integer, Long> depth = new LinkedHashMap<>();
            for (int step : RedisKeys.PRIORITY_STEPS) {
                depth.put(step, lengths.getOrDefault(keys.queueList(queue, step), 0L));
            }
            depths.put(queue, depth);
        }
        return depths;
    }

    /** Tasks workers reported running, longest-running first; a dead worker's are marked so. */
    public List<RunningTask> active(List<WorkerView> workers) {
        List<RunningTask> running = new ArrayList<>();
        workers.forEach(w -> running.addAll(w.running()));
        running.sort(Comparator.comparing(RunningTask::started, Comparator.nullsLast(Comparator.naturalOrder())));
        return running;
    }

    /** Delayed and retrying tasks, soonest first, at most {@code limit}; then Python workers' ETA tasks. */
    public List<ScheduledTask> scheduled(int limit) {
        List<ScheduledTask> scheduled = new ArrayList<>();
        reads.forEachScored(keys.delayed(), (member, score) -> {
            if (scheduled.size() < limit) {
                String[] parts = Envelopes.delayedMember(member);
                RedisKeys.QueueListName target = keys.queueOfList(parts[0]);
                scheduled.add(scheduled(envelopes.decode(parts[1]), target == null ? parts[0] : target.queue(),
                        Instant.ofEpochMilli(score.longValue()), "delayed"));
            }
        });
        reads.forEachInHash(keys.unacked(), (tag, value) -> {
            Envelopes.Unacked entry = envelopes.unacked(value);
            TaskMessage message = entry == null ? null : envelopes.decode(entry.envelope());
            if (message != null && message.eta() != null && scheduled.size() < limit) {
                scheduled.add(scheduled(message, entry.routingKey(), message.eta(), "python-worker"));
            }
        });
        return scheduled;
    }

    private static ScheduledTask scheduled(TaskMessage message, String queue, Instant due, String heldBy) {
        return message == null
                ? new ScheduledTask(null, null, queue, 0, due, 0, heldBy)
                : new ScheduledTask(message.id(), message.task(), queue, message.priority(), due, message.retries(), heldBy);
    }

    private Map<String, Long> delayedByQueue() {
        Map<String, Long> counts = new HashMap<>();
        reads.forEachScored(keys.delayed(), (member, score) -> {
            RedisKeys.QueueListName target = keys.queueOfList(Envelopes.delayedMember(member)[0]);
            counts.merge(target == null ? UNKNOWN_QUEUE : target.queue(), 1L, Long::sum);
        });
        return counts;
    }

    private Map<String, Long> inflightByQueue(List<WorkerView> workers) {
        Map<String, String> inflightToQueue = new LinkedHashMap<>();
        for (WorkerView worker : workers) {
            for (String source : worker.sources()) {
                RedisKeys.QueueListName name = keys.queueOfList(source);
                inflightToQueue.put(keys.inflight(worker.name(), source), name == null ? source : name.queue());
            }
        }
        Map<String, Long> counts = new HashMap<>();
        reads.lengths(List.copyOf(inflightToQueue.keySet())).forEach((list, n) -> {
            if (n > 0) {
                counts.merge(inflightToQueue.get(list), n, Long::sum);
            }
        });
        return counts;
    }
}
