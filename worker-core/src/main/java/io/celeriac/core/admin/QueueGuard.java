package io.celeriac.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.core.broker.Keyspace;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.routing.QueueNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a name is a queue that purge may empty. Refused: Celeriac's own keys (the
 * dead-letter list, a worker's in-flight list), kombu's and Celery's bookkeeping keys, keys that
 * are not lists, and lists whose first or last element is not a Celery message (another
 * application's {@code session:list}). Purging any of those deleted data that was not a queue.
 */
final class QueueGuard {
    /** kombu and Celery keys that are never queues. */
    private static final List<String> CELERY_INTERNAL = List.of("unacked", "unacked_index", "unacked_mutex",
            "_kombu.", "celery-task-meta-", "celery-taskset-meta-", "celeryev", "chord-unlock");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Keyspace redis;
    private final RedisKeys keys;

    QueueGuard(Keyspace redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    String refusal(String queue) {
        QueueNames.validate(queue);
        String list = keys.queueList(queue, 0);
        if (!keys.prefix().isEmpty() && (list.startsWith(keys.prefix()) || queue.startsWith(keys.prefix()))) {
            return list + " is one of Celeriac's internal keys, not a queue";
        }
        for (String internal : CELERY_INTERNAL) {
            if (queue.startsWith(internal)) {
                return list + " is one of Celery's internal keys, not a queue";
            }
        }
        for (String each : keys.queueLists(queue)) {
            String type = redis.type(each);
            if (!type.equals("none") && !type.equals("list")) {
                return each + " is a " + type + ", not a queue list";
            }
            for (long end : new long[] {0, -1}) {
                byte[] sample = redis.index(each, end);
                if (sample != null && !isCeleryMessage(sample)) {
                    return each + " holds something that is not a Celery message; not a queue";
                }
            }
        }
        return null;
    }

    boolean exists(String queue) {
        List<String> all = new ArrayList<>(keys.queueLists(queue));
        all.add(keys.binding(queue));
        return redis.existsAny(all);
    }

    /** A kombu envelope: a JSON object with a body and properties. */
    private static boolean isCeleryMessage(byte[] raw) {
        try {
            JsonNode node = JSON.readTree(raw);
            return node != null && node.isObject() && node.has("body") && node.has("properties");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
