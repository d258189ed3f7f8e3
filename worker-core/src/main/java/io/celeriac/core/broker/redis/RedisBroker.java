package io.celeriac.core.broker.redis;

import io.celeriac.core.broker.Broker;
import io.celeriac.core.broker.Completion;
import io.celeriac.core.broker.CompletionReport;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.broker.Keyspace;
import io.celeriac.core.broker.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.redisson.api.RedissonClient;
import redis.clients.jedis.Response;

/**
 * The broker on Redis: publishing to kombu queue lists, the delayed set, reliable fetch into
 * in-flight lists, completion fenced by possession (complete.lua), worker leases
 * ({@link RedisLeases}) and revocations ({@link RedisRevocations}). Every multi-key step is one of
 * the Lua scripts beside this class. Time comes in as arguments; nothing here reads a clock.
 *
 * <p>Every command goes through {@link DirectRedis} (blocking connections used on the calling
 * thread), and every script through its one loader; Redisson carries only the revocation channel's
 * subscription, connected when a worker first listens. Operator tools read through
 * {@link #keyspace()}, on the same connections.
 */
public final class RedisBroker implements Broker {
    private final Supplier<RedissonClient> redis;
    private final DirectRedis direct;
    private final RedisKeyspace keyspace;
    /** A subscriber silent this long reconnects: a half-dead connection does not know it is one. */
    private static final Duration PUBSUB_RECHECK = Duration.ofSeconds(30);
    private final RedisChannels channels;
    private final RedisKeys keys;
    private final RedisCompletion completion;
    private final RedisLeases leases;
    private final RedisRevocations revocations;
    private final RedisBatchStore batches;
    private final RedisQueuePauses pauses;
    private final RedisUniqueLocks uniqueLocks;
    private final Set<String> declared = ConcurrentHashMap.newKeySet();
    private final RedisFlowStore flow;

    /** @param redis Redisson, connected on first use (the beat and result waits need it) */
    public RedisBroker(Supplier<RedissonClient> redis, DirectRedis direct, RedisKeys keys) {
        this.redis = redis;
        this.direct = direct;
        this.keyspace = new RedisKeyspace(direct);
        this.channels = new RedisChannels(direct, PUBSUB_RECHECK);
        this.keys = keys;
        this.completion = new RedisCompletion(keys);
        this.leases = new RedisLeases(direct, keys);
        this.revocations = new RedisRevocations(direct, channels, keys);
        this.batches = new RedisBatchStore(direct, keyspace, keys);
        this.pauses = new RedisQueuePauses(direct, channels, keys);
        this.uniqueLocks = new RedisUniqueLocks(direct, keys);
        this.flow = new RedisFlowStore(direct, keys);
    }

    @Override
    public io.celeriac.core.flow.FlowStore flowStore() {
        return flow;
    }

    public RedisKeys keys() {
        return keys;
    }

    /** The byte-exact, non-retrying connection pool: admin batches that must not be resent blindly. */
    public DirectRedis direct() {
        return direct;
    }

    /** Redisson, connected on first use: for the pub/sub channels and the beat. */
    public RedissonClient redis() {
        return redis.get();
    }

    /** Kombu's broadcast traffic (remote control, events) in database {@code db}, on this broker's client. */
    public RedisFanout fanout(int db) {
        return new RedisFanout(direct, channels, keys, db);
    }

    @Override
    public io.celeriac.core.flow.batch.BatchStore batches() {
        return batches;
    }

    /** Stops the subscriber connection, if one was started. */
    public void closeSubscriptions() {
        channels.close();
    }

    /** The keys as operator tools read and repair them, on this broker's connections. */
    public Keyspace keyspace() {
        return keyspace;
    }

    @Override
    public void ping() {
        direct.ping();
    }

    @Override
    public Instant time() {
        List<String> time = direct.call(jedis -> jedis.time());
        return Instant.ofEpochSecond(Long.parseLong(time.get(0)), Long.parseLong(time.get(1)) * 1_000);
    }

    @Override
    public void publish(String queue, int priority, byte[] envelope) {
        declare(queue);
        direct.lpush(utf8(keys.queueList(queue, priority)), envelope);
    }

    @Override
    public void publishDelayed(String queue, int priority, byte[] envelope, Instant due) {
        declare(queue);
        direct.zadd(utf8(keys.delayed()), due.toEpochMilli(), member(keys.queueList(queue, priority), envelope));
    }

    @Override
    public void publishAll(List<Outgoing> messages, Instant now) {
        messages.forEach(m -> declare(m.queue()));
        byte[] delayed = utf8(keys.delayed());
        direct.pipelinedDurably(pipeline -> {
            for (Outgoing m : messages) {
                String list = keys.queueList(m.queue(), m.priority());
                if (m.due() != null && m.due().isAfter(now)) {
                    pipeline.zadd(delayed, m.due().toEpochMilli(), member(list, m.envelope()));
                } else {
                    pipeline.lpush(utf8(list), m.envelope());
                }
            }
        });
    }

