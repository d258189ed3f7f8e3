package io.celeriac.core.admin;

import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.broker.Keyspace;
import io.celeriac.core.broker.redis.RedisBroker;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.message.MessageCodec;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskMessage;
import io.celeriac.core.result.redis.RedisResultBackend;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Finds one task wherever it is: queue lists, the delayed set, workers' in-flight lists, Python
 * workers' {@code unacked} hash, the dead-letter list; then its result and revocation, and from
 * all that why it is not running ({@link TaskDiagnosis}).
 *
 * <ol>
 *   <li>read the workers (liveness decides what an in-flight message means);</li>
 *   <li>scan every known queue's four lists, the delayed set (ZSCAN MATCH on the id), each
 *       worker's in-flight lists, the unacked hash and the dead list for the id;</li>
 *   <li>read the result and the revocation; diagnose.</li>
 * </ol>
 * A substring test runs before decoding, so only candidate messages are parsed.
 */
public final class TaskLocator {
    private final RedisKeys keys;
    private final Keyspace reads;
    private final Envelopes envelopes;
    private final RedisResultBackend results;
    private final FleetInspector fleet;
    private final QueueCatalog catalog;

    public TaskLocator(RedisBroker broker, MessageCodec codec, RedisResultBackend results, List<String> configuredQueues) {
        this.keys = broker.keys();
        this.reads = broker.keyspace();
        this.envelopes = new Envelopes(codec);
        this.results = results;
        this.fleet = new FleetInspector(broker, codec, configuredQueues);
        this.catalog = new QueueCatalog(reads, keys, List.copyOf(configuredQueues));
    }

    public TaskReport locate(String taskId, Instant now) {
        return locate(taskId, now, true);
    }

    /**
     * As {@link #locate(String, Instant)}; without {@code searchLists} neither the waiting messages
     * nor the dead-letter list are read (the steps whose cost grows with those lists: a million
     * waiting tasks take seconds to read), so a page can answer at once and offer the full search
     * as a second step. The delayed set is still searched: ZSCAN MATCH filters in Redis.
     */
    public TaskReport locate(String taskId, Instant now, boolean searchLists) {
        List<WorkerView> workers = fleet.workers(now);
        List<TaskLocation> locations = new ArrayList<>();
        AtomicReference<TaskMessage> message = new AtomicReference<>();
        if (searchLists) {
            for (String queue : catalog.discover(workers).keySet()) {
                findQueued(taskId, queue, locations, message);
            }
        }
        reads.forEachScoredMatching(keys.delayed(), "*" + RedisKeys.globEscape(taskId) + "*", (member, score) -> {
            String[] parts = Envelopes.delayedMember(member);
            if (matches(parts[1], taskId, message)) {
                RedisKeys.QueueListName target = keys.queueOfList(parts[0]);
                locations.add(new TaskLocation.Delayed(target == null ? parts[0] : target.queue(), Instant.ofEpochMilli(score.longValue())));
            }
        });
        workers.forEach(worker -> findInFlight(taskId, worker, locations, message));
        reads.forEachInHash(keys.unacked(), (tag, value) -> {
            Envelopes.Unacked entry = value.contains(taskId) ? envelopes.unacked(value) : null;
            if (entry != null && matches(entry.envelope(), taskId, message)) {
                locations.add(new TaskLocation.PythonUnacked(entry.routingKey(), tag));
            }
        });
        if (searchLists) {
            reads.forEachInList(keys.dead(), (position, stored) -> {
                DeadLetterEntry entry = contains(stored, taskId) ? envelopes.deadLetter(stored) : null;
                if (entry != null && taskId.equals(entry.taskId())) {
                    message.compareAndSet(null, envelopes.decode(entry.raw()));
                    locations.add(new TaskLocation.DeadLettered(entry.queue(), entry.reason(), entry.at(), position));
                }
            });
        }
        Double revoked = reads.score(keys.revoked(), taskId);
        Instant revokedUntil = revoked == null || revoked < now.toEpochMilli() ? null : Instant.ofEpochMilli(revoked.longValue());
        return new TaskDiagnosis(now, workers).diagnose(taskId, message.get(), locations, result(taskId), revokedUntil);
    }

    private void findQueued(String taskId, String queue, List<TaskLocation> locations, AtomicReference<TaskMessage> message) {
        List<String> lists = keys.queueLists(queue);
        List<Long> lengths = List.copyOf(reads.lengths(lists).values());
        long servedBefore = 0;
        for (int b = 0; b < lists.size(); b++) {
            long length = lengths.get(b);
            long before = servedBefore;
            int step = RedisKeys.PRIORITY_STEPS[b];
            if (length > 0) {
                reads.forEachInList(lists.get(b), (index, raw) -> {
                    if (matches(text(raw), taskId, message)) {
                        // LPUSH adds on the left and workers pop from the right: the ones to its right go first
                        locations.add(new TaskLocation.Queued(queue, step, before + Math.max(0, length - 1 - index)));
                    }
                });
            }
            servedBefore += length;
        }
    }

    private void findInFlight(String taskId, WorkerView worker, List<TaskLocation> locations, AtomicReference<TaskMessage> message) {
        for (String source : worker.sources()) {
            reads.forEachInList(keys.inflight(worker.name(), source), (index, raw) -> {
                if (matches(text(raw), taskId, message)) {
                    RedisKeys.QueueListName from = keys.queueOfList(source);
                    Optional<RunningTask> running = worker.running().stream().filter(t -> taskId.equals(t.id())).findFirst();
                    locations.add(new TaskLocation.InFlight(worker.name(), from == null ? source : from.queue(), worker.alive(),
                            worker.leaseExpiry(), running.isPresent(), running.map(RunningTask::started).orElse(null)));
                }
            });
        }
    }

    private static String text(byte[] raw) {
        return new String(raw, StandardCharsets.UTF_8);
    }

    /** The substring test that spares decoding every entry that cannot be the task's. */
    private static boolean contains(byte[] stored, String taskId) {
        return text(stored).contains(taskId);
    }

    /** True when {@code raw} is the task's message; remembers the first such message. */
    private boolean matches(String raw, String taskId, AtomicReference<TaskMessage> message) {
        if (!raw.contains(taskId)) {
            return false;
        }
        TaskMessage decoded = envelopes.decode(raw);
        if (decoded == null || !taskId.equals(decoded.id())) {
            return false;
        }
        message.compareAndSet(null, decoded);
        return true;
    }

    private ResultMeta result(String taskId) {
        try {
            return results.get(taskId).orElse(null);
        } catch (RuntimeException unreadable) {
            // a result some other writer stored in a shape we do not read: report the task without it
            return null;
        }
    }
}
