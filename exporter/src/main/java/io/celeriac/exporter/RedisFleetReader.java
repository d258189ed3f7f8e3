package io.celeriac.exporter;

import io.celeriac.beat.redis.BeatKeys;
import io.celeriac.core.broker.redis.DirectRedis;
import io.celeriac.core.broker.redis.RedisKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/**
 * The exporter's reads, each a pipeline or one script: read-only, bounded in how much they fetch
 * whatever the fleet's size, and never a scan of a queue's messages. Jedis stays in this class.
 */
final class RedisFleetReader {
    /** The largest head message queue-heads-n.lua decodes. */
    static final int HEAD_DECODE_LIMIT = 64 * 1024;
    /** Queue lists per script call: each call is short, whatever the number of queues. */
    private static final int LISTS_PER_CALL = 200;
    private static final String QUEUE_HEADS = load("queue-heads-n.lua");
    private static final List<String> WORKER_FIELDS = List.of("queues", "concurrency", "runners_alive", "lease_ms");
    private static final Set<String> FANOUT_EXCHANGES = Set.of(RedisKeys.PIDBOX_EXCHANGE, RedisKeys.REPLY_EXCHANGE, RedisKeys.EVENT_EXCHANGE);

    private final DirectRedis redis;
    private final RedisKeys keys;
    private final BeatKeys beatKeys;

    RedisFleetReader(DirectRedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
        this.beatKeys = new BeatKeys(keys);
    }

    /**
     * What every pass reads first, in one round trip.
     *
     * @param heartbeats  worker -> last heartbeat (ms)
     * @param pickups     queue -> last pickup (ms)
     * @param earliestDue the delayed set's earliest due time (ms), -1 when it is empty
     * @param leader      the beat's leader lease hash (empty when no replica holds or held it)
     */
    record Basics(long nowMs, Map<String, Long> heartbeats, Map<String, Long> pickups, long delayed, long earliestDue,
                  long deadLetters, Map<String, String> leader, long beatEntries) {
    }

    Basics basics() {
        return redis.call(jedis -> {
            Pipeline pipeline = jedis.pipelined();
            Response<List<String>> time = pipeline.time();
            Response<List<Tuple>> workers = pipeline.zrangeWithScores(keys.workers(), 0, -1);
            Response<List<Tuple>> pickups = pipeline.zrangeWithScores(keys.pickups(), 0, -1);
            Response<Long> delayed = pipeline.zcard(keys.delayed());
            Response<List<Tuple>> earliest = pipeline.zrangeWithScores(keys.delayed(), 0, 0);
            Response<Long> dead = pipeline.llen(keys.dead());
            Response<Map<String, String>> leader = pipeline.hgetAll(beatKeys.leader());
            Response<Long> entries = pipeline.scard(beatKeys.entries());
            pipeline.sync();
            long now = Long.parseLong(time.get().get(0)) * 1000 + Long.parseLong(time.get().get(1)) / 1000;
            return new Basics(now, scores(workers.get()), scores(pickups.get()), delayed.get(),
                    earliest.get().isEmpty() ? -1 : (long) earliest.get().get(0).getScore(), dead.get(), leader.get(), entries.get());
        });
    }

    /** Each worker's record fields the exporter needs: queues, concurrency, runners_alive, lease_ms. */
    Map<String, Map<String, String>> workerRecords(List<String> workers) {
        if (workers.isEmpty()) {
            return Map.of();
        }
        return redis.call(jedis -> {
            Pipeline pipeline = jedis.pipelined();
            List<Response<List<String>>> replies = new ArrayList<>();
            workers.forEach(w -> replies.add(pipeline.hmget(keys.worker(w), WORKER_FIELDS.toArray(String[]::new))));
            pipeline.sync();
            Map<String, Map<String, String>> records = new LinkedHashMap<>();
            for (int i = 0; i < workers.size(); i++) {
                Map<String, String> record = new LinkedHashMap<>();
                List<String> values = replies.get(i).get();
                for (int f = 0; f < WORKER_FIELDS.size(); f++) {
                    if (values.get(f) != null) {
                        record.put(WORKER_FIELDS.get(f), values.get(f));
                    }
                }
                records.put(workers.get(i), record);
            }
            return records;
        });
    }

