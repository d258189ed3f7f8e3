package io.celeriac.core.broker.redis;

import io.celeriac.core.broker.Keyspace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/** {@link Keyspace} on the broker's own connection pool ({@link DirectRedis}). */
final class RedisKeyspace implements Keyspace {
    private final DirectRedis redis;

    RedisKeyspace(DirectRedis redis) {
        this.redis = redis;
    }

    @Override
    public String type(String key) {
        return redis.call(jedis -> jedis.type(utf8(key)));
    }

    @Override
    public boolean existsAny(List<String> keys) {
        byte[][] all = keys.stream().map(RedisKeyspace::utf8).toArray(byte[][]::new);
        return all.length > 0 && redis.call(jedis -> jedis.exists(all)) > 0;
    }

    @Override
    public List<byte[]> range(String list, long from, long to) {
        return redis.call(jedis -> jedis.lrange(utf8(list), from, to));
    }

    @Override
    public byte[] index(String list, long index) {
        return redis.call(jedis -> jedis.lindex(utf8(list), index));
    }

    @Override
    public long remove(String list, long count, byte[] value) {
        return redis.lrem(utf8(list), count, value);
    }

    @Override
    public Map<String, Long> lengths(List<String> lists) {
        if (lists.isEmpty()) {
            return Map.of();
        }
        List<Response<Long>> replies = new ArrayList<>(lists.size());
        redis.pipelined(pipeline -> lists.forEach(list -> replies.add(pipeline.llen(utf8(list)))));
        Map<String, Long> lengths = new LinkedHashMap<>();
        for (int i = 0; i < lists.size(); i++) {
            lengths.put(lists.get(i), replies.get(i).get());
        }
        return lengths;
    }

    @Override
    public Map<String, Map<String, String>> hashes(List<String> hashes) {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        // a thousand workers' records: one round trip per CHUNK instead of one per worker
        for (int from = 0; from < hashes.size(); from += CHUNK) {
            List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + CHUNK));
            List<Response<Map<String, String>>> replies = new ArrayList<>(chunk.size());
            redis.pipelined(pipeline -> chunk.forEach(hash -> replies.add(pipeline.hgetAll(hash))));
            for (int i = 0; i < chunk.size(); i++) {
                all.put(chunk.get(i), replies.get(i).get());
            }
        }
        return all;
    }

    @Override
    public List<byte[]> values(List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        byte[][] all = keys.stream().map(RedisKeyspace::utf8).toArray(byte[][]::new);
        return redis.call(jedis -> jedis.mget(all));
    }

    @Override
    public List<String> members(String set) {
        List<String> members = new ArrayList<>();
        ScanParams params = new ScanParams().count(CHUNK);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            String at = cursor;
            ScanResult<String> page = redis.call(jedis -> jedis.sscan(set, at, params));
            members.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return members;
    }

    @Override
    public Double score(String zset, String member) {
        return redis.call(jedis -> jedis.zscore(zset, member));
    }

    @Override
    public long removeScoredBelow(String zset, double below) {
        return redis.call(jedis -> jedis.zremrangeByScore(zset, "-inf", "(" + below));
    }

    @Override
    public long removeScored(String zset, List<byte[]> members) {
        return members.isEmpty() ? 0 : redis.call(jedis -> jedis.zrem(utf8(zset), members.toArray(byte[][]::new)));
    }

    @Override
    public long size(String zset) {
        return redis.call(jedis -> jedis.zcard(zset));
    }

    @Override
    public List<Scored> rangeScored(String zset, long from, long to) {
        List<Tuple> window = redis.call(jedis -> jedis.zrangeWithScores(utf8(zset), from, to));
        return window.stream().map(t -> new Scored(t.getBinaryElement(), t.getScore())).toList();
    }

    @Override
    public void pushCapped(String list, byte[] value, long keep) {
        byte[] key = utf8(list);
        redis.call(jedis -> {
            try (Transaction tx = jedis.multi()) {
                tx.lpush(key, value);
                tx.ltrim(key, 0, keep - 1);
                return tx.exec();
            }
        });
    }

    @Override
    public void setAll(Map<String, byte[]> values, long ttlSeconds) {
        if (!values.isEmpty()) {
            redis.pipelined(pipeline -> values.forEach((key, value) -> pipeline.setex(utf8(key), ttlSeconds, value)));
        }
    }

    @Override
    public long incrementWindow(String key, long ttlSeconds) {
        long count = redis.call(jedis -> jedis.incr(key));
        if (count == 1) {
            redis.call(jedis -> jedis.expire(key, ttlSeconds));
        }
        return count;
    }

    @Override
    public void forEachScored(String zset, BiConsumer<String, Double> visitor) {
        int start = 0;
        while (true) {
            int from = start;
            List<Tuple> chunk = redis.call(jedis -> jedis.zrangeWithScores(zset, from, from + CHUNK - 1));
            chunk.forEach(t -> visitor.accept(t.getElement(), t.getScore()));
            if (chunk.size() < CHUNK) {
                return;
            }
            start += CHUNK;
        }
    }

    @Override
    public void scanScored(String zset, String glob, int count, Consumer<List<Scored>> visitor) {
        byte[] key = utf8(zset);
        ScanParams params = new ScanParams().match(utf8(glob)).count(count);
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        do {
            byte[] at = cursor;
            ScanResult<Tuple> page = redis.call(jedis -> jedis.zscan(key, at, params));
            if (!page.getResult().isEmpty()) {
                visitor.accept(page.getResult().stream().map(t -> new Scored(t.getBinaryElement(), t.getScore())).toList());
            }
            cursor = page.getCursorAsBytes();
        } while (!new String(cursor, StandardCharsets.US_ASCII).equals(ScanParams.SCAN_POINTER_START));
    }

    @Override
    public void forEachInHash(String hash, BiConsumer<String, String> visitor) {
        ScanParams params = new ScanParams().count(CHUNK);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            String at = cursor;
            ScanResult<Map.Entry<String, String>> page = redis.call(jedis -> jedis.hscan(hash, at, params));
            page.getResult().forEach(e -> visitor.accept(e.getKey(), e.getValue()));
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }

    @Override
    public void forEachKey(String glob, Consumer<String> visitor) {
        ScanParams params = new ScanParams().match(glob).count(CHUNK);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            String at = cursor;
            ScanResult<String> page = redis.call(jedis -> jedis.scan(at, params));
            page.getResult().forEach(visitor);
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }

    @Override
    public boolean scanKeys(String glob, int maxCalls, java.util.function.Predicate<String> visitor) {
        ScanParams params = new ScanParams().match(glob).count(CHUNK);
        String cursor = ScanParams.SCAN_POINTER_START;
        for (int call = 0; call < maxCalls; call++) {
            String at = cursor;
            ScanResult<String> page = redis.call(jedis -> jedis.scan(at, params));
            for (String key : page.getResult()) {
                if (!visitor.test(key)) {
                    return false;
                }
            }
            cursor = page.getCursor();
            if (cursor.equals(ScanParams.SCAN_POINTER_START)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object eval(String script, List<byte[]> keys, List<byte[]> args) {
        return redis.eval(script, keys, args);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
