package io.celeriac.core.broker.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/** Worker leases on Redis: heartbeats (heartbeat-2.lua), records, and recovery of the dead (recover-worker.lua). */
final class RedisLeases {
    private final RedissonClient redis;
    private final RedisKeys keys;
    private final RScript script;

    RedisLeases(RedissonClient redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
        this.script = redis.getScript();
    }

    boolean heartbeat(String worker, Instant now, Map<String, String> fields) {
        List<Object> args = new ArrayList<>(2 + fields.size() * 2);
        args.add(worker);
        args.add(String.valueOf(now.toEpochMilli()));
        fields.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        Long existed = script.eval(RScript.Mode.READ_WRITE, LuaScripts.HEARTBEAT, RScript.ReturnType.LONG,
                List.of(keys.workers(), keys.worker(worker)), args.toArray());
        return existed != null && existed == 1L;
    }

    Map<String, Instant> heartbeats() {
        Map<String, Instant> beats = new LinkedHashMap<>();
        redis.<String>getScoredSortedSet(keys.workers()).entryRange(0, -1)
                .forEach(e -> beats.put(e.getValue(), Instant.ofEpochMilli(e.getScore().longValue())));
        return beats;
    }

    Map<String, String> record(String worker) {
        return redis.<String, String>getMap(keys.worker(worker)).readAllMap();
    }

    long recover(String worker, Instant staleBefore, List<String> sourceLists) {
        List<Object> keyList = new ArrayList<>(2 + sourceLists.size() * 2);
        keyList.add(keys.workers());
        keyList.add(keys.worker(worker));
        for (String list : sourceLists) {
            keyList.add(keys.inflight(worker, list));
            keyList.add(list);
        }
        Long moved = script.eval(RScript.Mode.READ_WRITE, LuaScripts.RECOVER_WORKER, RScript.ReturnType.LONG,
                keyList, worker, String.valueOf(staleBefore.toEpochMilli()));
        return moved == null ? 0 : moved;
    }

    void forget(String worker) {
        RBatch batch = redis.createBatch();
        batch.getScoredSortedSet(keys.workers()).removeAsync(worker);
        batch.getMap(keys.worker(worker)).deleteAsync();
        batch.execute();
    }
}
