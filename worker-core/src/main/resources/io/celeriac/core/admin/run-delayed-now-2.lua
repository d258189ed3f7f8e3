-- run-delayed-now: takes one delayed message out of the delayed set and puts it at the front of
-- its queue list (popped next), with its ETA cleared so the worker runs it instead of deferring it
-- again. Safe to run twice: a resend finds the member gone and pushes nothing.
-- KEYS[1] = the delayed set (member = "<target list>\n<envelope>")
-- KEYS[2] = the target list named in the member
-- ARGV[1] = the member exactly as stored
-- ARGV[2] = the envelope to push (the stored one with headers.eta null)
-- returns   1 when moved, 0 when the member was no longer there
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then
  return 0
end
redis.call('RPUSH', KEYS[2], ARGV[2])
return 1
