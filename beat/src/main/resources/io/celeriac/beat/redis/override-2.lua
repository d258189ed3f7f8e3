-- override: an operator's enable or disable, which wins over the definition's enabled flag (and
-- survives config syncs). Enabling a disabled entry restarts it from now, so the occurrences it
-- missed while disabled are not sent as a misfire.
-- KEYS[1] = the entry HASH
-- KEYS[2] = the version counter (STRING)
-- ARGV[1] = 'enabled' or 'disabled'
-- ARGV[2] = the first due time (ms) after now, or '' for never; used when enabling a disabled entry
-- ARGV[3] = the change channel
-- ARGV[4] = the entry name
-- returns   1 set; 0 no such entry
local definition = redis.call('HGET', KEYS[1], 'definition')
if not definition then
  return 0
end
local override = redis.call('HGET', KEYS[1], 'override')
local was_enabled
if override then
  was_enabled = override == 'enabled'
else
  was_enabled = cjson.decode(definition).enabled ~= false
end
if ARGV[1] == 'enabled' and not was_enabled then
  if ARGV[2] == '' then
    redis.call('HDEL', KEYS[1], 'next')
  else
    redis.call('HSET', KEYS[1], 'next', ARGV[2])
  end
end
redis.call('HSET', KEYS[1], 'override', ARGV[1])
redis.call('HINCRBY', KEYS[1], 'rev', 1)
redis.call('INCR', KEYS[2])
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1
