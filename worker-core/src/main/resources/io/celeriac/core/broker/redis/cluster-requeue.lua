-- cluster-requeue: puts a dead worker's in-flight messages of one queue back at the front of the
-- lists they came from (recover-worker.lua's loop, for one hash slot: on a Redis Cluster the lease
-- check and the forgetting happen on the fleet's slot, before and after this).
-- KEYS[2i-1] = the worker's in-flight list i
-- KEYS[2i]   = the list it was fetched from
-- returns      the number of messages put back
local moved = 0
for i = 1, #KEYS, 2 do
  -- newest first onto the pop end, so the oldest ends up popped first
  while redis.call('LMOVE', KEYS[i], KEYS[i + 1], 'LEFT', 'RIGHT') do
    moved = moved + 1
  end
end
return moved