    /** kombu's declaration (PROTOCOL.md 2.1): the binding set Python tooling lists queues by. */
    private void declare(String queue) {
        if (declared.add(queue)) {
            direct.sadd(utf8(keys.binding(queue)), utf8(RedisKeys.bindingMember(queue)));
        }
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

    @Override
    public List<Delivery> fetch(List<Source> sources, int max, int maxBytes) {
        return FetchScript.fetch(direct, sources, keys.dead(), max, maxBytes);
    }

    @Override
    public Map<Integer, Long> queueDepths(String queue) {
        List<Long> lengths = direct.call(jedis -> {
            try (var pipeline = jedis.pipelined()) {
                List<Response<Long>> replies = new ArrayList<>();
                for (int step : RedisKeys.PRIORITY_STEPS) {
                    replies.add(pipeline.llen(utf8(keys.queueList(queue, step))));
                }
                pipeline.sync();
                return replies.stream().map(Response::get).toList();
            }
        });
        Map<Integer, Long> depths = new java.util.LinkedHashMap<>();
        for (int i = 0; i < RedisKeys.PRIORITY_STEPS.length; i++) {
            depths.put(RedisKeys.PRIORITY_STEPS[i], lengths.get(i));
        }
        return depths;
    }

    /** Reconnects its listener after this much silence: a half-dead connection is found within it. */
    static final Duration WATCH_RECHECK = Duration.ofSeconds(30);

    @Override
    public Watch watch(List<Source> sources, Runnable onChange) {
        return RedisWatch.ofLists(direct, sources.stream().map(source -> utf8(source.list())).toList(), onChange, WATCH_RECHECK);
    }

    @Override
    public Watch watchDelayed(Runnable onChange) {
        return RedisWatch.ofPrefix(direct, utf8(keys.delayed()), onChange, WATCH_RECHECK);
    }

    @Override
    public boolean release(Delivery delivery) {
        return direct.lrem(utf8(delivery.inflightList()), -1, delivery.raw()) > 0;
    }

    @Override
    public CompletionReport complete(List<Completion> units) {
        if (units.isEmpty()) {
            return CompletionReport.NONE;
        }
        return RedisCompletion.report(direct.evalDurably(LuaScripts.COMPLETE, completion.keys(), completion.args(units)));
    }

    /** A delayed-set member: the target list, a newline, the envelope (see forward-due-2.lua). */
    static byte[] member(String targetList, byte[] envelope) {
        byte[] list = utf8(targetList);
        byte[] member = new byte[list.length + 1 + envelope.length];
        System.arraycopy(list, 0, member, 0, list.length);
        member[list.length] = '\n';
        System.arraycopy(envelope, 0, member, list.length + 1, envelope.length);
        return member;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Forwarded forwardDue(Instant now, int limit) {
        return forwarded(direct.evalDurably(LuaScripts.FORWARD_DUE, List.of(utf8(keys.delayed()), utf8(keys.dead())),
                List.of(utf8(String.valueOf(now.toEpochMilli())), utf8(String.valueOf(limit)))));
    }

    @Override
    public Forwarded forwardDueAsForwarder(String worker, Instant now, int limit, Duration lease) {
        return forwarded(direct.evalDurably(LuaScripts.FORWARD_DUE, List.of(utf8(keys.delayed()), utf8(keys.dead()), utf8(keys.forwarder())),
                List.of(utf8(String.valueOf(now.toEpochMilli())), utf8(String.valueOf(limit)), utf8(worker),
                        utf8(String.valueOf(Math.max(1, lease.toMillis()))))));
    }

    private static Forwarded forwarded(Object eval) {
        List<?> reply = (List<?>) eval;
        long moved = (Long) reply.get(0);
        double next = Double.parseDouble(new String((byte[]) reply.get(1), StandardCharsets.US_ASCII));
        if (moved < 0) {
            return new Forwarded(0, null, Duration.ofMillis(Math.max(0, (long) next)));
        }
        return new Forwarded(moved, next < 0 ? null : Instant.ofEpochMilli((long) next));
    }

    @Override
    public Beat heartbeat(String worker, Instant now, Map<String, String> fields, boolean writeFields, Duration forwardingLease) {
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
        return leases.recover(worker, staleBefore, sourceLists);
    }

    @Override
    public void forget(String worker) {
        leases.forget(worker);
    }

    @Override
    public long dropDeadLetters(Instant writtenBefore) {
        return new RedisDeadLetterRetention(direct, keys.dead()).dropWrittenBefore(writtenBefore);
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

    /** Unique-task locks, for {@code celeriac unique list|clear}. */
    public RedisUniqueLocks uniqueLocks() {
        return uniqueLocks;
    }

    @Override
    public UniqueSend publishUnique(String key, String taskId, Duration ttl, boolean debounce, Outgoing message, Instant now) {
        declare(message.queue());
        return uniqueLocks.send(key, taskId, ttl, debounce, message, now);
    }

    @Override
    public String holdUnique(String key, String taskId, Duration ttl, Instant now) {
        return uniqueLocks.hold(key, taskId, ttl, now);
    }

    @Override
    public boolean releaseUnique(String key, String taskId) {
        return uniqueLocks.release(key, taskId);
    }
}
