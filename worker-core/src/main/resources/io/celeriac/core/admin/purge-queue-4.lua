-- purge-queue: empties one queue's four lists in one step (kombu's purge), counting exactly what
-- it removed. UNLINK hands the memory to a background thread, so a queue of millions of messages
-- costs the server microseconds, not a DEL that walks every element.
-- KEYS[1..4] = the queue's lists: the queue itself, then its buckets 3, 6 and 9 (LIST or absent;
--              the caller checked their type)
-- returns      messages removed
local ready = 0
for i = 1, 4 do
  if redis.call('TYPE', KEYS[i]).ok == 'list' then
    ready = ready + redis.call('LLEN', KEYS[i])
    redis.call('UNLINK', KEYS[i])
  end
end
return ready
