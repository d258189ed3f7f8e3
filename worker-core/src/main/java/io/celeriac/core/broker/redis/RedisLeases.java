package io.celeriac.core.broker.redis;

import io.celeriac.core.broker.Broker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.Tuple;

/** Worker leases on Redis: heartbeats (heartbeat-2.lua), records, and recovery of the dead (recover-worker.lua). */
final class RedisLeases {
    private final DirectRedis direct;
    private final RedisKeys keys;

    RedisLeases(DirectRedis direct, RedisKeys keys) {
        this.direct = direct;
        this.keys = keys;
    }

    Broker.Beat heartbeat(String worker, Instant now, Map<String, String> fields, boolean writeFields, Duration forwardingLease) {
        List<byte[]> args = new ArrayList<>(4 + fields.size() * 2);
        args.add(utf8(worker));
        args.add(utf8(String.valueOf(now.toEpochMilli())));
        args.add(utf8(writeFields ? "1" : "0"));
        args.add(utf8(String.valueOf(forwardingLease == null ? 0 : Math.max(1, forwardingLease.toMillis()))));
        fields.forEach((k, v) -> {
            args.add(utf8(k));
            args.add(utf8(v));
        });
        List<byte[]> keyList = forwardingLease == null ? List.of(utf8(keys.workers()), utf8(keys.worker(worker)))
                : List.of(utf8(keys.workers()), utf8(keys.worker(worker)), utf8(keys.forwarder()));
        List<?> reply = (List<?>) direct.eval(LuaScripts.HEARTBEAT, keyList, args);
        Broker.ForwardingLease forwarding = switch (((Long) reply.get(1)).intValue()) {
            case 1 -> Broker.ForwardingLease.MINE;
            case 0 -> Broker.ForwardingLease.ANOTHER;
            case -1 -> Broker.ForwardingLease.VACANT;
            default -> Broker.ForwardingLease.UNKNOWN;
        };
        return new Broker.Beat((Long) reply.get(0) == 1L, forwarding);
    }

    /** One ZADD GT (Redis 6.2+): a worker whose clock lags cannot move a queue's last pickup back. */
    void recordPickups(Map<String, Instant> lastPickups) {
        if (lastPickups.isEmpty()) {
            return;
        }
        Map<byte[], Double> scores = new LinkedHashMap<>();
        lastPickups.forEach((queue, at) -> scores.put(utf8(queue), (double) at.toEpochMilli()));
        direct.call(jedis -> jedis.zadd(utf8(keys.pickups()), scores, redis.clients.jedis.params.ZAddParams.zAddParams().gt()));
    }

    Map<String, Instant> heartbeats() {
        Map<String, Instant> beats = new LinkedHashMap<>();
        for (Tuple entry : direct.call(jedis -> jedis.zrangeWithScores(utf8(keys.workers()), 0, -1))) {
            beats.put(new String(entry.getBinaryElement(), StandardCharsets.UTF_8), Instant.ofEpochMilli((long) entry.getScore()));
        }
        return beats;
    }

    /** ZRANGEBYSCORE over the heartbeat set: only the silent workers, however large the fleet. */
    Map<String, Instant> silentSince(Instant before, int limit) {
        Map<String, Instant> beats = new LinkedHashMap<>();
        byte[] max = utf8(String.valueOf(before.toEpochMilli()));
        for (Tuple entry : direct.call(jedis -> jedis.zrangeByScoreWithScores(utf8(keys.workers()), utf8("-inf"), max, 0, limit))) {
            beats.put(new String(entry.getBinaryElement(), StandardCharsets.UTF_8), Instant.ofEpochMilli((long) entry.getScore()));
        }
        return beats;
    }

    /** SET NX PX: one process at a time takes a name. */
    boolean reserveName(String worker, String owner, Duration hold) {
        String reply = direct.call(jedis -> jedis.set(utf8(keys.workerNameReservation(worker)), utf8(owner),
                SetParams.setParams().nx().px(Math.max(1, hold.toMillis()))));
        return "OK".equals(reply);
    }

    Map<String, String> record(String worker) {
        Map<String, String> record = new LinkedHashMap<>();
        direct.call(jedis -> jedis.hgetAll(utf8(keys.worker(worker))))
                .forEach((k, v) -> record.put(new String(k, StandardCharsets.UTF_8), new String(v, StandardCharsets.UTF_8)));
        return record;
    }

    long recover(String worker, Instant staleBefore, List<String> sourceLists) {
        List<byte[]> keyList = new ArrayList<>(2 + sourceLists.size() * 2);
        keyList.add(utf8(keys.workers()));
        keyList.add(utf8(keys.worker(worker)));
        for (String list : sourceLists) {
            keyList.add(utf8(keys.inflight(worker, list)));
            keyList.add(utf8(list));
        }
        Object moved = direct.eval(LuaScripts.RECOVER_WORKER, keyList, List.of(utf8(worker), utf8(String.valueOf(staleBefore.toEpochMilli()))));
        if (!(moved instanceof Long n) || n >= 0) {
            // a worker gone (left, or taken for dead) forwards no more: a standby takes over at its next look
            direct.eval(LuaScripts.RELEASE_FORWARDER, List.of(utf8(keys.forwarder())), List.of(utf8(worker)));
        }
        return moved instanceof Long n ? n : 0;
    }

    void forget(String worker) {
        direct.pipelined(pipeline -> {
            pipeline.zrem(utf8(keys.workers()), utf8(worker));
            pipeline.del(utf8(keys.worker(worker)));
        });
        direct.eval(LuaScripts.RELEASE_FORWARDER, List.of(utf8(keys.forwarder())), List.of(utf8(worker)));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
