package io.celeriac.core.admin;

import io.celeriac.core.broker.Keyspace;
import io.celeriac.core.broker.redis.RedisKeys;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which queues exist: the config's, every queue a worker consumes, and every queue kombu declared
 * (its binding sets, PROTOCOL.md 2.3), so queues only Python Celery uses show up too. Celery's
 * control and event plumbing (pidbox and celeryev bindings) is fanout, not work, and is left out.
 */
final class QueueCatalog {
    static final String CONFIG = "config";
    static final String BINDING = "kombu-binding";
    static final String WORKER = "worker";

    private static final Set<String> FANOUT_EXCHANGES = Set.of("celery.pidbox", "reply.celery.pidbox", "celeryev");

    private final Keyspace reads;
    private final RedisKeys keys;
    private final List<String> configured;

    QueueCatalog(Keyspace reads, RedisKeys keys, List<String> configured) {
        this.reads = reads;
        this.keys = keys;
        this.configured = configured;
    }

    /** Queue name -> where it was found; the config's queues first, in order, then the rest sorted. */
    Map<String, Set<String>> discover(List<WorkerView> workers) {
        Map<String, Set<String>> found = new TreeMap<>();
        workers.forEach(w -> w.queues().forEach(q -> found.computeIfAbsent(q, k -> new LinkedHashSet<>()).add(WORKER)));
        reads.forEachKey(keys.bindingPattern(), key -> {
            String exchange = keys.exchangeOfBinding(key);
            if (exchange == null || FANOUT_EXCHANGES.contains(exchange)) {
                return;
            }
            for (String member : reads.members(key)) {
                String queue = queueOfMember(member);
                if (queue != null) {
                    found.computeIfAbsent(queue, k -> new LinkedHashSet<>()).add(BINDING);
                }
            }
        });
        Map<String, Set<String>> ordered = new LinkedHashMap<>();
        for (String queue : configured) {
            Set<String> origins = new LinkedHashSet<>();
            origins.add(CONFIG);
            origins.addAll(found.getOrDefault(queue, Set.of()));
            ordered.put(queue, origins);
        }
        found.forEach(ordered::putIfAbsent);
        return ordered;
    }

    /** A binding member is {@code routing_key SEP pattern SEP queue}; pidbox and event queues are not work. */
    static String queueOfMember(String member) {
        String[] parts = member.split(RedisKeys.SEP, -1);
        String queue = parts[parts.length - 1];
        if (parts.length != 3 || queue.isEmpty() || queue.endsWith(".pidbox") || queue.startsWith("celeryev.")) {
            return null;
        }
        return queue;
    }
}
