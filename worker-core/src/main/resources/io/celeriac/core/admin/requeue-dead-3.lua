-- requeue-dead: moves one dead letter back onto its queue in one atomic step, so two operators
-- requeuing at once never publish it twice, and a crash never loses it.
-- KEYS[1] = the dead-letter list (JSON entries, newest first)
-- KEYS[2] = the queue list (or priority bucket) to put the message on
-- KEYS[3] = the queue's kombu binding SET, declared so Python tooling sees the queue
-- ARGV[1] = the dead-letter entry exactly as stored
-- ARGV[2] = the message to publish (the entry's raw envelope)
-- ARGV[3] = the binding member for the queue
-- returns   1 when requeued, 0 when the entry was gone (requeued or dropped by someone else)
if redis.call('LREM', KEYS[1], 1, ARGV[1]) == 0 then
  return 0
end
redis.call('LPUSH', KEYS[2], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[3])
return 1
