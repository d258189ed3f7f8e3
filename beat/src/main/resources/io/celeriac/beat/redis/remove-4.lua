-- remove: deletes an entry and its state.
-- KEYS[1] = the entry HASH
-- KEYS[2] = the SET of entry names
-- KEYS[3] = the SET of static entry names (from the config)
-- KEYS[4] = the version counter (STRING)
-- ARGV[1] = the entry name
-- ARGV[2] = 'config' (sync: the entry left celeriac.yaml) or 'dynamic' (beat remove)
-- ARGV[3] = the change channel
-- returns   1 removed; 0 no such entry; -1 refused: 'dynamic' for an entry the config defines
if ARGV[2] == 'dynamic' and redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then
  return -1
end
local listed = redis.call('SREM', KEYS[2], ARGV[1])
redis.call('SREM', KEYS[3], ARGV[1])
local deleted = redis.call('DEL', KEYS[1])
if listed == 0 and deleted == 0 then
  return 0
end
redis.call('INCR', KEYS[4])
redis.call('PUBLISH', ARGV[3], ARGV[1])
return 1
