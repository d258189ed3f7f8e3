-- purge-queue: empties one queue in one atomic step, so nothing published meanwhile is half
-- counted: kombu's purge (DEL of the queue list and its three priority buckets), optionally with
-- the delayed messages waiting to be forwarded onto them.
-- KEYS[1..4] = the queue's lists: the queue itself, then its buckets 3, 6 and 9
-- KEYS[5]    = the delayed set: ZSET, score = due time (ms), member = "<target list>\n<envelope>"
-- ARGV[1]    = '1' to remove the delayed messages bound for KEYS[1..4] too, '0' to leave them
-- returns      {messages removed from the lists, delayed messages removed}
-- The delayed set is read whole in chunks: an admin command may block Redis briefly on a very
-- large set, which is the price of not losing count of messages moved in between.
local ready = 0
for i = 1, 4 do
  ready = ready + redis.call('LLEN', KEYS[i])
  redis.call('DEL', KEYS[i])
end
local delayed = 0
if ARGV[1] == '1' then
  local doomed = {}
  local start = 0
  while true do
    local chunk = redis.call('ZRANGE', KEYS[5], start, start + 999)
    for _, member in ipairs(chunk) do
      for i = 1, 4 do
        local head = KEYS[i] .. '\n'
        if string.sub(member, 1, #head) == head then
          doomed[#doomed + 1] = member
          break
        end
      end
    end
    if #chunk < 1000 then break end
    start = start + 1000
  end
  for i = 1, #doomed, 500 do
    delayed = delayed + redis.call('ZREM', KEYS[5], unpack(doomed, i, math.min(i + 499, #doomed)))
  end
end
return {ready, delayed}
