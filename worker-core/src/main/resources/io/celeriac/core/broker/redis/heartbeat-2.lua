-- heartbeat: renews a worker's lease and refreshes its record.
-- KEYS[1] = the workers set: ZSET, member = worker name, score = last heartbeat (ms)
-- KEYS[2] = the worker's HASH
-- ARGV[1] = the worker name
-- ARGV[2] = now (ms)
-- ARGV[3..] = field, value pairs for the HASH
-- returns   1 when the record was still there, 0 when it was gone: the worker was taken for dead
--           and its in-flight messages were put back (or this is the first beat)
local existed = redis.call('EXISTS', KEYS[2])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
if #ARGV > 2 then
  redis.call('HSET', KEYS[2], unpack(ARGV, 3))
end
return existed
