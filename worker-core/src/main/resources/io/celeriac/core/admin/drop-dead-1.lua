-- drop-dead: removes one batch of chosen dead letters; safe to run twice (a resend after a
-- timeout finds the entries gone and counts them so).
-- KEYS[1] = the dead-letter list (newest first)
-- ARGV[1] = the tombstone: a value no dead letter can have (entries start with '{')
-- ARGV[2k], ARGV[2k+1] = an entry's index when read (negative: counted from the oldest end,
--           which new dead letters never shift) and the entry exactly as stored
-- returns   {dropped, gone}: gone = already removed by someone else
-- Cost: LINDEX/LSET walk from the nearer end, and the final LREM scans from the oldest end only
-- until it has found this batch's tombstones, so a batch costs milliseconds however long the list.
local dropped, marked, gone = 0, 0, 0
for i = 2, #ARGV, 2 do
  local index = tonumber(ARGV[i])
  if redis.call('LINDEX', KEYS[1], index) == ARGV[i + 1] then
    redis.call('LSET', KEYS[1], index, ARGV[1])
    marked = marked + 1
    dropped = dropped + 1
  elseif redis.call('LREM', KEYS[1], -1, ARGV[i + 1]) == 1 then
    -- the list moved under us (a trim, another admin): removed by value instead
    dropped = dropped + 1
  else
    gone = gone + 1
  end
end
if marked > 0 then
  redis.call('LREM', KEYS[1], -marked, ARGV[1])
end
return {dropped, gone}
