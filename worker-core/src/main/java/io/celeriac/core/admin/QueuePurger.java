package io.celeriac.core.admin;

import io.celeriac.core.broker.redis.RedisBroker;
import io.celeriac.core.broker.redis.RedisKeys;
import java.util.ArrayList;
import java.util.List;
import org.redisson.api.RScript;

/**
 * Empties a queue as kombu does (all four priority lists), optionally with the delayed messages
 * bound for it. Messages in flight are left alone: they belong to the workers running them.
 */
public final class QueuePurger {
    private final RedisBroker broker;
    private final RedisKeys keys;
    private final RedisReads reads;

    public QueuePurger(RedisBroker broker) {
        this.broker = broker;
        this.keys = broker.keys();
        this.reads = new RedisReads(broker.redis());
    }

    /** How many messages a purge would remove. */
    public record Count(long ready, long delayed) {
        public long total() {
            return ready + delayed;
        }
    }

    /** Counts what {@link #purge} would remove now (the numbers may move before it runs). */
    public Count count(String queue, boolean includeDelayed) {
        long ready = reads.lengths(keys.queueLists(queue)).values().stream().mapToLong(Long::longValue).sum();
        long[] delayed = {0};
        if (includeDelayed) {
            List<String> lists = keys.queueLists(queue);
            reads.forEachScored(keys.delayed(), (member, score) -> {
                if (lists.contains(Envelopes.delayedMember(member)[0])) {
                    delayed[0]++;
                }
            });
        }
        return new Count(ready, delayed[0]);
    }

    /** Removes the queue's ready messages (and delayed ones) in one atomic step; returns what it removed. */
    public Count purge(String queue, boolean includeDelayed) {
        List<Object> scriptKeys = new ArrayList<>(keys.queueLists(queue));
        scriptKeys.add(keys.delayed());
        List<Object> reply = broker.redis().getScript().eval(RScript.Mode.READ_WRITE, AdminScripts.PURGE_QUEUE,
                RScript.ReturnType.LIST, scriptKeys, includeDelayed ? "1" : "0");
        return new Count(((Number) reply.get(0)).longValue(), ((Number) reply.get(1)).longValue());
    }
}
