package io.celeriac.core.broker.redis;

import io.celeriac.core.broker.BrokerOp;
import io.celeriac.core.broker.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker on Redis: publishing to kombu queue lists, the delayed set, reliable fetch into
 * in-flight lists, atomic completion batches, and worker leases. Every multi-key step is one of
 * the Lua scripts beside this class, except completion: one MULTI/EXEC transaction of plain
 * commands, documented in {@link Outcomes}. Time comes in as arguments; nothing here reads a clock.
 *
 * <p>What runs per message or per batch goes through {@link DirectRedis} (blocking connections
 * used on the calling thread); the rest through Redisson.
 */
public final class RedisBroker {
    private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);
    private final RedissonClient redis;
    private final DirectRedis direct;
    private final RedisKeys keys;
    private final RScript script;
    private final Set<String> declared = ConcurrentHashMap.newKeySet();

    public RedisBroker(RedissonClient redis, DirectRedis direct, RedisKeys keys) {
        this.redis = redis;
        this.direct = direct;
        this.keys = keys;
        this.script = redis.getScript();
    }

    public RedisKeys keys() {
        return keys;
    }

    public RedissonClient redis() {
        return redis;
    }

    /** One round trip to Redis that does no work there (the floor under every other call's latency). */
    public void ping() {
        direct.ping();
    }

    /** One message to publish now, or at {@code due} when that is in the future. */
    public record Outgoing(String queue, int priority, byte[] envelope, Instant due) {
    }

    /** LPUSHes onto the queue's priority bucket, declaring the queue for kombu on first use. */
    public void publish(String queue, int priority, byte[] envelope) {
        declare(queue);
        direct.lpush(utf8(keys.queueList(queue, priority)), envelope);
    }

    /** Holds a message in the delayed set until {@code due}. */
    public void publishDelayed(String queue, int priority, byte[] envelope, Instant due) {
        declare(queue);
        direct.zadd(utf8(keys.delayed()), due.toEpochMilli(), member(keys.queueList(queue, priority), envelope));
    }

    /** Publishes many messages in one pipelined round trip (bulk enqueue). */
    public void publishAll(List<Outgoing> messages, Instant now) {
        messages.forEach(m -> declare(m.queue()));
        byte[] delayed = utf8(keys.delayed());
        direct.pipelined(pipeline -> {
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

    /** Where {@link #fetch} looks, in serving order, and where what it takes goes. */
    public record Source(String queue, String list, String inflight) {
    }

    /** Moves up to {@code max} messages from {@code sources}, in order, into their in-flight lists. */
    public List<Delivery> fetch(List<Source> sources, int max) {
        List<byte[]> keyList = new ArrayList<>(sources.size() * 2);
        for (Source source : sources) {
            keyList.add(utf8(source.list()));
            keyList.add(utf8(source.inflight()));
        }
        List<?> reply = (List<?>) direct.eval(LuaScripts.FETCH, keyList, List.of(utf8(String.valueOf(max))));
        List<Delivery> deliveries = new ArrayList<>(reply.size() / 2);
        for (int i = 0; i < reply.size(); i += 2) {
            Source source = sources.get(sourceIndex(reply.get(i)) - 1);
            deliveries.add(new Delivery(source.queue(), source.list(), source.inflight(), (byte[]) reply.get(i + 1)));
        }
        return deliveries;
    }

    private static int sourceIndex(Object value) {
        return value instanceof Long number ? number.intValue()
                : Integer.parseInt(new String((byte[]) value, StandardCharsets.US_ASCII));
    }

    /**
     * Blocks up to {@code timeout} (at least 10 ms: Redis reads 0 as "forever") for a message on
     * one source, moving it atomically into the in-flight list (BLMOVE).
     */
    public Delivery awaitOne(Source source, Duration timeout) {
        Duration wait = timeout.compareTo(Duration.ofMillis(10)) < 0 ? Duration.ofMillis(10) : timeout;
        byte[] raw = direct.blmove(utf8(source.list()), utf8(source.inflight()), wait);
        return raw == null ? null : new Delivery(source.queue(), source.list(), source.inflight(), raw);
    }

    /**
     * Applies a batch of outcomes in one transaction (see {@link Outcomes}). A command Redis
     * refuses while running it (a key of the wrong type: retrying cannot help) is logged with its
     * op and the rest stand; a batch that did not run throws, and the caller tries it again.
     */
    public void apply(List<BrokerOp> ops) {
        if (ops.isEmpty()) {
            return;
        }
        Outcomes outcomes = Outcomes.of(ops, keys);
        List<Object> replies = direct.transaction(outcomes.commands());
        for (int i = 0; i < replies.size(); i++) {
            if (replies.get(i) instanceof Exception refused) {
                log.atError().addKeyValue("op", outcomes.origin(i).getClass().getSimpleName())
                        .addKeyValue("error", refused.getMessage()).log("Redis refused a task outcome");
            }
        }
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

    /** The outcome of one forwarding pass. */
    public record Forwarded(long moved, Instant nextDue) {
    }

    /** Moves up to {@code limit} due delayed messages onto their queues (forward-due-2.lua). */
    public Forwarded forwardDue(Instant now, int limit) {
        List<Object> reply = script.eval(RScript.Mode.READ_WRITE, LuaScripts.FORWARD_DUE, RScript.ReturnType.LIST,
                List.of(keys.delayed(), keys.dead()), String.valueOf(now.toEpochMilli()), String.valueOf(limit));
        long moved = Long.parseLong(String.valueOf(reply.get(0)));
        double next = Double.parseDouble(String.valueOf(reply.get(1)));
        return new Forwarded(moved, next < 0 ? null : Instant.ofEpochMilli((long) next));
    }

    /** Renews a worker's lease; false when its record had vanished (taken for dead, or first beat). */
    public boolean heartbeat(String worker, Instant now, Map<String, String> fields) {
        List<Object> args = new ArrayList<>(2 + fields.size() * 2);
        args.add(worker);
        args.add(String.valueOf(now.toEpochMilli()));
        fields.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        Long existed = script.eval(RScript.Mode.READ_WRITE, LuaScripts.HEARTBEAT, RScript.ReturnType.LONG,
                List.of(keys.workers(), keys.worker(worker)), args.toArray());
        return existed != null && existed == 1L;
    }

    /** Last heartbeat of every known worker. */
    public Map<String, Instant> workerHeartbeats() {
        Map<String, Instant> beats = new LinkedHashMap<>();
        redis.<String>getScoredSortedSet(keys.workers()).entryRange(0, -1)
                .forEach(e -> beats.put(e.getValue(), Instant.ofEpochMilli(e.getScore().longValue())));
        return beats;
    }

    /** A worker's record, empty when unknown. */
    public Map<String, String> workerRecord(String worker) {
        return redis.<String, String>getMap(keys.worker(worker)).readAllMap();
    }

    /**
     * Puts a dead worker's in-flight messages back on {@code sourceLists} and forgets the worker;
     * returns the number put back, or -1 when it has beaten again since {@code staleBefore}.
     */
    public long recover(String worker, Instant staleBefore, List<String> sourceLists) {
        List<Object> keyList = new ArrayList<>(2 + sourceLists.size() * 2);
        keyList.add(keys.workers());
        keyList.add(keys.worker(worker));
        for (String list : sourceLists) {
            keyList.add(keys.inflight(worker, list));
            keyList.add(list);
        }
        Long moved = script.eval(RScript.Mode.READ_WRITE, LuaScripts.RECOVER_WORKER, RScript.ReturnType.LONG,
                keyList, worker, String.valueOf(staleBefore.toEpochMilli()));
        return moved == null ? 0 : moved;
    }

    /**
     * Revokes a task until {@code keepUntil}: workers skip it (storing REVOKED) and, with
     * {@code terminate}, interrupt it if it is running. The channel message is what
     * {@code RevokedTasks} parses: {@code <id>} or {@code <id> terminate}.
     */
    public void revoke(String taskId, Instant keepUntil, boolean terminate) {
        RBatch batch = redis.createBatch();
        batch.getScoredSortedSet(keys.revoked()).addAsync(keepUntil.toEpochMilli(), taskId);
        batch.getTopic(keys.revokedChannel()).publishAsync(terminate ? taskId + " terminate" : taskId);
        batch.execute();
    }

    /** Removes a worker that stopped cleanly (its in-flight lists are already empty). */
    public void forget(String worker) {
        RBatch batch = redis.createBatch();
        batch.getScoredSortedSet(keys.workers()).removeAsync(worker);
        batch.getMap(keys.worker(worker)).deleteAsync();
        batch.execute();
    }
}
