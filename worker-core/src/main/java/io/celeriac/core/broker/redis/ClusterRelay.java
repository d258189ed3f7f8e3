package io.celeriac.core.broker.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.HostAndPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries outbox entries ({@link SlotWrites}) from a home slot to the slots they are for: takes
 * them into the relaying list (cluster-take-outbox.lua), applies each with complete.lua on its
 * slot, then removes it. One relay at a time per outbox in this process; an entry whose write
 * failed stays in the relaying list and is tried again at this outbox's next relay, at the next
 * heartbeat, or by the recoverer once the worker is gone.
 */
final class ClusterRelay {
    private static final Logger log = LoggerFactory.getLogger(ClusterRelay.class);
    private static final int BATCH = 100;

    private final ClusterNodes nodes;
    private final ClusterKeys keys;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** Outboxes ("tag\nworker") whose relaying list may hold entries from a relay that failed. */
    private final Set<String> unfinished = ConcurrentHashMap.newKeySet();

    ClusterRelay(ClusterNodes nodes, ClusterKeys keys) {
        this.nodes = nodes;
        this.keys = keys;
    }

    /** Relays the outbox of {@code outbox} ("home tag\nworker"); a failure is logged and retried later, never thrown. */
    void relay(String outbox) {
        try {
            drain(outbox, unfinished.contains(outbox));
        } catch (RuntimeException e) {
            unfinished.add(outbox);
            log.atWarn().addKeyValue("outbox", outbox.replace('\n', ' ')).setCause(e)
                    .log("relaying a completion's writes to other slots failed; they stay in the outbox and are tried again");
        }
    }

    /** Tries again every outbox whose relay failed (called from the heartbeat). */
    void retryUnfinished() {
        for (String outbox : List.copyOf(unfinished)) {
            relay(outbox);
        }
    }

    /**
     * Relays everything a gone worker left on {@code home}: its relaying list (a relay cut short)
     * and its outbox. Another relay of the same entries may run in a worker that was only stalled:
     * an entry is then written twice, never lost.
     */
    void recover(String home, String worker) {
        drain(home + "\n" + worker, true);
    }

    private void drain(String outbox, boolean relayingFirst) {
        int split = outbox.indexOf('\n');
        String home = outbox.substring(0, split);
        String worker = outbox.substring(split + 1);
        byte[] from = utf8(keys.outbox(home, worker));
        byte[] relaying = utf8(keys.relaying(home, worker));
        DirectRedis there = nodes.forKey(keys.outbox(home, worker));
        synchronized (locks.computeIfAbsent(outbox, o -> new Object())) {
            if (relayingFirst) {
                write(there, relaying, there.call(jedis -> jedis.lrange(relaying, 0, -1)).reversed());
                unfinished.remove(outbox);
            }
            List<?> taken;
            do {
                taken = (List<?>) there.eval(LuaScripts.CLUSTER_TAKE_OUTBOX, List.of(from, relaying), List.of(utf8(String.valueOf(BATCH))));
                write(there, relaying, taken.stream().map(entry -> (byte[]) entry).toList());
            } while (taken.size() == BATCH);
        }
    }

    /**
     * Applies {@code entries} on their slots, one pipelined round trip per master (a batch of tasks'
     * results spreads over every master), then removes them from the relaying list in one more.
     * A master whose batch fails (a slot moving under it) gets its entries one by one, each
     * following its redirections.
     */
    private void write(DirectRedis there, byte[] relaying, List<byte[]> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Map<HostAndPort, List<SlotWrites>> byNode = new LinkedHashMap<>();
        for (byte[] entry : entries) {
            SlotWrites writes = SlotWrites.decode(entry);
            byNode.computeIfAbsent(nodes.owner(writes.slot(keys)), node -> new ArrayList<>()).add(writes);
        }
        List<String> refused = new ArrayList<>();
        byNode.values().forEach(batch -> refused.addAll(apply(batch)));
        if (!refused.isEmpty()) {
            log.atWarn().addKeyValue("refused", refused).log("Redis refused writes relayed from an outbox (dead-lettered where it could)");
        }
        there.pipelined(pipeline -> entries.forEach(entry -> pipeline.lrem(relaying, 1, entry)));
    }

