package io.celeriac.core.broker.redis;

import io.celeriac.core.broker.DeadLetterEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Response;

/**
 * Drops dead letters older than their retention (the janitor's sweep, {@code Broker#dropDeadLetters}).
 *
 * <p>The list is read in pages from its oldest end (new dead letters arrive at the other end and
 * never shift these positions) and each old entry is removed by value, LREM from the oldest end,
 * one pipeline per page: an entry an operator requeued or dropped meanwhile is simply not found.
 * Entries that are not Celeriac dead letters have no age and stay. A concurrent removal can move
 * an entry past the sweep's position; the next sweep finds it.
 */
final class RedisDeadLetterRetention {
    private static final int PAGE = 200;

    private final DirectRedis redis;
    private final byte[] key;

    RedisDeadLetterRetention(DirectRedis redis, String key) {
        this.redis = redis;
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** Removes the entries written before {@code writtenBefore}; how many it removed. */
    long dropWrittenBefore(Instant writtenBefore) {
        long dropped = 0;
        long offset = 0;
        while (true) {
            long from = -(offset + PAGE);
            long to = -(offset + 1);
            List<byte[]> page = redis.call(jedis -> jedis.lrange(key, from, to));
            List<byte[]> old = new ArrayList<>();
            for (byte[] stored : page) {
                DeadLetterEntry entry = DeadLetterEntry.decode(stored);
                if (entry != null && entry.at().isBefore(writtenBefore)) {
                    old.add(stored);
                }
            }
            long removed = old.isEmpty() ? 0 : remove(old);
            dropped += removed;
            if (page.size() < PAGE) {
                return dropped;
            }
            offset += PAGE - removed;
        }
    }

    private long remove(List<byte[]> entries) {
        List<Response<Long>> replies = new ArrayList<>(entries.size());
        redis.pipelined(pipeline -> entries.forEach(entry -> replies.add(pipeline.lrem(key, -1, entry))));
        return replies.stream().mapToLong(Response::get).sum();
    }
}
