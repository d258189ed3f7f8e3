-- complete: applies a batch of task outcomes atomically, each only while its worker still holds
-- the message ("fenced by possession"). A worker that stalled past its lease had its in-flight
-- messages put back and perhaps run elsewhere: its late outcomes find no in-flight entry and
-- write nothing, so a task's result, retry or next chain step is written once per delivery.
-- KEYS[1] = the dead-letter list, for a write Redis refuses (a key of another type)
-- KEYS[2] = the delayed set: ZSET, score = due time (ms), member = "<target list>\n<envelope>"
-- ARGV    = the units, one after another, each:
--             in-flight list ('' when the delivery already left flight: an early ack), the message
--             as fetched, the number n of its ops, then n ops of four fields: code, a, b, c
--   'S' result key, json, ttl (s)  SET (EX ttl when > 0) and PUBLISH (a waiting Python get()
--                                  wakes only on the PUBLISH); SUCCESS over SUCCESS changes nothing
--   'R' result key, json, ttl (s)  the same, unless a SUCCESS is stored there (a redelivered task
--                                  never undoes its success)
--   'P' result key, json, ttl (s)  the same, unless a ready state (SUCCESS, FAILURE, REVOKED) is
--                                  stored there: a running task's STARTED or progress (update_state)
--                                  never hides how it ended
--   'Z' member, due (ms), header   ZADD to the delayed set
--   'L' list, value, header        LPUSH (enqueue at the back; also dead letters, with header '')
--   'F' list, value, header        RPUSH (put back at the front: popped next)
--   'C' group key, entry, plan     a chord part done (Celery's on_chord_part_return on its Redis
--                                  backend): ZADD the entry to <group key>.j, and when the parts in
--                                  it reach <group key>.s (+ .t), LPUSH a celery.chord_unlock message
--                                  naming every part's task id, in group order, and delete the keys.
--                                  plan = lines: score, ttl (s), unlock list, unlock headers,
--                                  unlock properties, group id, callback signature
--   'B' batch key, tasks key, plan a task of a batch ended for good (see batch_part below).
--                                  plan = lines: task id ('' for the sender's hold), S or F, now (ms),
--                                  the index of batches (ZSET, id -> when its keys expire, ms)
--   'N' counter key, ttl (s), ''  INCR a per-minute task counter (the dashboard's history); the
--                                  first INCR of a minute sets its TTL
--   A push Redis refuses is dead-lettered with its header (the dead letter's JSON metadata line
--   from the worker), the error added to its reason, so nothing a task produced is lost.
-- returns   {{positions of fenced units}, {errors}}
local fenced, errors = {}, {}
local function dead_letter(header, value, err)
  local meta = cjson.decode(header)
  meta.reason = meta.reason .. ': ' .. err
  redis.call('LPUSH', KEYS[1], cjson.encode(meta) .. '\n' .. value)
end
local function push(command, key, value, header)
  local ok = redis.pcall(command, key, value)
  if type(ok) == 'table' and ok.err then
    if header ~= '' then
      dead_letter(header, value, ok.err)
    end
    errors[#errors + 1] = command .. ' ' .. key .. ': ' .. ok.err
  end
end
-- the state of the stored result: the first "status" field, which both Celeriac and Celery write
-- first (Python's json.dumps puts a space after the colon, Celeriac does not)
local function stored_state(key)
  local current = redis.pcall('GET', key)
  if type(current) ~= 'string' then
    return nil
  end
  return string.match(current, '"status"%s*:%s*"(%u+)"')
end
local ready = {SUCCESS = true, FAILURE = true, REVOKED = true}
local function store(key, json, ttl, code)
  if code ~= 'S' then
    local state = stored_state(key)
    if state == 'SUCCESS' or (code == 'P' and ready[state]) then
      return
    end
  end
  if tonumber(ttl) > 0 then
    redis.call('SET', key, json, 'EX', ttl)
  else
    redis.call('SET', key, json)
  end
  redis.call('PUBLISH', key, json)
end
local function split_lines(text)
  local out = {}
  for line in string.gmatch(text, '([^\n]*)\n?') do
    out[#out + 1] = line
  end
  return out
end
local function chord_part(group, entry, plan)
  local p = split_lines(plan)
  local jkey, tkey, skey = group .. '.j', group .. '.t', group .. '.s'
  redis.call('ZADD', jkey, p[1], entry)
  local ready = redis.call('ZCOUNT', jkey, '-inf', '+inf')
  local diff = tonumber(redis.call('GET', tkey) or '0') or 0
  local size = redis.call('GET', skey)
  local ttl = tonumber(p[2])
  if ttl > 0 then
    redis.call('EXPIRE', jkey, ttl)
    redis.call('EXPIRE', tkey, ttl)
    redis.call('EXPIRE', skey, ttl)
  end
  if not size or ready ~= tonumber(size) + diff then
    return
  end
  -- the last part in: name every part (as result tuples [id, null]) to celery.chord_unlock, which
  -- Python and Celeriac workers both run; the results themselves are read from their own keys
  local parts = {}
  for _, done in ipairs(redis.call('ZRANGE', jkey, 0, -1)) do
    local id = string.match(done, '^%[%s*1%s*,%s*"([^"\\]*)"')
    if not id then
      id = cjson.decode(done)[2]
    end
    parts[#parts + 1] = '[' .. cjson.encode(id) .. ', null]'
  end
  local body = '[[' .. cjson.encode(p[6]) .. ', ' .. p[7] .. '], {"result": [' .. table.concat(parts, ', ')
      .. ']}, {"callbacks": null, "errbacks": null, "chain": null, "chord": null}]'
  redis.call('LPUSH', p[3], '{"body": ' .. cjson.encode(body) .. ', "content-encoding": "utf-8", '
      .. '"content-type": "application/json", "headers": ' .. p[4] .. ', "properties": ' .. p[5] .. '}')
  redis.call('DEL', jkey, tkey, skey)
end
-- Batches (flow/batch). The batch hash holds: total, pending, succeeded, failed, hold (1 while its
-- sender is still adding), ttl (s, kept after completion), complete_list/complete_msg and
-- success_list/success_msg (the callback messages, built by the sender; complete_dead and
-- success_dead: their dead-letter headers, should Redis refuse the push), and the once-flags
-- complete_at/success_at (ms). The tasks hash maps each task id to P, S or F.
-- Exactly once: a task counts only on its way out of P (a redelivered task that completes again
-- finds S or F and counts nothing), and a callback is pushed in the same script that sets its
-- once-flag with HSETNX, so no crash can fall between counting, flagging and pushing.
-- A failed task that is requeued from the dead letters and then succeeds moves F to S: on_success
-- still fires when the last failure is undone (Sidekiq's rule), on_complete never again.
local function batch_fire(batch, name, now)
  if redis.call('HSETNX', batch, name .. '_at', now) == 0 then
    return
  end
  local list = redis.call('HGET', batch, name .. '_list')
  if list then
    push('LPUSH', list, redis.call('HGET', batch, name .. '_msg'), redis.call('HGET', batch, name .. '_dead') or '')
  end
end
local function batch_part(batch, tasks, plan)
  local p = split_lines(plan)
  local id, outcome, now, index = p[1], p[2], p[3], p[4]
  if redis.call('EXISTS', batch) == 0 then
    return -- expired (or never opened): nothing left to count or fire
  end
  if id == '' then
    -- the sender's hold: one pending count taken when the batch opened, so that it cannot finish
    -- while its sender is still adding tasks
    if redis.call('HDEL', batch, 'hold') == 0 then
      return
    end
    redis.call('HINCRBY', batch, 'pending', -1)
  else
    local was = redis.call('HGET', tasks, id)
    if not was or was == 'S' or was == outcome then
      return
    end
    redis.call('HSET', tasks, id, outcome)
    if was == 'P' then
      redis.call('HINCRBY', batch, 'pending', -1)
    else
      redis.call('HINCRBY', batch, 'failed', -1)
    end
    redis.call('HINCRBY', batch, outcome == 'S' and 'succeeded' or 'failed', 1)
  end
  if tonumber(redis.call('HGET', batch, 'pending') or '1') > 0 then
    return
  end
  batch_fire(batch, 'complete', now)
  if tonumber(redis.call('HGET', batch, 'failed') or '0') == 0 then
    batch_fire(batch, 'success', now)
  end
  local ttl = tonumber(redis.call('HGET', batch, 'ttl') or '0')
  if ttl > 0 then
    redis.call('EXPIRE', batch, ttl)
    redis.call('EXPIRE', tasks, ttl)
    redis.call('ZADD', index, 'XX', tonumber(now) + ttl * 1000, redis.call('HGET', batch, 'id'))
  end
end
local i, unit = 1, 0
while i <= #ARGV do
  unit = unit + 1
  local inflight, message, n = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
  local held = true
  if inflight ~= '' then
    local removed = redis.pcall('LREM', inflight, -1, message)
    held = type(removed) == 'number' and removed > 0
  end
  if not held then
    fenced[#fenced + 1] = unit
  end
  local op = i + 3
  for _ = 1, n do
    if held then
      local code, a, b, c = ARGV[op], ARGV[op + 1], ARGV[op + 2], ARGV[op + 3]
      if code == 'S' or code == 'R' or code == 'P' then
        store(a, b, c, code)
      elseif code == 'Z' then
        local ok = redis.pcall('ZADD', KEYS[2], b, a)
        if type(ok) == 'table' and ok.err then
          local split = string.find(a, '\n', 1, true)
          dead_letter(c, string.sub(a, split + 1), ok.err)
          errors[#errors + 1] = 'ZADD ' .. KEYS[2] .. ': ' .. ok.err
        end
      elseif code == 'L' then
        push('LPUSH', a, b, c)
      elseif code == 'F' then
        push('RPUSH', a, b, c)
      elseif code == 'C' then
        chord_part(a, b, c)
      elseif code == 'B' then
        batch_part(a, b, c)
      elseif code == 'N' then
        if redis.call('INCR', a) == 1 then
          redis.call('EXPIRE', a, b)
        end
      end
    end
    op = op + 4
  end
  i = op
end
return {fenced, errors}
