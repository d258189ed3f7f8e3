package io.celeriac.core.admin;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.client.protocol.ScoredEntry;

/**
 * The read patterns the admin queries share, kept here so Redisson stays out of their signatures.
 * Lists and sets are read in chunks: a queue of a million messages must not arrive in one reply.
 */
final class RedisReads {
    static final int CHUNK = 1000;

    private final RedissonClient redis;

    RedisReads(RedissonClient redis) {
        this.redis = redis;
    }

    /**
     * Visits a list from the left (LPUSH end, newest) in LRANGE chunks with each element's index.
     * The list may change between chunks; an admin view tolerates a message seen twice or missed.
     */
    void forEachInList(String key, BiConsumer<Integer, String> visitor) {
        int start = 0;
        while (true) {
            List<String> chunk = redis.<String>getList(key).range(start, start + CHUNK - 1);
            for (int i = 0; i < chunk.size(); i++) {
                visitor.accept(start + i, chunk.get(i));
            }
            if (chunk.size() < CHUNK) {
                return;
            }
            start += CHUNK;
        }
    }

    /** Visits a sorted set in rank order, in chunks, with each member's score. */
    void forEachScored(String key, BiConsumer<String, Double> visitor) {
        int start = 0;
        while (true) {
            List<ScoredEntry<String>> chunk = new ArrayList<>(redis.<String>getScoredSortedSet(key).entryRange(start, start + CHUNK - 1));
            chunk.forEach(e -> visitor.accept(e.getValue(), e.getScore()));
            if (chunk.size() < CHUNK) {
                return;
            }
            start += CHUNK;
        }
    }

    /** Visits the sorted-set members matching a glob (ZSCAN MATCH), with their scores. */
    void forEachScoredMatching(String key, String glob, BiConsumer<String, Double> visitor) {
        Iterator<ScoredEntry<String>> it = redis.<String>getScoredSortedSet(key).entryIterator(glob, CHUNK);
        while (it.hasNext()) {
            ScoredEntry<String> e = it.next();
            visitor.accept(e.getValue(), e.getScore());
        }
    }

    /** Visits every field and value of a hash (HSCAN). */
    void forEachInHash(String key, BiConsumer<String, String> visitor) {
        redis.<String, String>getMap(key).entrySet(CHUNK).forEach(e -> visitor.accept(e.getKey(), e.getValue()));
    }

    /** Visits every key matching a glob (SCAN MATCH). */
    void forEachKey(String glob, Consumer<String> visitor) {
        redis.getKeys().getKeys(KeysScanOptions.defaults().pattern(glob).chunkSize(CHUNK)).forEach(visitor);
    }

    List<String> members(String setKey) {
        return new ArrayList<>(redis.<String>getSet(setKey).readAll());
    }

    /** LLEN of many lists in one round trip, keyed like the argument. */
    Map<String, Long> lengths(List<String> lists) {
        if (lists.isEmpty()) {
            return Map.of();
        }
        RBatch batch = redis.createBatch();
        lists.forEach(list -> batch.getList(list).sizeAsync());
        BatchResult<?> result = batch.execute();
        Map<String, Long> lengths = new LinkedHashMap<>();
        for (int i = 0; i < lists.size(); i++) {
            lengths.put(lists.get(i), ((Number) result.getResponses().get(i)).longValue());
        }
        return lengths;
    }

    /** The score of a sorted-set member, or null. */
    Double score(String key, String member) {
        return redis.<String>getScoredSortedSet(key).getScore(member);
    }

    RedissonClient client() {
        return redis;
    }
}
