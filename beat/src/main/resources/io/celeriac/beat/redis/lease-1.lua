-- lease: takes the leader lease when it is free or expired, or extends it for its owner; and tells
-- the caller what time it is.
-- KEYS[1] = the leader HASH: owner (token), expires (ms), renewed (ms: the leader's last loop pass,
--           read by celeriac exporter as the beat's last tick)
-- ARGV[1] = this beat's token
-- ARGV[2] = now (ms), or '' to use Redis's own clock (production: one clock for every replica)
-- ARGV[3] = the lease timeout (ms)
-- returns   {1 when this beat holds the lease after the call else 0, owner, owner's expiry (ms), now (ms)}
-- Both the expiry written and the expiry judged are on the same clock (Redis TIME), so a replica
-- whose host clock is off neither takes a healthy leader's lease nor waits past a dead one's.
-- Tests pass their manual clock's time instead. The owner check and the compare-and-advance in
-- claim-2.lua are what keep an occurrence from being sent twice, whatever the clocks say.
local now
if ARGV[2] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
else
  now = tonumber(ARGV[2])
end
local owner = redis.call('HGET', KEYS[1], 'owner')
local expires = tonumber(redis.call('HGET', KEYS[1], 'expires') or '0')
if owner == ARGV[1] or not owner or expires < now then
  local until_ms = now + tonumber(ARGV[3])
  redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'expires', string.format('%d', until_ms), 'renewed', string.format('%d', now))
  return {1, ARGV[1], string.format('%d', until_ms), string.format('%d', now)}
end
return {0, owner, string.format('%d', expires), string.format('%d', now)}
