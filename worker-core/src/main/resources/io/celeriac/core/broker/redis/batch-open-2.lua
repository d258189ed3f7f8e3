-- batch-open: creates a batch (flow/batch), held open by its sender until it has added its tasks
-- (the hold is one pending count, released by a 'B' op with an empty task id in complete.lua).
-- KEYS[1] = the batch hash
-- KEYS[2] = the index of batches: ZSET, batch id -> when its keys expire (ms), kept up to date by
--           every add and by the completion, so entries past it name batches that are gone and are
--           pruned here: the index never holds more than the batches that exist
-- ARGV    = batch id, now (ms), open TTL (s: how long a batch that never finishes is kept),
--           TTL after completion (s), description, then pairs of field, value for the callbacks
--           (complete_list, complete_msg, complete_dead, success_list, success_msg, success_dead;
--           absent when not asked for; *_dead is the dead-letter header should the push be refused)
-- returns   1, or 0 when a batch with this id exists already (nothing is changed)
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'created_at', ARGV[2], 'ttl', ARGV[4], 'description', ARGV[5],
    'total', 0, 'pending', 1, 'hold', 1, 'succeeded', 0, 'failed', 0)
for i = 6, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[2])
redis.call('ZADD', KEYS[2], tonumber(ARGV[2]) + tonumber(ARGV[3]) * 1000, ARGV[1])
return 1
