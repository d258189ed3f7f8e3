package io.celeriac.core.broker.redis;

import io.celeriac.core.broker.Broker;
import io.celeriac.core.broker.Completion;
import io.celeriac.core.broker.CompletionReport;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.broker.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The broker on a Redis Cluster ({@code redis+cluster://}), Celeriac's own layout
 * ({@link ClusterKeys}): every script runs on one hash slot, each queue's on its own, so queues
 * spread over the masters and a fleet grows past one Redis. The same scripts as on one Redis do
 * the work; what spans slots is split here: a fetch over several queues is one script per queue,
 * a completion's writes for other slots go through an outbox ({@link ClusterCompletion}), the
 * forwarder takes its lease on the fleet's slot and then forwards each queue's delayed set, and
 * recovering a dead worker relays its outboxes and requeues its messages queue by queue.
 *
 * <p>Not here yet: unique tasks, fleet-wide rate limits, batches and chords (their scripts span a
 * lock, a bucket or a group and a queue); the interface's defaults refuse them with a clear error.
 */
public final class ClusterBroker implements Broker, AutoCloseable {
    /** Reconnects a watch after this much silence (as on one Redis). */
    private static final Duration WATCH_RECHECK = Duration.ofSeconds(30);

    private final ClusterNodes nodes;
    private final ClusterKeys keys;
    private final DirectRedis fleet;
    private final RedisChannels channels;
    private final RedisLeases leases;
    private final RedisRevocations revocations;
    private final RedisQueuePauses pauses;
    private final ClusterRelay relay;
    private final ClusterCompletion completion;
    private final Set<String> declared = ConcurrentHashMap.newKeySet();

    public ClusterBroker(ClusterNodes nodes, ClusterKeys keys) {
        this.nodes = nodes;
        this.keys = keys;
        this.fleet = nodes.forKey(keys.workers());
        this.channels = new RedisChannels(fleet, WATCH_RECHECK);
        this.leases = new RedisLeases(fleet, keys);
        this.revocations = new RedisRevocations(fleet, channels, keys);
        this.pauses = new RedisQueuePauses(fleet, channels, keys);
        this.relay = new ClusterRelay(nodes, keys);
        this.completion = new ClusterCompletion(nodes, keys, relay);
    }

    public ClusterKeys keys() {
        return keys;
    }

    public ClusterNodes nodes() {
        return nodes;
    }

    /** The connections to the fleet's slot: pub/sub (remote control, events, result waits) goes there. */
    public DirectRedis fleet() {
        return fleet;
    }

    /**
     * kombu's broadcast traffic (remote control, events): PUBLISH reaches every node, and the few
     * commands on kombu's own keys (bindings, reply lists) are redirected to their slots.
     */
    public RedisFanout fanout() {
        return new RedisFanout(fleet, channels, keys, 0);
    }

    private DirectRedis queue(String queue) {
        return nodes.forKey(keys.queueList(queue, 0));
    }

    @Override
    public void publish(String queue, int priority, byte[] envelope) {
        declare(queue);
        queue(queue).lpush(utf8(keys.queueList(queue, priority)), envelope);
    }

    @Override
    public void publishDelayed(String queue, int priority, byte[] envelope, Instant due) {
        declare(queue);
        queue(queue).zadd(utf8(keys.delayed(queue)), due.toEpochMilli(), RedisBroker.member(keys.queueList(queue, priority), envelope));
    }

    /** One pipeline per queue (one slot each). */
    @Override
    public void publishAll(List<Outgoing> messages, Instant now) {
        Map<String, List<Outgoing>> byQueue = new LinkedHashMap<>();
        messages.forEach(m -> byQueue.computeIfAbsent(m.queue(), q -> new ArrayList<>()).add(m));
        byQueue.forEach((name, batch) -> {
            declare(name);
            byte[] delayed = utf8(keys.delayed(name));
            queue(name).pipelinedDurably(pipeline -> {
                for (Outgoing m : batch) {
                    String list = keys.queueList(m.queue(), m.priority());
                    if (m.due() != null && m.due().isAfter(now)) {
                        pipeline.zadd(delayed, m.due().toEpochMilli(), RedisBroker.member(list, m.envelope()));
                    } else {
                        pipeline.lpush(utf8(list), m.envelope());
                    }
                }
            });
        });
    }

    /** The queue registry the forwarder and the dead-letter retention read (kombu's binding sets play this part on one Redis). */
    private void declare(String queue) {
        if (declared.add(queue)) {
            fleet.sadd(utf8(keys.queues()), utf8(queue));
        }
    }

    private List<String> queues() {
        return fleet.call(jedis -> jedis.smembers(keys.queues())).stream().sorted().toList();
    }

    @Override
    public List<Source> sources(String worker, List<String> queues) {
        List<Source> sources = new ArrayList<>();
        for (int step : RedisKeys.PRIORITY_STEPS) {
            for (String queue : queues) {
                String list = keys.queueList(queue, step);
                sources.add(new Source(queue, list, keys.inflight(worker, list)));
            }
        }
        return sources;
    }

    /**
     * fetch.lua once per queue, in the order the queues first appear in {@code sources}, until
     * {@code max} messages are taken: within a queue the most urgent bucket comes first, as on one
     * Redis; across queues the order is the caller's (round robin or weights), not priority.
     */
    @Override
    public List<Delivery> fetch(List<Source> sources, int max, int maxBytes) {
        Map<String, List<Source>> byQueue = new LinkedHashMap<>();
        sources.forEach(source -> byQueue.computeIfAbsent(source.queue(), q -> new ArrayList<>()).add(source));
        List<Delivery> deliveries = new ArrayList<>();
        for (Map.Entry<String, List<Source>> entry : byQueue.entrySet()) {
            int taken = (int) deliveries.stream().filter(d -> !d.refused()).count();
            if (taken >= max) {
                break;
            }
            deliveries.addAll(FetchScript.fetch(queue(entry.getKey()), entry.getValue(), keys.dead(entry.getKey()), max - taken, maxBytes));
        }
        return deliveries;
    }

    @Override
    public Map<Integer, Long> queueDepths(String queue) {
        List<Long> lengths = queue(queue).call(jedis -> {
            try (var pipeline = jedis.pipelined()) {
                List<redis.clients.jedis.Response<Long>> replies = new ArrayList<>();
                for (int step : RedisKeys.PRIORITY_STEPS) {
                    replies.add(pipeline.llen(utf8(keys.queueList(queue, step))));
                }
                pipeline.sync();
                return replies.stream().map(redis.clients.jedis.Response::get).toList();
            }
        });
        Map<Integer, Long> depths = new LinkedHashMap<>();
        for (int i = 0; i < RedisKeys.PRIORITY_STEPS.length; i++) {
            depths.put(RedisKeys.PRIORITY_STEPS[i], lengths.get(i));
        }
        return depths;
    }

    /** One client-tracking watch per queue (its lists are on one node), woken by any of them. */
    @Override
    public Watch watch(List<Source> sources, Runnable onChange) {
        Map<String, List<byte[]>> byQueue = new LinkedHashMap<>();
        sources.forEach(source -> byQueue.computeIfAbsent(source.queue(), q -> new ArrayList<>()).add(utf8(source.list())));
        List<Watch> watches = new ArrayList<>();
        byQueue.forEach((name, lists) -> watches.add(RedisWatch.ofLists(queue(name), lists, onChange, WATCH_RECHECK)));
        return new ClusterWatches(watches);
    }

    /**
     * Not live: the delayed sets are spread over the masters, so the forwarder polls them (one
     * ZRANGEBYSCORE per queue per pass, at its polling interval) instead of being woken.
     */
    @Override
    public Watch watchDelayed(Runnable onChange) {
        return new ClusterWatches(List.of());
    }

    @Override
    public boolean release(Delivery delivery) {
        return nodes.forKey(delivery.inflightList()).lrem(utf8(delivery.inflightList()), -1, delivery.raw()) > 0;
    }

    @Override
    public CompletionReport complete(List<Completion> units) {
        return units.isEmpty() ? CompletionReport.NONE : completion.complete(units);
    }

    @Override
    public Forwarded forwardDue(Instant now, int limit) {
        return ClusterForwarding.forwardAll(nodes, keys, queues(), now, limit);
    }

    @Override
    public Forwarded forwardDueAsForwarder(String worker, Instant now, int limit, Duration lease) {
        Object held = fleet.eval(LuaScripts.CLUSTER_FORWARDING_LEASE, List.of(utf8(keys.forwarder())),
                List.of(utf8(worker), utf8(String.valueOf(Math.max(1, lease.toMillis())))));
        long left = (Long) held;
        if (left >= 0) {
            return new Forwarded(0, null, Duration.ofMillis(left));
        }
        return forwardDue(now, limit);
    }

    @Override
    public Beat heartbeat(String worker, Instant now, Map<String, String> fields, boolean writeFields, Duration forwardingLease) {
        relay.retryUnfinished();
        return leases.heartbeat(worker, now, fields, writeFields, forwardingLease);
    }

    @Override
    public void recordPickups(Map<String, Instant> lastPickups) {
        leases.recordPickups(lastPickups);
    }

    @Override
    public Map<String, Instant> workerHeartbeats() {
        return leases.heartbeats();
    }

    @Override
    public Map<String, Instant> workersSilentSince(Instant before, int limit) {
        return leases.silentSince(before, limit);
    }

    @Override
    public boolean reserveWorkerName(String worker, String owner, Duration hold) {
        return leases.reserveName(worker, owner, hold);
    }

    @Override
    public Map<String, String> workerRecord(String worker) {
        return leases.record(worker);
    }

    @Override
    public long recover(String worker, Instant staleBefore, List<String> sourceLists) {
        return ClusterRecovery.recover(this, relay, worker, staleBefore, sourceLists);
    }

    @Override
    public void forget(String worker) {
        relay.retryUnfinished();
        leases.forget(worker);
    }

    void forgetSilently(String worker) {
        leases.forget(worker);
    }

    @Override
    public long dropDeadLetters(Instant writtenBefore) {
        long dropped = 0;
        for (String name : queues()) {
            dropped += new RedisDeadLetterRetention(queue(name), keys.dead(name)).dropWrittenBefore(writtenBefore);
        }
        return dropped + new RedisDeadLetterRetention(fleet, keys.dead()).dropWrittenBefore(writtenBefore);
    }

    @Override
    public boolean pauseQueue(String queue, boolean paused) {
        return pauses.pause(queue, paused);
    }

    @Override
    public Set<String> pausedQueues() {
        return pauses.paused();
    }

    @Override
    public AutoCloseable onQueuePause(Consumer<QueuePause> listener) {
        return pauses.listen(listener);
    }

    @Override
    public void revoke(String taskId, Instant keepUntil, boolean terminate) {
        revocations.revoke(taskId, keepUntil, terminate);
    }

    @Override
    public Set<String> revokedAt(Instant now) {
        return revocations.keptAt(now);
    }

    @Override
    public AutoCloseable onRevocation(Consumer<Revocation> listener) {
        return revocations.listen(listener);
    }

    @Override
    public void ping() {
        fleet.ping();
    }

    @Override
    public Instant time() {
        List<String> time = fleet.call(jedis -> jedis.time());
        return Instant.ofEpochSecond(Long.parseLong(time.get(0)), Long.parseLong(time.get(1)) * 1_000);
    }

    /** Stops the subscriber connection and closes every node's pool. */
    @Override
    public void close() {
        channels.close();
        nodes.close();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
