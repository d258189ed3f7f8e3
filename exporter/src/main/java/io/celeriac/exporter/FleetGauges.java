package io.celeriac.exporter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The gauges {@link FleetSnapshot}s are published as (their Prometheus names are in exporter/README.md). While Redis cannot be read they are all removed, so no alert acts on old numbers, and
 * only {@code celeriac_redis_up 0} remains.
 */
final class FleetGauges {
    private final GaugeTable redisUp;
    private final GaugeTable queueWaiting;
    private final GaugeTable queueOldest;
    private final GaugeTable queueSincePickup;
    private final GaugeTable queueConsumers;
    private final GaugeTable queueConfigured;
    private final GaugeTable queueObjective;
    private final GaugeTable delayed;
    private final GaugeTable delayedOverdue;
    private final GaugeTable deadLetters;
    private final GaugeTable workerAge;
    private final GaugeTable workerLease;
    private final GaugeTable workerRunners;
    private final GaugeTable workerConcurrency;
    private final GaugeTable workersAlive;
    private final GaugeTable beatLeader;
    private final GaugeTable beatSinceTick;
    private final GaugeTable beatEntries;
    private final GaugeTable beatOverdue;
    private final GaugeTable queuesUnread;
    private final List<GaugeTable> fromRedis;

    FleetGauges(MeterRegistry registry) {
        redisUp = new GaugeTable(registry, "celeriac.redis.up", "1 when the exporter's last pass read Redis, 0 when Redis was unreachable or refused its credentials");
        queueWaiting = new GaugeTable(registry, "celeriac.queue.waiting", "Messages waiting in the queue (all priority buckets)");
        queueOldest = new GaugeTable(registry, "celeriac.queue.oldest.waiting.seconds",
                "How long the queue's longest-waiting message has waited: since its eta, or since a Celeriac client sent it; for other senders at least since the exporter first saw it (0 when empty)");
        queueSincePickup = new GaugeTable(registry, "celeriac.queue.seconds.since.pickup", "Seconds since a Celeriac worker last took a message from the queue (absent when never recorded)");
        queueConsumers = new GaugeTable(registry, "celeriac.queue.consumers", "Live Celeriac workers consuming the queue");
        queueConfigured = new GaugeTable(registry, "celeriac.queue.configured", "1 for a queue the application's config lists, 0 for one only found in Redis");
        queueObjective = new GaugeTable(registry, "celeriac.queue.age.objective.seconds", "The longest a message should wait in the queue (exporter.queue_age_objective[s] in the config)");
        delayed = new GaugeTable(registry, "celeriac.delayed.messages", "Messages in the delayed set (ETA, countdown, retries)");
        delayedOverdue = new GaugeTable(registry, "celeriac.delayed.overdue.seconds", "How far past its due time the earliest delayed message is (0 when none is due): forwarding is behind when this grows");
        deadLetters = new GaugeTable(registry, "celeriac.dead.letters.stored", "Entries in the dead-letter list");
        workerAge = new GaugeTable(registry, "celeriac.worker.heartbeat.age.seconds", "Seconds since the worker's last heartbeat (it beats every 2 s)");
        workerLease = new GaugeTable(registry, "celeriac.worker.lease.seconds", "Silent this long, the worker is taken for dead and its messages go back to their queues");
        workerRunners = new GaugeTable(registry, "celeriac.worker.runners.alive", "Runner threads alive at the worker's last heartbeat");
        workerConcurrency = new GaugeTable(registry, "celeriac.worker.concurrency", "Runner threads the worker is configured for");
        workersAlive = new GaugeTable(registry, "celeriac.workers.alive", "Workers whose lease holds");
        beatLeader = new GaugeTable(registry, "celeriac.beat.leader.present", "1 while a beat replica holds the leader lease");
        beatSinceTick = new GaugeTable(registry, "celeriac.beat.seconds.since.tick", "Seconds since the beat leader's last pass (absent when no lease was ever recorded)");
        beatEntries = new GaugeTable(registry, "celeriac.beat.entries", "Enabled periodic entries with a next due time");
        beatOverdue = new GaugeTable(registry, "celeriac.beat.overdue.seconds", "How late the most overdue enabled periodic entry is (0 when none is due)");
        queuesUnread = new GaugeTable(registry, "celeriac.exporter.queues.unread", "Queue names found beyond the exporter's reading limit, not read at all");
        fromRedis = List.of(queueWaiting, queueOldest, queueSincePickup, queueConsumers, queueConfigured, queueObjective, delayed,
                delayedOverdue, deadLetters, workerAge, workerLease, workerRunners, workerConcurrency, workersAlive, beatLeader,
                beatSinceTick, beatEntries, beatOverdue, queuesUnread);
    }

    void publish(FleetSnapshot snapshot, QueueObjectives objectives) {
        List<QueueReading> queues = snapshot.queues();
        queueWaiting.set(byQueue(queues, q -> q.waiting()));
        queueOldest.set(byQueue(queues, q -> q.oldestWaitingMs() / 1000.0));
        queueSincePickup.set(byQueue(queues.stream().filter(q -> q.sincePickupMs() >= 0).toList(), q -> q.sincePickupMs() / 1000.0));
        queueConsumers.set(byQueue(queues, q -> q.consumers()));
        queueConfigured.set(byQueue(queues, q -> q.configured() ? 1 : 0));
        queueObjective.set(byQueue(queues, q -> objectives.of(q.label()).toMillis() / 1000.0));
        delayed.set(snapshot.delayed());
        delayedOverdue.set(snapshot.delayedOverdueMs() / 1000.0);
        deadLetters.set(snapshot.deadLetters());
        List<WorkerReading> workers = snapshot.workers();
        workerAge.set(rows(workers, "worker", WorkerReading::label, w -> w.heartbeatAgeMs() / 1000.0));
        workerLease.set(rows(workers, "worker", WorkerReading::label, w -> w.leaseMs() / 1000.0));
        workerRunners.set(rows(workers, "worker", WorkerReading::label, w -> w.runnersAlive()));
        workerConcurrency.set(rows(workers, "worker", WorkerReading::label, w -> w.concurrency()));
        workersAlive.set(workers.stream().filter(WorkerReading::alive).count());
        BeatReading beat = snapshot.beat();
        beatLeader.set(beat.leaderPresent() ? 1 : 0);
        if (beat.sinceTickMs() >= 0) {
            beatSinceTick.set(beat.sinceTickMs() / 1000.0);
        } else {
            beatSinceTick.clear();
        }
        beatEntries.set(beat.entries());
        beatOverdue.set(beat.overdueMs() / 1000.0);
        queuesUnread.set(snapshot.queuesUnread());
        redisUp.set(1);
    }

    /** Redis could not be read: only {@code celeriac_redis_up 0} stays. */
    void redisDown() {
        fromRedis.forEach(GaugeTable::clear);
        redisUp.set(0);
    }

    private static Map<Tags, Double> byQueue(List<QueueReading> queues, ToDoubleFunction<QueueReading> value) {
        return rows(queues, "queue", QueueReading::label, value);
    }

    private static <T> Map<Tags, Double> rows(List<T> items, String tag, Function<T, String> label, ToDoubleFunction<T> value) {
        Map<Tags, Double> rows = new LinkedHashMap<>();
        items.forEach(item -> rows.put(Tags.of(tag, label.apply(item)), value.applyAsDouble(item)));
        return rows;
    }
}
