-- claim: the leader takes one occurrence of an entry before sending its message. The
-- compare-and-advance of the entry's due time is what sends each occurrence once however many
-- beats run; the owner check stops a leader that lost its lease (paused, partitioned) at once.
-- KEYS[1] = the entry HASH
-- KEYS[2] = the leader HASH
-- ARGV[1] = this beat's token
-- ARGV[2] = the entry revision the caller read (field rev)
-- ARGV[3] = the due time the caller read (ms, field next)
-- ARGV[4] = the new due time (ms), or '' when the schedule never fires again
-- ARGV[5] = now (ms): the pass's time, from Redis's clock (lease-1.lua) in production
-- ARGV[6] = the id of the task about to be sent, or '' when this occurrence is skipped (misfire)
-- returns   1 claimed (send now, unless skipped); 0 stale: the entry changed or another beat
--           claimed it; -1 this beat is not the leader
if redis.call('HGET', KEYS[2], 'owner') ~= ARGV[1] then
  return -1
end
local state = redis.call('HMGET', KEYS[1], 'rev', 'next')
if state[1] ~= ARGV[2] or state[2] ~= ARGV[3] then
  return 0
end
-- never early, whatever the caller decided
if tonumber(ARGV[3]) > tonumber(ARGV[5]) then
  return 0
end
if ARGV[4] == '' then
  redis.call('HDEL', KEYS[1], 'next')
else
  redis.call('HSET', KEYS[1], 'next', ARGV[4])
end
if ARGV[6] == '' then
  redis.call('HINCRBY', KEYS[1], 'skipped', 1)
else
  redis.call('HSET', KEYS[1], 'last_run', ARGV[5], 'last_task_id', ARGV[6])
  redis.call('HINCRBY', KEYS[1], 'runs', 1)
end
return 1
