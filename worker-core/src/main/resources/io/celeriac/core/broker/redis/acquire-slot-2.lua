-- acquire-slot: one of at most N slots of a fleet-wide concurrency limit (one sync per user, three
-- LLM calls per tenant). Each holder's score is the end of its lease; a running task's worker
-- renews it with its heartbeat, so a killed worker's slot lapses within the lease and is never
-- leaked. Expired holders are dropped before counting.
-- KEYS[1] = the slots: ZSET, holder ("<worker>\n<task id>") -> lease end (epoch ms)
-- KEYS[2] = throttle counts: HASH, limit name -> tasks throttled
-- ARGV[1] = now (epoch ms)
-- ARGV[2] = the most slots (N >= 1)
-- ARGV[3] = the holder
-- ARGV[4] = the lease's end (epoch ms)
-- ARGV[5] = the limit's name (the field of KEYS[2])
-- returns   0: taken (or already held by this holder, its lease renewed); else the earliest
--           lease end of the holders (epoch ms), after which a slot is free at the latest
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[3]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], ARGV[4], ARGV[3])
  local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  -- relative to the caller's now: the lease ends are on the fleet's clock, not the server's
  redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(last[2]) - tonumber(ARGV[1])) + 1000)
  return 0
end
redis.call('HINCRBY', KEYS[2], ARGV[5], 1)
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.ceil(tonumber(first[2]))
