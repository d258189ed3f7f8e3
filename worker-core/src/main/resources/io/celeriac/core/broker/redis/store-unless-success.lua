-- store-unless-success: stores a task state other than SUCCESS, unless a SUCCESS is already
-- stored, so a redelivered task never undoes its success. Runs inside the completion transaction
-- (see Outcomes), as EVAL: EVALSHA could fail there with NOSCRIPT after a Redis restart, and a
-- failed command does not roll back the rest of a transaction.
-- KEYS[1] = the result key, also the channel a waiting Python get() listens on
-- ARGV[1] = the result JSON
-- ARGV[2] = its TTL in seconds (0 = none)
-- returns   1 when stored and published, 0 when a SUCCESS was kept
local current = redis.call('GET', KEYS[1])
if current and (string.find(current, '"status":"SUCCESS"', 1, true)
    or string.find(current, '"status": "SUCCESS"', 1, true)) then
  return 0
end
local ttl = tonumber(ARGV[2])
if ttl > 0 then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ttl)
else
  redis.call('SET', KEYS[1], ARGV[1])
end
redis.call('PUBLISH', KEYS[1], ARGV[1])
return 1
