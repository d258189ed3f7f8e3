-- batch-add: registers tasks in a batch and enqueues them in one step, so a task is never
-- enqueued without being counted, nor counted without being enqueued (flow/batch).
-- KEYS[1] = the batch hash, KEYS[2] = its tasks hash (task id -> P, S, F)
-- KEYS[3] = the delayed set: ZSET, score = due time (ms), member = "<target list>\n<envelope>"
-- KEYS[4] = the index of batches: ZSET, batch id -> when its keys expire (ms)
-- ARGV    = open TTL (s), now (ms), then per task six fields: task id, target list, envelope, due (ms, 0 for
--           now), the queue's kombu binding SET and its member (declared so Python tooling sees it)
-- returns   the number of tasks added (an id already in the batch is neither counted nor sent
--           again), -1 when the batch does not exist (expired, or never opened), -2 when it is
--           complete already (its callbacks have fired; a task added now would go uncounted)
if redis.call('EXISTS', KEYS[1]) == 0 then
  return -1
end
if redis.call('HEXISTS', KEYS[1], 'complete_at') == 1 then
  return -2
end
local added = 0
for i = 3, #ARGV, 6 do
  local id, list, envelope, due = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3])
  if redis.call('HSETNX', KEYS[2], id, 'P') == 1 then
    added = added + 1
    redis.call('SADD', ARGV[i + 4], ARGV[i + 5])
    if due > 0 then
      redis.call('ZADD', KEYS[3], due, list .. '\n' .. envelope)
    else
      redis.call('LPUSH', list, envelope)
    end
  end
end
redis.call('HINCRBY', KEYS[1], 'total', added)
redis.call('HINCRBY', KEYS[1], 'pending', added)
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[4], 'XX', tonumber(ARGV[2]) + tonumber(ARGV[1]) * 1000, redis.call('HGET', KEYS[1], 'id'))
return added
