-- watch: arms client tracking on the calling connection for every list a worker consumes, and
-- says whether any holds a message. LLEN is a read: Redis then remembers that this connection
-- read the key, and the next write to it by anyone (a Python client's LPUSH included) sends one
-- invalidation to the connection the tracking redirects to. Read-only: moves nothing.
-- KEYS = the source lists
-- returns  the number of messages waiting in all of them
local waiting = 0
for i = 1, #KEYS do
  waiting = waiting + redis.call('LLEN', KEYS[i])
end
return waiting
