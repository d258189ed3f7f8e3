-- cluster-forwarding-lease: takes or renews the fleet's forwarding lease for ARGV[1], unless another
-- worker holds it (forward-due-2.lua's first step; on a Redis Cluster the delayed sets are per queue,
-- on other slots, and forwarded one by one after this).
-- KEYS[1] = the forwarding lease: STRING, the holder's name, with a TTL
-- ARGV[1] = this worker's name
-- ARGV[2] = the lease (ms)
-- returns   -1 when this worker holds it now, else the ms left on the other holder's lease
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then
  return redis.call('PTTL', KEYS[1])
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return -1
