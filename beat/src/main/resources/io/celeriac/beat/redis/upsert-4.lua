-- upsert: writes an entry's definition. Its state (due time, last run, counts) survives unless the
-- schedule itself changed, so a restart or an edit of the arguments neither repeats nor loses a run.
-- KEYS[1] = the entry HASH
-- KEYS[2] = the SET of entry names
-- KEYS[3] = the SET of static entry names (from the config)
-- KEYS[4] = the version counter (STRING)
-- ARGV[1] = the entry name
-- ARGV[2] = the definition (canonical JSON)
-- ARGV[3] = the schedule's text (Schedule.describe)
-- ARGV[4] = the first due time (ms) under this schedule, or '' for never; used when the entry is
--           new or its schedule changed
-- ARGV[5] = 'config' (sync from celeriac.yaml) or 'dynamic' (beat add)
-- ARGV[6] = the change channel
-- returns   1 written; 0 unchanged; -1 refused: 'dynamic' for an entry the config defines
if ARGV[5] == 'dynamic' and redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then
  return -1
end
local current = redis.call('HMGET', KEYS[1], 'definition', 'sched')
local changed = current[1] ~= ARGV[2]
-- an operator's add is their latest word: it clears an earlier enable/disable
if ARGV[5] == 'dynamic' and redis.call('HDEL', KEYS[1], 'override') == 1 then
  changed = true
end
if not changed then
  if ARGV[5] == 'config' then
    redis.call('SADD', KEYS[3], ARGV[1])
  end
  return 0
end
if not current[1] or current[2] ~= ARGV[3] then
  if ARGV[4] == '' then
    redis.call('HDEL', KEYS[1], 'next')
  else
    redis.call('HSET', KEYS[1], 'next', ARGV[4])
  end
end
redis.call('HSET', KEYS[1], 'definition', ARGV[2], 'sched', ARGV[3])
redis.call('HINCRBY', KEYS[1], 'rev', 1)
redis.call('SADD', KEYS[2], ARGV[1])
if ARGV[5] == 'config' then
  redis.call('SADD', KEYS[3], ARGV[1])
end
redis.call('INCR', KEYS[4])
redis.call('PUBLISH', ARGV[6], ARGV[1])
return 1
