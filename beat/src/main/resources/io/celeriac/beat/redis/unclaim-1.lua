-- unclaim: gives back an occurrence claimed by claim-2.lua whose message could not be sent, so the
-- next pass (of this leader or another) claims and sends it again. Only while the entry is exactly
-- as the claim left it: a change or a later claim since then wins, and nothing is touched.
-- KEYS[1] = the entry HASH
-- ARGV[1] = the entry revision the claim named
-- ARGV[2] = the due time the claim wrote (ms), or '' when it wrote none (never fires again)
-- ARGV[3] = the task id the claim wrote
-- ARGV[4] = the occurrence's due time (ms): next again
-- ARGV[5] = last_run before the claim (ms), or ''
-- ARGV[6] = last_task_id before the claim, or ''
-- returns   1 given back; 0 the entry moved on since the claim
local state = redis.call('HMGET', KEYS[1], 'rev', 'next', 'last_task_id')
if state[1] ~= ARGV[1] or (state[2] or '') ~= ARGV[2] or state[3] ~= ARGV[3] then
  return 0
end
redis.call('HSET', KEYS[1], 'next', ARGV[4])
redis.call('HINCRBY', KEYS[1], 'runs', -1)
if ARGV[5] == '' then
  redis.call('HDEL', KEYS[1], 'last_run')
else
  redis.call('HSET', KEYS[1], 'last_run', ARGV[5])
end
if ARGV[6] == '' then
  redis.call('HDEL', KEYS[1], 'last_task_id')
else
  redis.call('HSET', KEYS[1], 'last_task_id', ARGV[6])
end
return 1
