-- fetch: moves up to ARGV[1] messages from the source lists into the worker's in-flight lists in
-- one atomic step, so no message exists only in a client's memory (a crash right after leaves it
-- in flight, where the lease recoverer finds it).
-- KEYS[2i-1] = source list i: a kombu queue list or priority bucket, in the order to serve them
--              (priority-major, then the queues in round-robin order)
-- KEYS[2i]   = the worker's in-flight list for source i
-- ARGV[1]    = the most messages to move
-- returns      {source index, message, source index, message, ...}, oldest first per source;
--              an empty list when every source is empty
local want = tonumber(ARGV[1])
local out = {}
for i = 1, #KEYS, 2 do
  if want <= 0 then break end
  local msgs = redis.call('RPOP', KEYS[i], want)
  if msgs then
    redis.call('LPUSH', KEYS[i + 1], unpack(msgs))
    local index = tostring((i + 1) / 2)
    for _, m in ipairs(msgs) do
      out[#out + 1] = index
      out[#out + 1] = m
    end
    want = want - #msgs
  end
end
return out
