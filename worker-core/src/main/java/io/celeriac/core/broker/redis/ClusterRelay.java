package io.celeriac.core.broker.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
                for (byte[] entry : there.call(jedis -> jedis.lrange(relaying, 0, -1)).reversed()) {
                    write(there, relaying, entry);
                }
                unfinished.remove(outbox);
            }
            List<?> taken;
            do {
                taken = (List<?>) there.eval(LuaScripts.CLUSTER_TAKE_OUTBOX, List.of(from, relaying), List.of(utf8(String.valueOf(BATCH))));
                for (Object entry : taken) {
                    write(there, relaying, (byte[]) entry);
                }
            } while (taken.size() == BATCH);
        }
    }

    private void write(DirectRedis there, byte[] relaying, byte[] entry) {
        SlotWrites writes = SlotWrites.decode(entry);
        List<String> refused = writes.apply(nodes, keys).refused();
        if (!refused.isEmpty()) {
            log.atWarn().addKeyValue("refused", refused).log("Redis refused writes relayed from an outbox (dead-lettered where it could)");
        }
        there.lrem(relaying, 1, entry);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
