-- complete: applies a batch of worker outcomes in one atomic step, so an ack never lands without
-- its result or its retry message (and the reverse).
-- KEYS[k]  = every key the ops name: in-flight lists, result keys, the delayed set, queue and
--            dead-letter lists
-- ARGV     = groups of four: op, key index k, a, b
--   'A' ack:    LREM KEYS[k] -1 a   (a = the message exactly as fetched; scanned from the tail,
--               where the oldest in-flight messages are)
--   'R' result: SET KEYS[k] a with a TTL of b seconds (0 = none) and PUBLISH a on the channel of
--               the same name (a waiting Python get() wakes only on the PUBLISH); skipped when the
--               stored status is already SUCCESS, so a redelivered task never undoes its success
--   'S' success: the same without that check (SUCCESS over SUCCESS changes nothing, and skipping
--               the GET saves Redis a tenth of its time per task)
--   'D' delay:  ZADD KEYS[k] a b    (a = due time in ms, b = "<target list>\n<envelope>")
--   'L' lpush:  LPUSH KEYS[k] a     (enqueue at the back)
--   'P' rpush:  RPUSH KEYS[k] a     (put back at the front: popped next)
--   'T' trim:   LTRIM KEYS[k] 0 a-1 (cap a list at a entries)
-- returns    the number of ops applied
local function store_result(key, value, ttl_text)
  local ttl = tonumber(ttl_text)
  if ttl > 0 then
    redis.call('SET', key, value, 'EX', ttl)
  else
    redis.call('SET', key, value)
  end
  redis.call('PUBLISH', key, value)
end

local applied = 0
for i = 1, #ARGV, 4 do
  local op, key, a, b = ARGV[i], KEYS[tonumber(ARGV[i + 1])], ARGV[i + 2], ARGV[i + 3]
  if op == 'A' then
    redis.call('LREM', key, -1, a)
  elseif op == 'R' then
    local current = redis.call('GET', key)
    local done = current and (string.find(current, '"status":"SUCCESS"', 1, true)
        or string.find(current, '"status": "SUCCESS"', 1, true))
    if not done then
      store_result(key, a, b)
    end
  elseif op == 'S' then
    store_result(key, a, b)
  elseif op == 'D' then
    redis.call('ZADD', key, a, b)
  elseif op == 'L' then
    redis.call('LPUSH', key, a)
  elseif op == 'P' then
    redis.call('RPUSH', key, a)
  elseif op == 'T' then
    redis.call('LTRIM', key, 0, tonumber(a) - 1)
  else
    return redis.error_reply('complete: unknown op ' .. tostring(op))
  end
  applied = applied + 1
end
return applied
