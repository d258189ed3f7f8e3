package io.celeriac.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.broker.Keyspace;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Task search over what can be read in bounded windows, never a whole list:
 * <ol>
 *   <li>each queue's priority lists: the {@link #QUEUE_WINDOW} messages next to run (LRANGE of the tail);</li>
 *   <li>the delayed set: the {@link #DELAYED_WINDOW} soonest (ZRANGE);</li>
 *   <li>the dead letters: the newest {@link #DEAD_WINDOW} (LRANGE);</li>
 *   <li>stored results: the first {@link #RESULTS_WINDOW} result keys SCAN meets within {@link #RESULTS_SCAN_CALLS}
 *       calls (in no useful order), then MGET;
 *       a result has a task name, queue and arguments only when workers run with {@code result_extended}.</li>
 * </ol>
 * So a search costs the same with a million waiting tasks as with ten, and says on the page what it read
 * ({@link Coverage}); finding any one task by id anywhere stays the task page's job.
 */
public final class TaskSearch {
    public static final int QUEUE_WINDOW = 1000;
    public static final int DELAYED_WINDOW = 1000;
    public static final int DEAD_WINDOW = 1000;
    public static final int RESULTS_WINDOW = 1000;
    /** SCAN calls (of {@code Keyspace.CHUNK} keys each) spent looking for results: 100,000 keys examined at most. */
    public static final int RESULTS_SCAN_CALLS = 100;

    /** What one source held and how much of it was read. {@code total} is -1 where it is unknown (results). */
    public record Coverage(String source, long read, long total) {
        public boolean complete() {
            return total >= 0 && read >= total;
        }
    }

    /** The hits in source order, and what was read to find them. */
    public record Result(List<TaskHit> hits, List<Coverage> coverage) {
        /** One page of it as JSON ({@code /api/tasks}); without {@code withArguments} the argument text is left out. */
        public com.fasterxml.jackson.databind.node.ObjectNode toJson(Paging paging, boolean withArguments) {
            var doc = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            doc.put("total", hits.size()).put("page", paging.page()).put("size", paging.size());
            var page = doc.putArray("hits");
            for (TaskHit hit : hits.subList((int) Math.min(hits.size(), paging.from()), (int) Math.min(hits.size(), paging.to() + 1))) {
                var h = page.addObject().put("id", hit.id()).put("name", hit.name()).put("state", hit.state())
                        .put("queue", hit.queue()).put("at", hit.at() == null ? null : hit.at().toString()).put("where", hit.where());
                if (withArguments) {
                    h.put("arguments", hit.argumentText());
                }
            }
            var read = doc.putArray("coverage");
            coverage.forEach(c -> read.addObject().put("source", c.source()).put("read", c.read())
                    .put("total", c.total() < 0 ? null : c.total()).put("complete", c.complete()));
            return doc;
        }
    }

    private final Fleet fleet;

    public TaskSearch(Fleet fleet) {
        this.fleet = fleet;
    }

    public Result search(TaskQuery filters) {
        Predicate<TaskHit> query = filters.matcher();
        List<TaskHit> hits = new ArrayList<>();
        List<Coverage> coverage = new ArrayList<>();
        Keyspace redis = fleet.keyspace();
        RedisKeys keys = fleet.keys();
        Instant now = fleet.clock().instant();
        for (String queue : fleet.inspector().depths(fleet.inspector().workers(now)).keySet()) {
            if (filters.queue() != null && !filters.queue().equals(queue)) {
                continue;
            }
            List<String> lists = keys.queueLists(queue);
            long total = redis.lengths(lists).values().stream().mapToLong(Long::longValue).sum();
            long read = 0;
            for (int b = 0; b < lists.size(); b++) {
                // workers pop from the right: the tail holds the next to run
                List<byte[]> window = redis.range(lists.get(b), -QUEUE_WINDOW, -1);
                read += window.size();
                for (byte[] raw : window) {
                    TaskMessage m = decode(raw);
                    if (m != null) {
                        keep(query, hits, new TaskHit(m.id(), m.task(), "WAITING", queue, sent(m), arguments(m),
                                "waiting, priority " + RedisKeys.PRIORITY_STEPS[b]));
                    }
                }
            }
            coverage.add(new Coverage("queue " + queue + " (next to run per priority)", read, total));
        }
        List<Keyspace.Scored> delayed = redis.rangeScored(keys.delayed(), 0, DELAYED_WINDOW - 1);
        for (Keyspace.Scored s : delayed) {
            String member = new String(s.member(), StandardCharsets.UTF_8);
            int cut = member.indexOf('\n');
            TaskMessage m = cut < 0 ? null : decode(member.substring(cut + 1).getBytes(StandardCharsets.UTF_8));
            if (m != null) {
                RedisKeys.QueueListName target = keys.queueOfList(member.substring(0, cut));
                keep(query, hits, new TaskHit(m.id(), m.task(), "DELAYED", target == null ? member.substring(0, cut) : target.queue(),
                        Instant.ofEpochMilli((long) s.score()), arguments(m), "delayed"));
            }
        }
        coverage.add(new Coverage("delayed (soonest)", delayed.size(), redis.size(keys.delayed())));
        List<byte[]> dead = redis.range(keys.dead(), 0, DEAD_WINDOW - 1);
        for (byte[] stored : dead) {
            DeadLetterEntry e = DeadLetterEntry.decode(stored);
            if (e != null) {
                TaskMessage m = decode(e.raw());
                keep(query, hits, new TaskHit(e.taskId(), e.task(), "DEAD", e.queue(), e.at(), m == null ? null : arguments(m),
                        "dead letter: " + e.reason()));
            }
        }
        coverage.add(new Coverage("dead letters (newest)", dead.size(), redis.lengths(List.of(keys.dead())).getOrDefault(keys.dead(), 0L)));
        coverage.add(results(query, hits));
        return new Result(hits, coverage);
    }

    private Coverage results(Predicate<TaskHit> query, List<TaskHit> hits) {
        List<String> found = new ArrayList<>();
        // bounded twice: the window of keys found, and the SCAN calls spent looking (other keys share the database)
        boolean complete = fleet.keyspace().scanKeys(fleet.keys().resultPattern(), RESULTS_SCAN_CALLS, key -> {
            found.add(key);
            return found.size() < RESULTS_WINDOW;
        });
        List<byte[]> values = found.isEmpty() ? List.of() : fleet.keyspace().values(found);
        for (int i = 0; i < found.size(); i++) {
            JsonNode stored = parse(values.get(i));
            if (stored != null) {
                ResultMeta meta = ResultMeta.fromJson(stored);
                // result_extended's fields sit beside Celery's own in the stored JSON (ResultMeta does not read them back)
                String args = stored.has("args") ? stored.path("args") + " " + stored.path("kwargs") : null;
                keep(query, hits, new TaskHit(meta.taskId(), stored.path("name").asText(null), meta.state(),
                        stored.path("queue").asText(null), meta.dateDone(), args, "result stored"));
            }
        }
        return new Coverage("stored results (first found by SCAN)", found.size(), complete ? found.size() : -1);
    }

    private static void keep(Predicate<TaskHit> query, List<TaskHit> hits, TaskHit hit) {
        if (query.test(hit)) {
            hits.add(hit);
        }
    }

    private TaskMessage decode(byte[] raw) {
        try {
            return fleet.app().codec().decode(raw);
        } catch (RuntimeException unreadable) {
            // a broken message is the dead-letter page's business; a search skips it
            return null;
        }
    }

    private JsonNode parse(byte[] stored) {
        try {
            return stored == null ? null : fleet.app().codec().json().readTree(stored);
        } catch (java.io.IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static Instant sent(TaskMessage m) {
        return m.sentMillis() > 0 ? Instant.ofEpochMilli(m.sentMillis()) : null;
    }

    private static String arguments(TaskMessage m) {
        return m.args() + " " + m.kwargs() + " " + (m.argsRepr() == null ? "" : m.argsRepr()) + " "
                + (m.kwargsRepr() == null ? "" : m.kwargsRepr());
    }
}
