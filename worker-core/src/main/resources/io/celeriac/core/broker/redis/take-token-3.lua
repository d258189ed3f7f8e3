-- take-token: one fleet-wide rate limit as a GCRA (generic cell rate algorithm). Every worker of
-- the fleet runs this against the same bucket, so four workers at 10/m make 10/m, not 40/m.
--
-- The bucket holds two times. `next` is the schedule: the theoretical arrival time (TAT) of the
-- next free token; a token may be taken at `now` when next - (burst - 1) * interval <= now, and
-- taking it moves `next` on by one interval. `start` is the same GCRA over the tasks that really
-- started: whatever the delays on the way, starts are never closer than 0.9 of an interval (and
-- the bucket's burst), so no burst goes above the bucket's size, while tasks held up on the way
-- (a slow forwarder, a pause) catch up at most 10% above the rate; without that slack, time lost
-- on the way could never be made up and the fleet would run below its limit.
--
-- A task over the limit is not turned away to try again (a thousand waiting tasks would each come
-- back at the next token and all but one go round again): the next free token is reserved for it,
-- by task id, and it waits in the delayed set until that token's time. Reservations are handed out
-- in the order tasks arrive, so throttled tasks keep their place in line. Back within the grace of
-- its slot, a task runs on its reservation without taking another token, unless another task
-- started less than an interval ago (late arrivals coming back together): then it waits that
-- little longer, keeping its reservation. A reservation unused past the grace (the task was
-- revoked or lost) lapses, and a task that comes back after that takes a token like any other.
--
-- A wait no longer than the pace (ARGV[7]) is not made in the delayed set: the start is booked
-- for the task and the caller pauses until it, holding its runner. A round trip through the
-- delayed set is late by the forwarder's and the fetch's delays; were those waits made there,
-- each late start would push every later one back and the fleet would fall behind the rate. At
-- most about pace / interval runners of the fleet pause on one bucket at a time.
--
-- KEYS[1] = the bucket: STRING "<next> <start> <flag>" (epoch ms, fractional; flag 1 while
--           reservations may exist, cleared by the first call that finds none left), expiring once it no longer limits. One GET and one SET: a
--           limit that never bites costs two commands, the reservations are read only when flagged.
-- KEYS[2] = the bucket's reservations: ZSET, task id -> reserved slot (epoch ms)
-- KEYS[3] = throttle counts: HASH, limit name -> tasks throttled
-- ARGV[1] = now (epoch ms)
-- ARGV[2] = the interval between tokens (ms, may be fractional)
-- ARGV[3] = burst: tokens that may be taken at once (>= 1)
-- ARGV[4] = the task id
-- ARGV[5] = grace (ms) past its slot during which a reservation is honoured
-- ARGV[6] = the limit's name (the field of KEYS[3])
-- ARGV[7] = pace (ms): the longest wait the caller makes in place
-- ARGV[8] = want (optional, default 1): the most tokens to take now. A caller asks for more than
--           one only at rates over one token per ms, and uses the extra within a millisecond or
--           drops them (TokenAllowances), so they are taken as if by that many calls at `now`;
--           only tokens free at `now` under both GCRAs are given, and none while reservations
--           exist (the limit bites: tasks waiting in line must not be overtaken).
-- returns   {1, 0, n}: run now, and n - 1 more tokens taken for the caller (n >= 1);
--           {2, at}: run at `at` (epoch ms; pause until then);
--           {0, slot}: wait in the delayed set until `slot` (epoch ms)
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
-- times come in whole milliseconds: a rate above one token per ms lets a millisecond's tokens go at once
local tolerance = math.max(interval * (tonumber(ARGV[3]) - 1), 1 - interval)
local start_tolerance = tolerance + interval * 0.1
local grace = tonumber(ARGV[5])
local pace = tonumber(ARGV[7])
local want = tonumber(ARGV[8] or '1')
local stored_next, stored_start, flagged = 0, 0, false
local state = redis.call('GET', KEYS[1])
if state then
  local a, b, c = string.match(state, '^(%S+) (%S+) (%S+)$')
  stored_next, stored_start, flagged = tonumber(a), tonumber(b), c == '1'
end
local next_tat = math.max(stored_next, now)
local start_tat = math.max(stored_start, now)

local function keep(nxt, started)
  redis.call('SET', KEYS[1], string.format('%.3f %.3f %d', nxt, started, flagged and 1 or 0),
    'PX', math.ceil(math.max(nxt, started) - now) + 1000)
end

local function wait(slot)
  redis.call('ZADD', KEYS[2], string.format('%.3f', slot), ARGV[4])
  local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
  redis.call('PEXPIRE', KEYS[2], math.ceil(tonumber(last[2]) - now + grace) + 1000)
  return {0, math.ceil(slot)}
end

local reserved = flagged and redis.call('ZSCORE', KEYS[2], ARGV[4])
if reserved then
  reserved = tonumber(reserved)
  -- a slot on the fleet's clock: a message forwarded a hair early still counts as on time
  if now >= reserved - interval and now <= reserved + grace then
    local spaced = start_tat - start_tolerance
    if spaced > now and spaced - now > pace then
      return wait(spaced)
    end
    redis.call('ZREM', KEYS[2], ARGV[4])
    keep(next_tat, math.max(start_tat, spaced) + interval)
    if spaced > now then
      return {2, math.ceil(spaced)}
    end
    return {1, 0, 1}
  end
  redis.call('ZREM', KEYS[2], ARGV[4])
end
if flagged then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. string.format('%.3f', now - grace))
  -- the last reservation used or lapsed: the bucket is back to its cheap path (and tokens ahead)
  flagged = redis.call('ZCARD', KEYS[2]) > 0
end

local slot = math.max(next_tat - tolerance, start_tat - start_tolerance)
if slot <= now then
  local n = 1
  if want > 1 and not flagged then
    -- every token k (0-based) must be free at now: next_tat + k * interval - tolerance <= now
    -- (now - tat) first: epoch ms near 1.7e12 keep only about 1e-4 ms of a sum's fraction
    local free = math.floor(((now - next_tat) + tolerance) / interval) + 1
    local started = math.floor(((now - start_tat) + tolerance) / interval) + 1
    n = math.max(1, math.min(want, free, started))
  end
  keep(next_tat + n * interval, start_tat + n * interval)
  return {1, 0, n}
end
if slot - now <= pace then
  keep(math.max(next_tat, slot) + interval, math.max(start_tat, slot) + interval)
  return {2, math.ceil(slot)}
end
flagged = true
keep(math.max(next_tat, slot) + interval, start_tat)
redis.call('HINCRBY', KEYS[3], ARGV[6], 1)
return wait(slot)
