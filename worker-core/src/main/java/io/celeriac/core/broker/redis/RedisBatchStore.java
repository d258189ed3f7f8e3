package io.celeriac.core.broker.redis;

import static io.celeriac.core.broker.redis.RedisBroker.utf8;

import io.celeriac.core.flow.batch.BatchClosedException;
import io.celeriac.core.flow.batch.BatchProgress;
import io.celeriac.core.flow.batch.BatchStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Batches on Redis: batch-open-2.lua, batch-add-4.lua, and reads of the batch hashes (see
 * RedisKeys#batch). The index orders batches by when they expire: those still open come first
 * (their TTL is the longest), then completed ones, most recently completed first; a listing then
 * shows its page newest first.
 */
final class RedisBatchStore implements BatchStore {
    private final DirectRedis direct;
    private final RedisKeyspace keyspace;
    private final RedisKeys keys;

    RedisBatchStore(DirectRedis direct, RedisKeyspace keyspace, RedisKeys keys) {
        this.direct = direct;
        this.keyspace = keyspace;
        this.keys = keys;
    }

    @Override
    public boolean open(BatchOpening o) {
        List<byte[]> args = new ArrayList<>(List.of(utf8(o.id()), utf8(String.valueOf(o.nowMillis())),
                utf8(String.valueOf(o.openTtl().toSeconds())), utf8(String.valueOf(o.doneTtl().toSeconds())),
                utf8(o.description())));
        addCallback(args, "complete", o.onComplete());
        addCallback(args, "success", o.onSuccess());
        Object reply = direct.eval(LuaScripts.BATCH_OPEN, List.of(utf8(keys.batch(o.id())), utf8(keys.batches())), args);
        return ((Long) reply) == 1L;
    }

    private void addCallback(List<byte[]> args, String name, Callback callback) {
        if (callback != null) {
            args.add(utf8(name + "_list"));
            args.add(utf8(keys.queueList(callback.queue(), callback.priority())));
            args.add(utf8(name + "_msg"));
            args.add(callback.envelope());
            args.add(utf8(name + "_dead"));
            args.add(utf8(callback.deadLetterHeader()));
        }
    }

    @Override
    public int add(String batchId, List<BatchTask> tasks, Duration openTtl, long nowMillis) {
        List<byte[]> args = new ArrayList<>(2 + tasks.size() * 6);
        args.add(utf8(String.valueOf(openTtl.toSeconds())));
        args.add(utf8(String.valueOf(nowMillis)));
        for (BatchTask t : tasks) {
            args.add(utf8(t.taskId()));
            args.add(utf8(keys.queueList(t.queue(), t.priority())));
            args.add(t.envelope());
            args.add(utf8(String.valueOf(t.dueMillis())));
            args.add(utf8(keys.binding(t.queue())));
            args.add(utf8(RedisKeys.bindingMember(t.queue())));
        }
        long added = (Long) direct.eval(LuaScripts.BATCH_ADD,
                List.of(utf8(keys.batch(batchId)), utf8(keys.batchTasks(batchId)), utf8(keys.delayed()), utf8(keys.batches())), args);
        if (added == -1) {
            throw new BatchClosedException("batch " + batchId + " does not exist (it expired, or was never opened)");
        }
        if (added == -2) {
            throw new BatchClosedException("batch " + batchId + " has completed: its callbacks were sent, so no task can join it");
        }
        return (int) added;
    }

    @Override
    public Optional<BatchProgress> progress(String batchId) {
        Map<String, String> fields = keyspace.hashes(List.of(keys.batch(batchId))).get(keys.batch(batchId));
        return Optional.ofNullable(BatchProgress.fromHash(fields));
    }

    @Override
    public List<BatchProgress> list(int limit) {
        List<String> ids = direct.call(jedis -> jedis.zrevrange(keys.batches(), 0, Math.max(0, limit - 1)));
        List<String> hashKeys = ids.stream().map(keys::batch).toList();
        Map<String, Map<String, String>> hashes = keyspace.hashes(hashKeys);
        List<BatchProgress> out = new ArrayList<>(ids.size());
        for (String key : hashKeys) {
            BatchProgress progress = BatchProgress.fromHash(hashes.get(key));
            if (progress != null) {
                out.add(progress);
            }
        }
        out.sort(java.util.Comparator.comparing(BatchProgress::createdAt, java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder())));
        return out;
    }
}
