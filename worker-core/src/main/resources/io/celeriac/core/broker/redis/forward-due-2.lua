-- forward-due: moves delayed messages whose time has come onto their queue lists. Atomic, so any
-- number of workers may run it at once and each message is forwarded exactly once (Celery instead
-- keeps ETA messages in worker memory, where a visibility timeout duplicates them).
-- KEYS[1] = the delayed set: ZSET, score = due time (ms), member = "<target list>\n<envelope>"
-- KEYS[2] = the dead-letter list, for a member without a target (never written by Celeriac)
-- ARGV[1] = now (ms)
-- ARGV[2] = the most messages to move in this call
-- KEYS[3], ARGV[3], ARGV[4] (optional) = the forwarding lease key, this worker's name, the lease (ms):
--           one worker forwards for the whole fleet, so the fleet polls the set once however large
--           it is; while another worker holds the lease nothing moves
-- KEYS[3..] without ARGV[3] = declared only: on a Redis Cluster, one queue's delayed set holds only
--           messages for that queue's lists, which are named here so that Redis redirects the call
--           while the slot migrates (the script reads targets from the members, as below)
-- returns   {number moved, next due time in ms or '-1' when the set is empty}, or
--           {-1, ms left on another worker's lease}
-- The target list is read from the member rather than KEYS: a per-member key is what lets one set
-- serve every queue on one Redis.
if ARGV[3] then
  local holder = redis.call('GET', KEYS[3])
  if holder and holder ~= ARGV[3] then
    return {-1, tostring(redis.call('PTTL', KEYS[3]))}
  end
  redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[4])
end
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, member in ipairs(due) do
  local split = string.find(member, '\n', 1, true)
  if split then
    redis.call('LPUSH', string.sub(member, 1, split - 1), string.sub(member, split + 1))
  else
    redis.call('LPUSH', KEYS[2], cjson.encode({reason = 'delayed entry without a target queue', raw = member, at = tonumber(ARGV[1])}))
  end
  redis.call('ZREM', KEYS[1], member)
end
local next_due = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {#due, next_due[2] or '-1'}
