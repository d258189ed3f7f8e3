package io.celeriac.core.broker;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The broker's keys as operator tools read and repair them: Redis's lists, sets, sorted sets and
 * hashes in Celeriac's layout, with no client library's types. The broker implements it on its own
 * connections, so an admin command opens one client, the one the worker uses.
 *
 * <p>Large structures are read in chunks of {@link #CHUNK}: a queue of a million messages must not
 * arrive in one reply. The data may change between chunks; an admin view tolerates an element seen
 * twice or missed.
 */
public interface Keyspace {
    int CHUNK = 1000;

    /** A sorted-set member and its score. */
    record Scored(byte[] member, double score) {
    }

    /** The key's type as Redis names it: {@code none}, {@code list}, {@code set}, {@code zset}, {@code hash}, {@code string}. */
    String type(String key);

    /** Whether any of the keys exists. */
    boolean existsAny(List<String> keys);

    /** LRANGE: the elements from {@code from} to {@code to} inclusive (negative: from the tail). */
    List<byte[]> range(String list, long from, long to);

    /** LINDEX, or null. */
    byte[] index(String list, long index);

    /** LREM: removes up to {@code count} elements equal to {@code value} (negative count: from the tail). */
    long remove(String list, long count, byte[] value);

    /** LLEN of many lists in one round trip, keyed like the argument. */
    Map<String, Long> lengths(List<String> lists);

    /** HGETALL of many hashes in pipelined round trips, keyed like the argument (empty where absent). */
    Map<String, Map<String, String>> hashes(List<String> hashes);

    /** MGET: the values of string keys, null where absent. */
    List<byte[]> values(List<String> keys);

    /** Every member of a set (SSCAN). */
    List<String> members(String set);

    /** ZSCORE, or null. */
    Double score(String zset, String member);

    /** ZREMRANGEBYSCORE from minus infinity to {@code below}, exclusive; how many were removed. */
    long removeScoredBelow(String zset, double below);

    /** ZREM of the members; how many were removed. */
    long removeScored(String zset, List<byte[]> members);

    /** ZCARD: the sorted set's size. */
    long size(String zset);

    /** ZRANGE WITHSCORES: a window of a sorted set in rank order, {@code from} to {@code to} inclusive (a page). */
    List<Scored> rangeScored(String zset, long from, long to);

    /** LPUSH then LTRIM to the newest {@code keep}, in one transaction: a capped log. */
    void pushCapped(String list, byte[] value, long keep);

    /** SET EX of many keys in one pipelined round trip. */
    void setAll(Map<String, byte[]> values, long ttlSeconds);

    /** INCR with a TTL set on the first increment (a fixed window); the new count. */
    long incrementWindow(String key, long ttlSeconds);

    /** Visits a sorted set in rank order with each member's score. */
    void forEachScored(String zset, BiConsumer<String, Double> visitor);

    /** Visits the members matching a glob (ZSCAN MATCH), {@code count} per page, page by page. */
    void scanScored(String zset, String glob, int count, Consumer<List<Scored>> page);

    /** Visits every field and value of a hash (HSCAN). */
    void forEachInHash(String hash, BiConsumer<String, String> visitor);

    /** Visits every key matching a glob (SCAN MATCH). */
    void forEachKey(String glob, Consumer<String> visitor);

    /**
     * Visits keys matching a glob (SCAN MATCH, {@link #CHUNK} per call) for at most {@code maxCalls}
     * SCAN calls, or until {@code visitor} returns false: a bounded look at a keyspace that may be
     * large. True when the scan went all the way round (every matching key was visited).
     */
    boolean scanKeys(String glob, int maxCalls, java.util.function.Predicate<String> visitor);

    /** Runs a Lua script (by its SHA1 where the server has it); the reply as the server sent it. */
    Object eval(String script, List<byte[]> keys, List<byte[]> args);

    /** Visits a list from its head (LPUSH end, newest) in chunks, with each element's index. */
    default void forEachInList(String list, BiConsumer<Integer, byte[]> visitor) {
        int start = 0;
        while (true) {
            List<byte[]> chunk = range(list, start, start + CHUNK - 1);
            for (int i = 0; i < chunk.size(); i++) {
                visitor.accept(start + i, chunk.get(i));
            }
            if (chunk.size() < CHUNK) {
                return;
            }
            start += CHUNK;
        }
    }

    /** {@link #scanScored} one member at a time, as text. */
    default void forEachScoredMatching(String zset, String glob, BiConsumer<String, Double> visitor) {
        scanScored(zset, glob, CHUNK, page -> page.forEach(entry ->
                visitor.accept(new String(entry.member(), java.nio.charset.StandardCharsets.UTF_8), entry.score())));
    }
}
