package io.celeriac.core.broker.redis;

import io.celeriac.core.broker.Broker.Outgoing;
import io.celeriac.core.broker.Broker.UniqueSend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Unique-task locks on Redis, every change through unique-lock.lua: the send that enqueues unless
 * a duplicate, the worker's hold and release; and, for {@code celeriac unique}, listing (SCAN, never
 * KEYS) and clearing them.
 */
public final class RedisUniqueLocks {
    private final DirectRedis direct;
    private final RedisKeys keys;

    RedisUniqueLocks(DirectRedis direct, RedisKeys keys) {
        this.direct = direct;
        this.keys = keys;
    }

    UniqueSend send(String key, String taskId, Duration ttl, boolean debounce, Outgoing message, Instant now) {
        String list = keys.queueList(message.queue(), message.priority());
        boolean delayed = message.due() != null && message.due().isAfter(now);
        List<byte[]> keyList = List.of(utf8(keys.uniqueLock(key)), utf8(list), utf8(keys.delayed()));
        List<byte[]> args = List.of(utf8("send"), utf8(taskId), utf8(String.valueOf(Math.max(1, ttl.toMillis()))),
                utf8(debounce ? "debounce" : "lock"), message.envelope(),
                utf8(delayed ? String.valueOf(message.due().toEpochMilli()) : "0"),
                delayed ? RedisBroker.member(list, message.envelope()) : new byte[0], utf8(String.valueOf(now.toEpochMilli())));
        List<?> reply = (List<?>) direct.eval(LuaScripts.UNIQUE_LOCK, keyList, args);
        boolean enqueued = (Long) reply.get(0) == 1;
        String holder = text(reply.get(1));
        String replaced = enqueued && reply.size() > 2 ? text(reply.get(2)) : "";
        return new UniqueSend(enqueued, holder, replaced.isEmpty() ? null : replaced);
    }

    String hold(String key, String taskId, Duration ttl, Instant now) {
        return text(direct.eval(LuaScripts.UNIQUE_LOCK, List.of(utf8(keys.uniqueLock(key))),
                List.of(utf8("hold"), utf8(taskId), utf8(String.valueOf(Math.max(1, ttl.toMillis()))),
                        utf8(String.valueOf(now.toEpochMilli())))));
    }

    boolean release(String key, String taskId) {
        return (Long) direct.eval(LuaScripts.UNIQUE_LOCK, List.of(utf8(keys.uniqueLock(key))),
                List.of(utf8("release"), utf8(taskId))) == 1;
    }

    /** One lock as an operator sees it: its key, holder, and when it ends. */
    public record Held(String key, String taskId, Instant until) {
    }

    /** Up to {@code limit} locks, in SCAN order. */
    public List<Held> list(int limit) {
        List<String> found = new ArrayList<>();
        new RedisKeyspace(direct).forEachKey(keys.uniqueLockPattern(), key -> {
            if (found.size() < limit) {
                found.add(key);
            }
        });
        List<Held> held = new ArrayList<>(found.size());
        for (String key : found) {
            List<String> value = direct.call(jedis -> jedis.hmget(key, "id", "until"));
            if (value.get(0) != null && value.get(1) != null) {
                held.add(new Held(keys.uniqueKeyOf(key), value.get(0), Instant.ofEpochMilli(Long.parseLong(value.get(1)))));
            }
        }
        return held;
    }

    /** Removes the locks of {@code uniqueKeys} at once (the next send is no duplicate); returns how many went. */
    public long clear(List<String> uniqueKeys) {
        if (uniqueKeys.isEmpty()) {
            return 0;
        }
        return direct.call(jedis -> jedis.del(uniqueKeys.stream().map(keys::uniqueLock).toArray(String[]::new)));
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
