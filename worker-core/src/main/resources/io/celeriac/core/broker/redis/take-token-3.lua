-- take-token: one fleet-wide rate limit as a GCRA (generic cell rate algorithm). The bucket is one
-- number, the theoretical arrival time (TAT) of the next token: a token may be taken at `now` when
-- TAT - (burst - 1) * interval <= now, and taking it moves TAT on by one interval. Every worker of
-- the fleet runs this against the same bucket, so four workers at 10/m make 10/m, not 40/m.
--
-- A task over the limit is not turned away to try again (a thousand waiting tasks would each
-- come back at the next token and all but one go round again): the next free token is reserved
-- for it, by task id, and it waits in the delayed set until that token's time. Reservations are
-- handed out in the order tasks arrive, so throttled tasks keep their place in line. Coming back
-- within the grace of its slot, the task runs on its reservation without taking another token; a
-- reservation unused past the grace (the task was revoked, or came back late behind a long queue)
-- lapses, and a late task takes a token like any other.
--
-- KEYS[1] = the bucket: STRING, TAT (epoch ms, fractional), expiring once it no longer limits
-- KEYS[2] = the bucket's reservations: ZSET, task id -> reserved slot (epoch ms)
-- KEYS[3] = throttle counts: HASH, limit name -> tasks throttled
-- ARGV[1] = now (epoch ms)
-- ARGV[2] = the interval between tokens (ms, may be fractional)
-- ARGV[3] = burst: tokens that may be taken at once (>= 1)
-- ARGV[4] = the task id
-- ARGV[5] = grace (ms) past its slot during which a reservation is honoured
-- ARGV[6] = the limit's name (the field of KEYS[3])
-- returns   {1, 0}: run now; {0, slot}: wait in the delayed set until `slot` (epoch ms)
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local tolerance = interval * (tonumber(ARGV[3]) - 1)
local grace = tonumber(ARGV[5])

local reserved = redis.call('ZSCORE', KEYS[2], ARGV[4])
if reserved then
  redis.call('ZREM', KEYS[2], ARGV[4])
  reserved = tonumber(reserved)
  -- a slot on the fleet's clock: a message forwarded a hair early still counts as on time
  if now >= reserved - interval and now <= reserved + grace then
    return {1, 0}
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. string.format('%.3f', now - grace))

local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then
  tat = now
end
local allowed_at = tat - tolerance
local next_tat = tat + interval
redis.call('SET', KEYS[1], string.format('%.3f', next_tat), 'PX', math.ceil(next_tat - now) + 1000)
if allowed_at <= now then
  return {1, 0}
end
redis.call('ZADD', KEYS[2], string.format('%.3f', allowed_at), ARGV[4])
redis.call('PEXPIRE', KEYS[2], math.ceil(allowed_at - now + grace) + 1000)
redis.call('HINCRBY', KEYS[3], ARGV[6], 1)
return {0, math.ceil(allowed_at)}
