-- requeue-dead: moves one batch of dead letters back onto their queues. Per entry the message is
-- pushed and the entry removed inside one script, after every target was checked, so nothing can
-- fail between the two: an entry is never lost, and a resend after a timeout finds the entries
-- gone (tombstoned) and publishes nothing twice.
-- KEYS[1]    = the dead-letter list (newest first)
-- KEYS[2..n] = the target queue lists (LIST) and their kombu binding sets (SET)
-- ARGV[1]    = the tombstone: a value no dead letter can have
-- ARGV[2]    = how many of KEYS[2..n] are lists (they come first; the binding sets follow)
-- ARGV[3+5k .. 7+5k] = per entry: index when read (negative, from the oldest end), the entry as
--              stored, its target list's KEYS index, the message bytes, its binding's KEYS index
--              and member joined as "<keys index>\n<member>"
-- returns      {requeued, 0, moved} or {-1, key}: key is not of the type it must be (nothing
--              written); moved = entries not at their index (gone, or shifted by others' removals)
local lists = tonumber(ARGV[2])
for k = 2, #KEYS do
  local t = redis.call('TYPE', KEYS[k]).ok
  local want = (k <= lists + 1) and 'list' or 'set'
  if t ~= 'none' and t ~= want then
    return {-1, KEYS[k]}
  end
end
local requeued, marked, moved = 0, 0, 0
for i = 3, #ARGV, 5 do
  local index = tonumber(ARGV[i])
  local entry = ARGV[i + 1]
  if redis.call('LINDEX', KEYS[1], index) == entry then
    redis.call('LPUSH', KEYS[tonumber(ARGV[i + 2])], ARGV[i + 3])
    local split = string.find(ARGV[i + 4], '\n', 1, true)
    redis.call('SADD', KEYS[tonumber(string.sub(ARGV[i + 4], 1, split - 1))], string.sub(ARGV[i + 4], split + 1))
    -- targets are never the dead-letter list (the caller refuses such queue names), so the push
    -- did not move the entry
    redis.call('LSET', KEYS[1], index, ARGV[1])
    marked = marked + 1
    requeued = requeued + 1
  else
    -- requeued or dropped by someone else, or shifted by their removals: the caller walks the
    -- list again with fresh indexes rather than search by value (a whole-list scan) in here
    moved = moved + 1
  end
end
if marked > 0 then
  redis.call('LREM', KEYS[1], -marked, ARGV[1])
end
return {requeued, 0, moved}
