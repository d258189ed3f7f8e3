package io.celeriac.core.broker.redis;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recovering a dead worker on a Redis Cluster, where its lease, its outboxes and its in-flight
 * messages live on different slots, so recover-worker.lua's one atomic step becomes three:
 * <ol>
 *   <li>the lease, read on the fleet's slot: a worker that beat since {@code staleBefore} is left alone;</li>
 *   <li>per queue: what its completions still owed other slots is relayed (results, next steps),
 *       then its in-flight messages go back to the front of their lists (cluster-requeue.lua);</li>
 *   <li>its record and lease are deleted.</li>
 * </ol>
 * A worker that was only stalled and beats between 1 and 3 loses its messages as on one Redis (its
 * late completions are fenced off) and learns at its next beat that it was taken for dead.
 */
final class ClusterRecovery {
    private ClusterRecovery() {
    }

    static long recover(ClusterBroker broker, ClusterRelay relay, String worker, Instant staleBefore, List<String> sourceLists) {
        Instant beat = broker.workerHeartbeats().get(worker);
        if (beat != null && beat.isAfter(staleBefore)) {
            return -1;
        }
        ClusterKeys keys = broker.keys();
        Map<String, List<byte[]>> byTag = new LinkedHashMap<>();
        for (String list : sourceLists) {
            List<byte[]> pair = byTag.computeIfAbsent(keys.tagOf(list), tag -> new ArrayList<>());
            pair.add(utf8(keys.inflight(worker, list)));
            pair.add(utf8(list));
        }
        long moved = 0;
        for (Map.Entry<String, List<byte[]>> tag : byTag.entrySet()) {
            relay.recover(tag.getKey(), worker);
            moved += (Long) broker.nodes().forKey(keys.deadOf(tag.getKey())).eval(LuaScripts.CLUSTER_REQUEUE, tag.getValue(), List.of());
        }
        broker.forgetSilently(worker);
        return moved;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
