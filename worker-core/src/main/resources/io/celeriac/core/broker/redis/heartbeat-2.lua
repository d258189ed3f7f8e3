-- heartbeat: renews a worker's lease and, when asked, refreshes its record; with the forwarding
-- lease's key, renews that lease when this worker holds it and says who does, so standbys learn
-- it is free from their own beats instead of polling it (the fleet's cost stays one holder's).
-- KEYS[1] = the workers set: ZSET, member = worker name, score = last heartbeat (ms)
-- KEYS[2] = the worker's HASH
-- KEYS[3] (optional) = the forwarding lease: STRING, the holder's name, with a TTL
-- ARGV[1] = the worker name
-- ARGV[2] = now (ms)
-- ARGV[3] = '1' to write the fields below; '0' when they have not changed since the last beat
--           (they are written anyway when the worker was not in the set)
-- ARGV[4] = the forwarding lease (ms), renewed for that long when this worker holds it
-- ARGV[5..] = field, value pairs for the HASH
-- returns   {existed, forwarding}: existed is 1 when the worker was in the set, 0 when it was not
--           (first beat, or taken for dead: its in-flight messages were put back and its record
--           deleted); forwarding is 1 when this worker holds the forwarding lease (renewed), 0 when
--           another does, -1 when nobody does, -2 without KEYS[3]
-- The set and the record are written and deleted together (here, recover-worker.lua), so the
-- ZADD's answer says whether the record was there without reading it.
local added = redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
if (added == 1 or ARGV[3] == '1') and #ARGV > 4 then
  redis.call('HSET', KEYS[2], unpack(ARGV, 5))
end
local forwarding = -2
if KEYS[3] then
  local holder = redis.call('GET', KEYS[3])
  if holder == ARGV[1] then
    redis.call('PEXPIRE', KEYS[3], ARGV[4])
    forwarding = 1
  elseif holder then
    forwarding = 0
  else
    forwarding = -1
  end
end
return {1 - added, forwarding}
