package io.celeriac.core.broker.redis;

import io.celeriac.core.broker.Broker;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Forwarding on a Redis Cluster: forward-due-2.lua once per queue, on the queue's slot, over the
 * queue's own delayed set. A queue's delayed set only ever holds messages for its own lists, which
 * are declared to the script so that Redis redirects it while the slot migrates.
 */
final class ClusterForwarding {
    private ClusterForwarding() {
    }

    /** Forwards what is due in every queue (at most {@code limit} per queue); the earliest next due time of all. */
    static Broker.Forwarded forwardAll(ClusterNodes nodes, ClusterKeys keys, List<String> queues, Instant now, int limit) {
        long moved = 0;
        long nextDue = -1;
        for (String queue : queues) {
            List<byte[]> declared = new ArrayList<>();
            declared.add(utf8(keys.delayed(queue)));
            declared.add(utf8(keys.dead(queue)));
            keys.queueLists(queue).forEach(list -> declared.add(utf8(list)));
            List<?> reply = (List<?>) nodes.forKey(keys.delayed(queue)).eval(LuaScripts.FORWARD_DUE, declared,
                    List.of(utf8(String.valueOf(now.toEpochMilli())), utf8(String.valueOf(limit))));
            moved += (Long) reply.get(0);
            long next = (long) Double.parseDouble(new String((byte[]) reply.get(1), StandardCharsets.US_ASCII));
            if (next >= 0 && (nextDue < 0 || next < nextDue)) {
                nextDue = next;
            }
        }
        return new Broker.Forwarded(moved, nextDue < 0 ? null : Instant.ofEpochMilli(nextDue));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
