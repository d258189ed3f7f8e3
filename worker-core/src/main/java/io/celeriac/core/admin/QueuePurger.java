package io.celeriac.core.admin;

import io.celeriac.core.broker.Keyspace;
import io.celeriac.core.broker.redis.RedisBroker;
import io.celeriac.core.broker.redis.RedisKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Empties a queue as kombu does (all four priority lists), optionally with the delayed messages
 * bound for it; only after {@link QueueGuard} agreed that it is a queue. Messages in flight are
 * left alone: they belong to the workers running them. The delayed set is scanned (ZSCAN) and
 * trimmed in batches of 500, never read whole inside one command.
 */
public final class QueuePurger {
    private static final int BATCH = 500;

    private final Keyspace redis;
    private final RedisKeys keys;
    private final QueueGuard guard;

    public QueuePurger(RedisBroker broker) {
        this.redis = broker.keyspace();
        this.keys = broker.keys();
        this.guard = new QueueGuard(redis, keys);
    }

    /** How many messages a purge would remove, or removed. */
    public record Count(long ready, long delayed) {
        public long total() {
            return ready + delayed;
        }
    }

    /** Why {@code queue} must not be purged, or null when it is a queue. */
    public String refusal(String queue) {
        return guard.refusal(queue);
    }

    /** Whether anything of the queue exists in Redis (a list, or its kombu binding). */
    public boolean exists(String queue) {
        return guard.exists(queue);
    }

    /** Counts what {@link #purge} would remove now (the numbers may move before it runs). */
    public Count count(String queue, boolean includeDelayed) {
        List<String> lists = keys.queueLists(queue).stream().filter(list -> "list".equals(redis.type(list))).toList();
        long ready = redis.lengths(lists).values().stream().mapToLong(Long::longValue).sum();
        long[] delayed = {0};
        if (includeDelayed) {
            forEachDelayed(queue, batch -> delayed[0] += batch.size());
        }
        return new Count(ready, delayed[0]);
    }

    /** Removes the queue's ready messages (one atomic step) and then its delayed ones (batches). */
    public Count purge(String queue, boolean includeDelayed) {
        List<byte[]> lists = keys.queueLists(queue).stream().map(QueuePurger::utf8).toList();
        long ready = ((Number) redis.eval(AdminScripts.PURGE_QUEUE, lists, List.of())).longValue();
        long[] delayed = {0};
        if (includeDelayed) {
            forEachDelayed(queue, batch -> delayed[0] += redis.removeScored(keys.delayed(), batch));
        }
        return new Count(ready, delayed[0]);
    }

    /** Visits the delayed members bound for the queue's lists, up to {@link #BATCH} at a time. */
    private void forEachDelayed(String queue, Consumer<List<byte[]>> batch) {
        for (String list : keys.queueLists(queue)) {
            // members are "<target list>\n<envelope>"
            redis.scanScored(keys.delayed(), RedisKeys.globEscape(list) + "\n*", BATCH,
                    page -> batch.accept(page.stream().map(Keyspace.Scored::member).toList()));
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