    /**
     * The work queues kombu declared (binding sets), Python-only queues included; at most
     * {@code limit} names. A keyspace SCAN: the exporter runs it only every few minutes.
     */
    Set<String> declaredQueues(int limit) {
        Set<String> bindings = new LinkedHashSet<>();
        redis.call(jedis -> {
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams params = new ScanParams().match(keys.bindingPattern()).count(1000);
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                page.getResult().forEach(bindings::add);
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START) && bindings.size() < limit);
            return null;
        });
        Set<String> queues = new LinkedHashSet<>();
        for (String binding : bindings) {
            String exchange = keys.exchangeOfBinding(binding);
            if (exchange == null || FANOUT_EXCHANGES.contains(exchange)) {
                continue;
            }
            ScanParams page = new ScanParams().count(limit);
            List<String> members = redis.call(jedis -> jedis.sscan(binding, ScanParams.SCAN_POINTER_START, page).getResult());
            for (String member : members) {
                String queue = queueOfBindingMember(member);
                if (queue != null && queues.size() < limit) {
                    queues.add(queue);
                }
            }
        }
        return queues;
    }

    /** A binding member is {@code routing_key SEP pattern SEP queue}; pidbox and event queues are not work. */
    static String queueOfBindingMember(String member) {
        String[] parts = member.split(RedisKeys.SEP, -1);
        String queue = parts[parts.length - 1];
        if (parts.length != 3 || queue.isEmpty() || queue.endsWith(".pidbox") || queue.startsWith("celeryev.")) {
            return null;
        }
        return queue;
    }

    /** The head of each list (queue-heads-n.lua), keyed like the argument. */
    Map<String, QueueHead> heads(List<String> lists) {
        Map<String, QueueHead> heads = new LinkedHashMap<>();
        byte[] limit = String.valueOf(HEAD_DECODE_LIMIT).getBytes(StandardCharsets.US_ASCII);
        for (int from = 0; from < lists.size(); from += LISTS_PER_CALL) {
            List<String> chunk = lists.subList(from, Math.min(lists.size(), from + LISTS_PER_CALL));
            List<?> reply = (List<?>) redis.eval(QUEUE_HEADS, chunk.stream().map(RedisFleetReader::utf8).toList(), List.of(limit));
            for (int i = 0; i < chunk.size(); i++) {
                long length = ((Number) reply.get(4 * i)).longValue();
                String sent = text(reply.get(4 * i + 1));
                String eta = text(reply.get(4 * i + 2));
                String print = text(reply.get(4 * i + 3));
                heads.put(chunk.get(i), new QueueHead(length, parseLong(sent), eta.isEmpty() ? null : eta,
                        print.isEmpty() ? null : print));
            }
        }
        return heads;
    }

    /** An enabled beat entry's next due time (ms), or none. */
    record BeatEntryDue(String name, long nextMs) {
    }

    /** Up to {@code limit} beat entries that are enabled and have a next due time. */
    List<BeatEntryDue> beatEntries(int limit) {
        List<String> names = redis.call(jedis -> {
            List<String> found = new ArrayList<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams params = new ScanParams().count(Math.min(limit, 1000));
            do {
                ScanResult<String> page = jedis.sscan(beatKeys.entries(), cursor, params);
                page.getResult().forEach(found::add);
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START) && found.size() < limit);
            return found.size() > limit ? found.subList(0, limit) : found;
        });
        if (names.isEmpty()) {
            return List.of();
        }
        List<List<String>> fields = redis.call(jedis -> {
            Pipeline pipeline = jedis.pipelined();
            List<Response<List<String>>> replies = new ArrayList<>();
            names.forEach(n -> replies.add(pipeline.hmget(beatKeys.entry(n), "next", "override", "definition")));
            pipeline.sync();
            return replies.stream().map(Response::get).toList();
        });
        List<BeatEntryDue> due = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            List<String> f = fields.get(i);
            long next = parseLong(f.get(0));
            if (next > 0 && BeatDefinitions.enabled(f.get(1), f.get(2))) {
                due.add(new BeatEntryDue(names.get(i), next));
            }
        }
        return due;
    }

    private static Map<String, Long> scores(List<Tuple> tuples) {
        Map<String, Long> scores = new LinkedHashMap<>();
        tuples.forEach(t -> scores.put(t.getElement(), (long) t.getScore()));
        return scores;
    }

    private static String text(Object reply) {
        return reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : reply == null ? "" : reply.toString();
    }

    static long parseLong(String text) {
        if (text == null || text.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String load(String name) {
        try (InputStream in = RedisFleetReader.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Lua script " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