    private List<String> apply(List<SlotWrites> batch) {
        List<SlotWrites> plain = batch.stream().filter(SlotWrites::onlyPlainStores).toList();
        List<SlotWrites> scripted = batch.stream().filter(writes -> !writes.onlyPlainStores()).toList();
        List<String> refused = new ArrayList<>();
        if (!plain.isEmpty()) {
            storePlainly(plain);
        }
        if (!scripted.isEmpty()) {
            refused.addAll(applyScripted(scripted));
        }
        return refused;
    }

    /**
     * A task's result, relayed: what complete.lua's 'S' does (SET, with its TTL, then PUBLISH for a
     * waiting reader), as plain pipelined commands, since it branches on nothing: a script call per
     * result was most of a cluster's extra Redis CPU per task. A store that met a moving slot goes
     * again through the script, following its redirections.
     */
    private void storePlainly(List<SlotWrites> batch) {
        List<Boolean> failed = nodes.forSlot(batch.get(0).slot(keys)).call(jedis -> {
            List<List<redis.clients.jedis.Response<?>>> replies = new ArrayList<>();
            try (var pipeline = jedis.pipelined()) {
                for (SlotWrites writes : batch) {
                    List<redis.clients.jedis.Response<?>> mine = new ArrayList<>();
                    List<byte[]> ops = writes.ops();
                    for (int i = 0; i < ops.size(); i += 4) {
                        byte[] key = ops.get(i + 1);
                        byte[] json = ops.get(i + 2);
                        long ttl = Long.parseLong(new String(ops.get(i + 3), StandardCharsets.US_ASCII));
                        mine.add(ttl > 0 ? pipeline.set(key, json, redis.clients.jedis.params.SetParams.setParams().ex(ttl))
                                : pipeline.set(key, json));
                        mine.add(pipeline.publish(key, json));
                    }
                    replies.add(mine);
                }
                pipeline.sync();
            }
            List<Boolean> outcome = new ArrayList<>();
            for (List<redis.clients.jedis.Response<?>> mine : replies) {
                boolean anyFailed = false;
                for (redis.clients.jedis.Response<?> reply : mine) {
                    try {
                        reply.get();
                    } catch (RuntimeException e) {
                        anyFailed = true;
                    }
                }
                outcome.add(anyFailed);
            }
            return outcome;
        });
        for (int i = 0; i < batch.size(); i++) {
            if (failed.get(i)) {
                batch.get(i).apply(nodes, keys);
            }
        }
    }

    private List<String> applyScripted(List<SlotWrites> batch) {
        List<String> refused = new ArrayList<>();
        List<List<byte[]>> keyLists = batch.stream().map(writes -> writes.declared(keys)).toList();
        List<List<byte[]>> argLists = batch.stream().map(SlotWrites::arguments).toList();
        List<Object> replies;
        try {
            replies = nodes.forSlot(batch.get(0).slot(keys)).evalEach(LuaScripts.COMPLETE, keyLists, argLists);
        } catch (RuntimeException connectionFailed) {
            // nothing is known to have run: each on its own, following its redirections
            replies = java.util.Collections.nCopies(batch.size(), connectionFailed);
        }
        for (int i = 0; i < batch.size(); i++) {
            // a call that failed (its slot moving: MOVED, ASK, TRYAGAIN) wrote nothing: it goes again on its own
            Object reply = replies.get(i) instanceof RuntimeException ? batch.get(i).applyReply(nodes, keys) : replies.get(i);
            refused.addAll(RedisCompletion.report(reply).refused());
        }
        return refused;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
