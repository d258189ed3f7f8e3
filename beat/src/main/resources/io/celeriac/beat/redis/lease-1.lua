-- lease: takes the leader lease when it is free or expired, or extends it for its owner.
-- KEYS[1] = the leader HASH: owner (token), expires (ms)
-- ARGV[1] = this beat's token
-- ARGV[2] = now (ms)
-- ARGV[3] = the new expiry (ms): now + lease timeout
-- returns   {1 when this beat holds the lease after the call else 0, owner, owner's expiry in ms}
-- Expiry is compared with the caller's clock, not a Redis TTL, so tests drive it with a manual
-- clock. Clock skew between replicas can only move the moment of takeover: it never lets two beats
-- send one occurrence, because claim-2.lua checks the owner and compares-and-advances the due time.
local owner = redis.call('HGET', KEYS[1], 'owner')
local expires = tonumber(redis.call('HGET', KEYS[1], 'expires') or '0')
if owner == ARGV[1] or not owner or expires < tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'expires', ARGV[3])
  return {1, ARGV[1], ARGV[3]}
end
return {0, owner, redis.call('HGET', KEYS[1], 'expires')}
