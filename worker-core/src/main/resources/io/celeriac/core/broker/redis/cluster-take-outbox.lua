-- cluster-take-outbox: takes up to ARGV[1] entries from a worker's outbox on one slot, oldest first,
-- into its relaying list on the same slot, and returns them. An entry is the writes a completion
-- owes other slots (see ClusterCompletion); the relay writes them there and then removes the entry
-- from the relaying list. Moving rather than reading keeps two relays of one outbox (a worker and
-- the recoverer that took it for dead) from taking the same entry; a relay that dies leaves its
-- entries in the relaying list, where the recoverer finds them: written at least once, never lost.
-- KEYS[1] = the outbox (LIST, entries pushed on the left)
-- KEYS[2] = the relaying list
-- ARGV[1] = the most entries to take
-- returns   the entries taken, oldest first
local taken = {}
for _ = 1, tonumber(ARGV[1]) do
  local entry = redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT')
  if not entry then break end
  taken[#taken + 1] = entry
end
return taken
