-- release-lease: gives the lease up on a clean stop and tells standbys, so they take over at once.
-- KEYS[1] = the leader HASH
-- ARGV[1] = this beat's token
-- ARGV[2] = the change channel
-- returns   1 released; 0 another beat holds it (nothing changed)
if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', ARGV[2], 'leader-released')
  return 1
end
return 0
