package io.celeriac.exporter;

import io.celeriac.core.broker.redis.RedisKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One pass over Redis, turned into a {@link FleetSnapshot}.
 *
 * <ol>
 *   <li>read Redis's time, the heartbeats, the pickups, the delayed set's head, the dead-letter
 *       count and the beat lease in one round trip;</li>
 *   <li>read the workers' records (what each consumes, its runners and lease);</li>
 *   <li>list the queues: configured, consumed, picked up from, and (every minute) declared in
 *       kombu's bindings; give each a bounded label;</li>
 *   <li>read every queue list's length and oldest message in a script; fold by label;</li>
 *   <li>read the beat entries' next due times.</li>
 * </ol>
 */
final class FleetCollector {
    static final long DEFAULT_LEASE_MS = 30_000;

    private final RedisFleetReader reader;
    private final RedisKeys keys;
    private final ExporterSettings settings;
    private final LabelCap queueLabels;
    private final LabelCap workerLabels;
    private final OldestWaiting oldest = new OldestWaiting();
    private Set<String> declared = Set.of();
    private long passes;

    FleetCollector(RedisFleetReader reader, RedisKeys keys, ExporterSettings settings) {
        this.reader = reader;
        this.keys = keys;
        this.settings = settings;
        this.queueLabels = new LabelCap(settings.configuredQueues(), settings.maxQueues());
        this.workerLabels = new LabelCap(List.of(), settings.maxWorkers());
    }

    FleetSnapshot collect() {
        RedisFleetReader.Basics basics = reader.basics();
        long now = basics.nowMs();
        List<String> workerNames = basics.heartbeats().keySet().stream().limit(ExporterSettings.MAX_WORKERS_READ).toList();
        Map<String, Map<String, String>> records = reader.workerRecords(workerNames);
        if (passes++ % settings.discoveryEvery() == 0) {
            declared = reader.declaredQueues(ExporterSettings.MAX_QUEUES_READ);
        }
        Map<String, Integer> consumers = new LinkedHashMap<>();
        List<WorkerReading> workers = workers(basics, records, consumers);
        Set<String> names = new TreeSet<>(consumers.keySet());
        names.addAll(basics.pickups().keySet());
        names.addAll(declared);
        Set<String> read = new LinkedHashSet<>(settings.configuredQueues());
        int unread = 0;
        for (String name : names) {
            if (read.size() < ExporterSettings.MAX_QUEUES_READ + settings.configuredQueues().size()) {
                read.add(name);
            } else if (!read.contains(name)) {
                unread++;
            }
        }
        return new FleetSnapshot(queues(read, basics, consumers), basics.delayed(),
                basics.earliestDue() >= 0 ? Math.max(0, now - basics.earliestDue()) : 0, basics.deadLetters(),
                workers, beat(basics), unread);
    }

    private List<WorkerReading> workers(RedisFleetReader.Basics basics, Map<String, Map<String, String>> records,
                                        Map<String, Integer> consumers) {
        Map<String, String> labels = workerLabels.assign(records.keySet());
        Map<String, WorkerReading> byLabel = new LinkedHashMap<>();
        records.forEach((name, record) -> {
            long lease = positive(record.get("lease_ms"), DEFAULT_LEASE_MS);
            long concurrency = positive(record.get("concurrency"), 0);
            long runners = RedisFleetReader.parseLong(record.get("runners_alive"));
            WorkerReading reading = new WorkerReading(labels.get(name), Math.max(0, basics.nowMs() - basics.heartbeats().get(name)),
                    lease, runners < 0 ? concurrency : runners, concurrency);
            byLabel.merge(reading.label(), reading, WorkerReading::merge);
            String queues = record.getOrDefault("queues", "");
            if (reading.alive() && !queues.isEmpty()) {
                Arrays.stream(queues.split(",")).forEach(q -> consumers.merge(q, 1, Integer::sum));
            } else if (!queues.isEmpty()) {
                Arrays.stream(queues.split(",")).forEach(q -> consumers.merge(q, 0, Integer::sum));
            }
        });
        return new ArrayList<>(byLabel.values());
    }

    private List<QueueReading> queues(Set<String> names, RedisFleetReader.Basics basics, Map<String, Integer> consumers) {
        List<String> lists = new ArrayList<>();
        names.forEach(q -> lists.addAll(keys.queueLists(q)));
        Map<String, QueueHead> heads = reader.heads(lists);
        oldest.retain(new HashSet<>(lists));
        Map<String, String> labels = queueLabels.assign(names);
        Set<String> configured = new HashSet<>(settings.configuredQueues());
        Map<String, QueueReading> byLabel = new LinkedHashMap<>();
        long now = basics.nowMs();
        for (String queue : names) {
            long waiting = 0;
            long age = 0;
            for (String list : keys.queueLists(queue)) {
                QueueHead head = heads.get(list);
                waiting += head.length();
                age = Math.max(age, oldest.age(list, head, now));
            }
            Long pickup = basics.pickups().get(queue);
            QueueReading reading = new QueueReading(labels.get(queue), waiting, age, pickup == null ? -1 : Math.max(0, now - pickup),
                    consumers.getOrDefault(queue, 0), configured.contains(queue));
            byLabel.merge(reading.label(), reading, QueueReading::merge);
        }
        return new ArrayList<>(byLabel.values());
    }

    private BeatReading beat(RedisFleetReader.Basics basics) {
        long now = basics.nowMs();
        Map<String, String> leader = basics.leader();
        long expires = RedisFleetReader.parseLong(leader.get("expires"));
        long renewed = RedisFleetReader.parseLong(leader.get("renewed"));
        boolean present = leader.get("owner") != null && expires > now;
        List<RedisFleetReader.BeatEntryDue> entries = basics.beatEntries() == 0 ? List.of()
                : reader.beatEntries(ExporterSettings.MAX_BEAT_ENTRIES);
        long overdue = 0;
        for (RedisFleetReader.BeatEntryDue entry : entries) {
            overdue = Math.max(overdue, now - entry.nextMs());
        }
        return new BeatReading(present, renewed > 0 ? Math.max(0, now - renewed) : -1, entries.size(), overdue);
    }

    private static long positive(String text, long fallback) {
        long value = RedisFleetReader.parseLong(text);
        return value > 0 ? value : fallback;
    }
}
