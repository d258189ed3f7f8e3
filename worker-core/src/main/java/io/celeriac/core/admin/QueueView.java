package io.celeriac.core.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One queue's numbers.
 *
 * @param depth      ready messages per priority step (0, 3, 6, 9): the LLEN of each kombu list
 * @param delayed    messages in Celeriac's delayed set bound for this queue (ETA, countdown, retries)
 * @param inflight   messages Celeriac workers took from it and have not acked, dead workers included
 * @param unacked    messages Python workers hold (kombu's {@code unacked} hash: prefetched or waiting
 *                   for their ETA), by routing key
 * @param dead       dead letters that came from it
 * @param consumers  live Celeriac workers consuming it (Python workers leave no such record)
 * @param declaredBy where the queue was found: config, kombu binding, worker
 */
public record QueueView(String name, Map<Integer, Long> depth, long delayed, long inflight, long unacked, long dead,
                        List<String> consumers, Set<String> declaredBy) {

    /** Ready messages over all priority buckets: kombu's queue length. */
    public long ready() {
        return depth.values().stream().mapToLong(Long::longValue).sum();
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", name);
        node.put("ready", ready());
        ObjectNode byPriority = node.putObject("depth_by_priority");
        depth.forEach((step, n) -> byPriority.put(String.valueOf(step), n));
        node.put("delayed", delayed);
        node.put("inflight", inflight);
        node.put("python_unacked", unacked);
        node.put("dead", dead);
        consumers.forEach(node.putArray("consumers")::add);
        declaredBy.forEach(node.putArray("declared_by")::add);
        return node;
    }
}
