-- release-forwarder: a worker leaving cleanly gives up the forwarding lease, so a standby takes
-- over at its next look instead of after the lease runs out. Only the holder's name releases it.
-- KEYS[1] = the forwarding lease (STRING: the holder's name, with a TTL)
-- ARGV[1] = the leaving worker's name
-- returns   1 when it held the lease, else 0
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
