-- fetch: moves up to ARGV[1] messages from the source lists into the worker's in-flight lists in
-- one atomic step, so no message exists only in a client's memory (a crash right after leaves it
-- in flight, where the lease recoverer finds it). A message over the size limit is never handed
-- to the worker (whose heap it could exhaust): it goes straight to the dead-letter list, in the
-- stored form of a dead letter (one line of JSON metadata, a newline, the message unchanged).
-- KEYS[2i-1]  = source list i: a kombu queue list or priority bucket, in the order to serve them
--               (priority-major, then the queues in round-robin order)
-- KEYS[2i]    = the worker's in-flight list for source i
-- KEYS[#KEYS] = the dead-letter list
-- ARGV[1]     = the most messages to move
-- ARGV[2]     = the size limit in bytes (max_message_size)
-- ARGV[2+i]   = the queue name of source i, for the dead letter
-- returns       {source index, message, ...}, oldest first per source; for a message refused for
--               its size, {source index, its size in bytes} (a number where a message would be);
--               an empty list when every source is empty
local want = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local dead = KEYS[#KEYS]
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local out = {}
for i = 1, #KEYS - 1, 2 do
  local index = (i + 1) / 2
  while want > 0 do
    local msgs = redis.call('RPOP', KEYS[i], want)
    if not msgs then break end
    local taken = {}
    for _, m in ipairs(msgs) do
      if #m > limit then
        local reason = 'message is ' .. #m .. ' bytes, over the limit of ' .. limit .. ' (max_message_size)'
        redis.call('LPUSH', dead, cjson.encode({reason = reason, queue = ARGV[2 + index], at = now_ms()}) .. '\n' .. m)
        out[#out + 1] = tostring(index)
        out[#out + 1] = #m
      else
        taken[#taken + 1] = m
        out[#out + 1] = tostring(index)
        out[#out + 1] = m
      end
    end
    if #taken > 0 then
      redis.call('LPUSH', KEYS[i + 1], unpack(taken))
    end
    want = want - #taken
    if #msgs < want + #taken then break end
  end
  if want <= 0 then break end
end
return out
