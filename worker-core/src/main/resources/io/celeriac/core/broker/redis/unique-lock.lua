-- unique-lock: the one script behind unique tasks. A lock is a HASH {id = holder's task id,
-- until = end of the lock (ms), member = for debounce, the message waiting in the delayed set}.
-- It is live while until > now, where now is the caller's time (the fleet's clock follows Redis's
-- TIME; tests drive it), and it also carries a Redis TTL (PEXPIRE) of the same length: whatever
-- happens to a sender or a worker (kill -9 included), no lock outlives its TTL.
--
-- ARGV[1] = the operation: 'send', 'hold' or 'release'
--
-- send (a Java sender): enqueue unless a duplicate, in one atomic step
--   KEYS[1] = the lock; KEYS[2] = the queue's list; KEYS[3] = the delayed set
--   ARGV[2] = task id; ARGV[3] = TTL (ms); ARGV[4] = mode ('debounce' or 'lock'); ARGV[5] = the
--   envelope; ARGV[6] = due time (ms; '0': now); ARGV[7] = the delayed-set member (target list,
--   a newline, the envelope) when due; ARGV[8] = now (ms)
--   returns {1, task id, id replaced or ''} when enqueued; {0, holder's id} for a duplicate.
--   debounce keeps the last: a send while the lock holds takes the previous message out of the
--   delayed set (if still there) and schedules itself instead, so only the last one runs.
--
-- hold (a worker, as the task is about to run): take the lock, or say who has it
--   KEYS[1] = the lock; ARGV[2] = task id; ARGV[3] = TTL (ms); ARGV[4] = now (ms)
--   returns the holder's id: ARGV[2] when this task holds it now (taken, or held since its send)
--
-- release (a worker, when the mode says the lock ends): only the holder's own lock goes
--   KEYS[1] = the lock; ARGV[2] = task id
--   returns 1 when released, 0 when another task holds it or it is gone
local op = ARGV[1]

local function live_holder(key, now)
  local held = redis.call('HMGET', key, 'id', 'until')
  if held[1] and tonumber(held[2]) and tonumber(held[2]) > now then
    return held[1]
  end
  return nil
end

local function take(key, id, ttl, now, member)
  redis.call('DEL', key)
  redis.call('HSET', key, 'id', id, 'until', tostring(now + ttl))
  if member then redis.call('HSET', key, 'member', member) end
  redis.call('PEXPIRE', key, ttl)
end

if op == 'send' then
  local id, ttl, mode, envelope, due, now = ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[8])
  local holder = live_holder(KEYS[1], now)
  local replaced = ''
  if holder and mode ~= 'debounce' then
    return {0, holder}
  end
  if holder then
    local member = redis.call('HGET', KEYS[1], 'member')
    if member and redis.call('ZREM', KEYS[3], member) == 1 then
      replaced = holder
    end
  end
  local member = nil
  if due > 0 then
    redis.call('ZADD', KEYS[3], due, ARGV[7])
    if mode == 'debounce' then member = ARGV[7] end
  else
    redis.call('LPUSH', KEYS[2], envelope)
  end
  take(KEYS[1], id, ttl, now, member)
  return {1, id, replaced}
elseif op == 'hold' then
  local now = tonumber(ARGV[4])
  local holder = live_holder(KEYS[1], now)
  if holder then return holder end
  take(KEYS[1], ARGV[2], tonumber(ARGV[3]), now, nil)
  return ARGV[2]
elseif op == 'release' then
  if redis.call('HGET', KEYS[1], 'id') == ARGV[2] then
    redis.call('DEL', KEYS[1])
    return 1
  end
  return 0
end
return redis.error_reply('unique-lock: unknown operation ' .. tostring(op))
