package io.celeriac.core.broker.redis;

import io.celeriac.core.flow.FlowStore;
import io.celeriac.core.flow.Rate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.params.ZAddParams;

/**
 * The fleet's buckets and slots in Redis: a token is {@code take-token-3.lua}, a slot
 * {@code acquire-slot-2.lua}; renewals and releases are single-key commands.
 */
public final class RedisFlowStore implements FlowStore {
    private final DirectRedis redis;
    private final RedisKeys keys;

    public RedisFlowStore(DirectRedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public Token takeToken(String bucket, Rate rate, String taskId, long nowMillis, long graceMillis, long paceMillis) {
        TokenRequest request = new TokenRequest(bucket, rate, taskId, nowMillis, graceMillis, paceMillis);
        return token(redis.eval(LuaScripts.TAKE_TOKEN, tokenKeys(request), tokenArgs(request)));
    }

    @Override
    public List<Token> takeTokens(List<TokenRequest> requests) {
        if (requests.size() == 1) {
            return List.of(token(redis.eval(LuaScripts.TAKE_TOKEN, tokenKeys(requests.get(0)), tokenArgs(requests.get(0)))));
        }
        List<List<byte[]>> keys = new ArrayList<>(requests.size());
        List<List<byte[]>> args = new ArrayList<>(requests.size());
        for (TokenRequest request : requests) {
            keys.add(tokenKeys(request));
            args.add(tokenArgs(request));
        }
        List<Token> tokens = new ArrayList<>(requests.size());
        for (Object reply : redis.evalAll(LuaScripts.TAKE_TOKEN, keys, args)) {
            tokens.add(token(reply));
        }
        return tokens;
    }

    private List<byte[]> tokenKeys(TokenRequest r) {
        return List.of(bytes(keys.rateBucket(r.bucket())), bytes(keys.rateReservations(r.bucket())), bytes(keys.flowThrottled()));
    }

    private static List<byte[]> tokenArgs(TokenRequest r) {
        return List.of(bytes(Long.toString(r.nowMillis())), bytes(String.format(java.util.Locale.ROOT, "%.6f", r.rate().intervalMillis())),
                bytes(Integer.toString(r.rate().burst())), bytes(r.taskId()), bytes(Long.toString(r.graceMillis())),
                bytes(limitName(r.bucket())), bytes(Long.toString(r.paceMillis())), bytes(Integer.toString(r.want())));
    }

    private static Token token(Object reply) {
        List<?> answer = (List<?>) reply;
        long kind = (Long) answer.get(0);
        return kind == 1 ? Token.now(answer.size() > 2 ? ((Long) answer.get(2)).intValue() : 1) : new Token(kind == 2 ? Token.Kind.AT : Token.Kind.WAIT, (Long) answer.get(1));
    }

    @Override
    public long acquireSlot(String bucket, int max, String holder, long nowMillis, long expiryMillis) {
        return (Long) redis.eval(LuaScripts.ACQUIRE_SLOT, List.of(bytes(keys.concurrencySlots(bucket)), bytes(keys.flowThrottled())),
                List.of(bytes(Long.toString(nowMillis)), bytes(Integer.toString(max)), bytes(holder),
                        bytes(Long.toString(expiryMillis)), bytes(limitName(bucket))));
    }

    @Override
    public void renewSlots(Collection<HeldSlot> slots, long nowMillis, long expiryMillis) {
        if (slots.isEmpty()) {
            return;
        }
        redis.pipelined(pipeline -> {
            for (HeldSlot slot : slots) {
                byte[] key = bytes(keys.concurrencySlots(slot.bucket()));
                // XX: a slot released (or lapsed and taken over) meanwhile is not brought back
                pipeline.zadd(key, expiryMillis, bytes(slot.holder()), ZAddParams.zAddParams().xx());
                pipeline.pexpire(key, expiryMillis - nowMillis + 1000);
            }
        });
    }

    @Override
    public void releaseSlot(HeldSlot slot) {
        redis.call(jedis -> jedis.zrem(bytes(keys.concurrencySlots(slot.bucket())), bytes(slot.holder())));
    }

    @Override
    public void publishLimits(Map<String, String> limits) {
        if (!limits.isEmpty()) {
            redis.call(jedis -> jedis.hset(keys.flowLimits(), limits));
        }
    }

    @Override
    public List<LimitState> states(long nowMillis) {
        Map<String, String> stored = redis.call(jedis -> jedis.hgetAll(keys.flowLimits()));
        Map<String, String> limits = new TreeMap<>(stored);
        Map<String, String> throttled = redis.call(jedis -> jedis.hgetAll(keys.flowThrottled()));
        List<LimitState> states = new ArrayList<>(limits.size());
        for (Map.Entry<String, String> limit : limits.entrySet()) {
            String name = limit.getKey();
            long count = Long.parseLong(throttled.getOrDefault(name, "0"));
            boolean keyed = limit.getValue().contains("\"key\":\"");
            if (keyed) {
                states.add(new LimitState(name, limit.getValue(), -1, -1, -1, count));
                continue;
            }
            List<Object> read = redis.call(jedis -> {
                try (var pipeline = jedis.pipelined()) {
                    var running = pipeline.zcount(keys.concurrencySlots(name), nowMillis, Double.POSITIVE_INFINITY);
                    var reserved = pipeline.zcard(keys.rateReservations(name));
                    var tat = pipeline.get(keys.rateBucket(name));
                    pipeline.sync();
                    // the bucket is "<next> <start> <flag>" (take-token-3.lua)
                    return List.<Object>of(running.get(), reserved.get(), tat.get() == null ? "0" : tat.get().split(" ")[0]);
                }
            });
            long next = Math.max(0, (long) Math.ceil(Double.parseDouble((String) read.get(2))) - nowMillis);
            states.add(new LimitState(name, limit.getValue(), (Long) read.get(0), (Long) read.get(1), next, count));
        }
        return states;
    }

    /** A keyed bucket's limit name: the part before the key (see {@code FlowGate}). */
    private static String limitName(String bucket) {
        int split = bucket.indexOf('\u001f');
        return split < 0 ? bucket : bucket.substring(0, split);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
