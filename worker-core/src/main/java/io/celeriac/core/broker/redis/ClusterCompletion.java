package io.celeriac.core.broker.redis;

import io.celeriac.core.broker.BrokerOp;
import io.celeriac.core.broker.Completion;
import io.celeriac.core.broker.CompletionReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Completions on a Redis Cluster, fenced by possession as on one Redis, though a task's writes land
 * on several slots: its message was in flight on its queue's slot, its result lives on its own,
 * its next chain step on another queue's.
 *
 * <p>A transactional outbox keeps the fence whole. For each slot where messages were in flight
 * (their "home"), one complete.lua call takes them out of flight and, only for those still held,
 * writes what belongs to that slot (a retry onto the same queue, a dead letter, the counters) and
 * appends what belongs elsewhere to the worker's outbox there, as one {@link SlotWrites} entry per
 * slot: all in one atomic step. {@link ClusterRelay} then carries each entry to its slot. A worker
 * that dies in between leaves the entries in its outbox, where the lease recoverer relays them.
 *
 * <p>So a stale worker (past its lease, its messages already requeued) still writes nothing, and a
 * crash loses nothing; the price is that a relay cut short by a crash may write an entry twice
 * (a result again, which changes nothing; a next step twice, as any redelivery would).
 *
 * <p>Completions without a fence (an early ack, a sender's writes) have nothing to make atomic
 * with: their writes go straight to their slots. Chord parts and batch parts need several slots in
 * one step and are not supported on a cluster yet: they are reported as refused writes.
 */
final class ClusterCompletion {
    private static final byte[] EMPTY = new byte[0];

    private final ClusterNodes nodes;
    private final ClusterKeys keys;
    private final RedisCompletion fields;
    private final ClusterRelay relay;

    ClusterCompletion(ClusterNodes nodes, ClusterKeys keys, ClusterRelay relay) {
        this.nodes = nodes;
        this.keys = keys;
        this.fields = new RedisCompletion(keys);
        this.relay = relay;
    }

    CompletionReport complete(List<Completion> units) {
        List<Integer> fenced = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Map<String, List<Integer>> byHome = new LinkedHashMap<>();
        Map<String, SlotWrites> direct = new LinkedHashMap<>();
        for (int i = 0; i < units.size(); i++) {
            Completion unit = units.get(i);
            if (unit.fenced()) {
                byHome.computeIfAbsent(keys.tagOf(unit.delivery().inflightList()), tag -> new ArrayList<>()).add(i);
            } else {
                split(unit, home(unit), direct, refused);
            }
        }
        Set<String> outboxes = new LinkedHashSet<>();
        byHome.forEach((home, positions) -> fenced.addAll(completeAtHome(home, positions, units, refused, outboxes)));
        for (SlotWrites writes : direct.values()) {
            refused.addAll(writes.apply(nodes, keys).refused());
        }
        for (String outbox : outboxes) {
            relay.relay(outbox);
        }
        fenced.sort(null);
        return fenced.isEmpty() && refused.isEmpty() ? CompletionReport.NONE : new CompletionReport(fenced, refused);
    }

    /** One complete.lua call on a home slot; returns the positions (in {@code units}) it fenced off. */
    private List<Integer> completeAtHome(String home, List<Integer> positions, List<Completion> units, List<String> refused,
                                         Set<String> outboxes) {
        Set<String> declared = new LinkedHashSet<>();
        List<byte[]> args = new ArrayList<>();
        for (int position : positions) {
            Completion unit = units.get(position);
            String inflight = unit.delivery().inflightList();
            declared.add(inflight);
            Map<String, SlotWrites> bySlot = new LinkedHashMap<>();
            split(unit, home, bySlot, refused);
            SlotWrites local = bySlot.remove(home);
            String outbox = keys.outbox(home, keys.workerOfInflight(inflight));
            int ops = (local == null ? 0 : local.count()) + bySlot.size();
            args.add(utf8(inflight));
            args.add(unit.delivery().raw());
            args.add(utf8(String.valueOf(ops)));
            if (local != null) {
                declared.addAll(local.keys());
                args.addAll(local.ops());
            }
            for (SlotWrites elsewhere : bySlot.values()) {
                declared.add(outbox);
                outboxes.add(home + "\n" + keys.workerOfInflight(inflight));
                args.add(RedisCompletion.LPUSH);
                args.add(utf8(outbox));
                args.add(elsewhere.encode());
                args.add(EMPTY);
            }
        }
        List<byte[]> keyList = new ArrayList<>(declared.size() + 2);
        keyList.add(utf8(keys.deadOf(home)));
        keyList.add(utf8(keys.delayedOf(home)));
        declared.forEach(key -> keyList.add(utf8(key)));
        CompletionReport report = RedisCompletion.report(nodes.forKey(keys.deadOf(home)).eval(LuaScripts.COMPLETE, keyList, args));
        refused.addAll(report.refused());
        return report.fenced().stream().map(positions::get).toList();
    }

    /** The slot a unit's own records (dead letters, counters) go to: its message's queue, else the fleet's. */
    private String home(Completion unit) {
        return unit.delivery() == null ? ClusterKeys.FLEET : keys.tagOf(unit.delivery().inflightList());
    }

    /** Sorts a unit's ops by the slot they write to, in their order. */
    private void split(Completion unit, String home, Map<String, SlotWrites> bySlot, List<String> refused) {
        for (BrokerOp op : unit.ops()) {
            String key = switch (op) {
                case BrokerOp.StoreResult r -> keys.result(r.taskId());
                case BrokerOp.Push p -> keys.queueList(p.queue(), p.priority());
                case BrokerOp.Delay d -> keys.delayed(d.queue());
                case BrokerOp.PushFront p -> p.delivery().sourceList();
                case BrokerOp.DeadLetter d -> keys.deadOf(home);
                case BrokerOp.CountMinute n -> keys.minuteCounter(home, n.counter(), n.epochMinute());
                case BrokerOp.ChordPart c -> null;
                case BrokerOp.BatchPart b -> null;
            };
            if (key == null) {
                refused.add(op.getClass().getSimpleName() + ": chords and batches are not supported on a Redis Cluster yet");
                continue;
            }
            SlotWrites writes = bySlot.computeIfAbsent(keys.tagOf(key), SlotWrites::empty);
            writes.keys().add(key);
            switch (op) {
                case BrokerOp.DeadLetter d -> four(writes.ops(), RedisCompletion.LPUSH, utf8(key), d.entry().encode(), EMPTY);
                case BrokerOp.CountMinute n -> four(writes.ops(), RedisCompletion.COUNT, utf8(key), RedisCompletion.COUNTER_TTL, EMPTY);
                default -> fields.add(writes.ops(), op);
            }
        }
    }

    private static void four(List<byte[]> args, byte[] code, byte[] a, byte[] b, byte[] c) {
        args.add(code);
        args.add(a);
        args.add(b);
        args.add(c);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
