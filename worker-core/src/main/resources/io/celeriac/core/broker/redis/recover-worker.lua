-- recover-worker: puts a dead worker's in-flight messages back at the front of their queues and
-- forgets the worker. Re-checks the heartbeat inside the script, so a worker that beat again
-- after the caller looked is left alone.
-- KEYS[1]      = the workers set: ZSET, member = worker name, score = last heartbeat (ms)
-- KEYS[2]      = the worker's HASH
-- KEYS[2i+1]   = the worker's in-flight list i
-- KEYS[2i+2]   = the source list it was fetched from
-- ARGV[1]      = the worker name
-- ARGV[2]      = heartbeats at or before this time (ms) are dead
-- returns        the number of messages put back, or -1 when the worker is alive
local beat = redis.call('ZSCORE', KEYS[1], ARGV[1])
if beat and tonumber(beat) > tonumber(ARGV[2]) then
  return -1
end
local moved = 0
for i = 3, #KEYS, 2 do
  -- newest first onto the pop end, so the oldest ends up popped first
  while redis.call('LMOVE', KEYS[i], KEYS[i + 1], 'LEFT', 'RIGHT') do
    moved = moved + 1
  end
end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[2])
return moved
