-- drop-dead: deletes chosen dead letters in one atomic step.
-- KEYS[1] = the dead-letter list (JSON entries, newest first)
-- ARGV    = the entries to delete, each exactly as stored
-- returns   how many were deleted (fewer than asked when someone else removed some first)
local dropped = 0
for i = 1, #ARGV do
  dropped = dropped + redis.call('LREM', KEYS[1], 1, ARGV[i])
end
return dropped
