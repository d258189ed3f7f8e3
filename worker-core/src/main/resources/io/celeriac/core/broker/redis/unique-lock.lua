-- unique-lock: the one script behind unique tasks. A lock is a STRING under the key's name whose
-- value is the holder's task id ("<task id>", or for debounce "<task id>\n<delayed member>"), and
-- it is always written with a TTL (PX): whatever happens to a sender or a worker (kill -9
-- included), no lock outlives its TTL. Nothing here reads a clock but Redis's own TTLs.
--
-- ARGV[1] = the operation: 'send', 'hold' or 'release'
--
-- send (a Java sender): enqueue unless a duplicate, in one atomic step
--   KEYS[1] = the lock; KEYS[2] = the queue's list; KEYS[3] = the delayed set
--   ARGV[2] = task id; ARGV[3] = TTL (ms); ARGV[4] = mode ('debounce' or any other);
--   ARGV[5] = the envelope; ARGV[6] = due time (ms; '0': now); ARGV[7] = the delayed-set member
--   (target list, a newline, the envelope) when due
--   returns {1, task id, id replaced or ''} when enqueued; {0, holder's id} for a duplicate.
--   debounce keeps the last: a send while the lock holds takes the previous message out of the
--   delayed set (if still there) and schedules itself instead, so only the last one runs.
--
-- hold (a worker, as the task is about to run): take the lock, or say who has it
--   KEYS[1] = the lock; ARGV[2] = task id; ARGV[3] = TTL (ms)
--   returns the holder's id: ARGV[2] when this task holds it now (taken, or held since its send)
--
-- release (a worker, when the mode says the lock ends): only the holder's own lock goes
--   KEYS[1] = the lock; ARGV[2] = task id
--   returns 1 when released, 0 when another task holds it or it is gone
local op = ARGV[1]
local function holder_of(value)
  if not value then return nil end
  local split = string.find(value, '\n', 1, true)
  if split then return string.sub(value, 1, split - 1) end
  return value
end

if op == 'send' then
  local id, ttl, mode, envelope, due = ARGV[2], ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6])
  local current = redis.call('GET', KEYS[1])
  local replaced = ''
  if current then
    if mode ~= 'debounce' then
      return {0, holder_of(current)}
    end
    local split = string.find(current, '\n', 1, true)
    if split and redis.call('ZREM', KEYS[3], string.sub(current, split + 1)) == 1 then
      replaced = string.sub(current, 1, split - 1)
    end
  end
  if due > 0 then
    redis.call('ZADD', KEYS[3], due, ARGV[7])
  else
    redis.call('LPUSH', KEYS[2], envelope)
  end
  local value = id
  if mode == 'debounce' and due > 0 then value = id .. '\n' .. ARGV[7] end
  redis.call('SET', KEYS[1], value, 'PX', ttl)
  return {1, id, replaced}
elseif op == 'hold' then
  local current = redis.call('GET', KEYS[1])
  if current then return holder_of(current) end
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return ARGV[2]
elseif op == 'release' then
  if holder_of(redis.call('GET', KEYS[1])) == ARGV[2] then
    redis.call('DEL', KEYS[1])
    return 1
  end
  return 0
end
return redis.error_reply('unique-lock: unknown operation ' .. tostring(op))
