-- queue-heads: each queue list's length and what can be known of the message that has waited
-- longest in it, in one round trip and without copying messages out of Redis. Reads only.
-- KEYS[i] = a queue list (kombu LPUSHes and workers pop the other end: index -1 is the oldest)
-- ARGV[1] = the largest message decoded, in bytes: a larger one is only fingerprinted, so one
--           hostile giant at the head of a queue cannot make every scrape parse megabytes
-- returns   4 values per key, in order:
--           length (0 when the key is missing or is not a list),
--           sent: Celeriac's celeriac_sent header (epoch ms, as text) or '',
--           eta: the message's eta header (Celery's ISO-8601 text, cut to 64 characters) or '',
--           fingerprint: '<bytes>:<sha1 of the last 256 bytes>' (a message's delivery tag is near its
--           end), or '' for an empty list: the same head seen again means nobody took it meanwhile
local out = {}
local limit = tonumber(ARGV[1])
for _, key in ipairs(KEYS) do
  local length, sent, eta, print = 0, '', '', ''
  if redis.call('TYPE', key)['ok'] == 'list' then
    length = redis.call('LLEN', key)
    local head = redis.call('LINDEX', key, -1)
    if head then
      print = string.format('%d', #head) .. ':' .. redis.sha1hex(string.sub(head, -256))
      if #head <= limit then
        local ok, message = pcall(cjson.decode, head)
        if ok and type(message) == 'table' and type(message['headers']) == 'table' then
          local headers = message['headers']
          if type(headers['celeriac_sent']) == 'number' and headers['celeriac_sent'] > 0 then
            sent = string.format('%d', headers['celeriac_sent'])
          end
          if type(headers['eta']) == 'string' then
            eta = string.sub(headers['eta'], 1, 64)
          end
        end
      end
    end
  end
  out[#out + 1] = length
  out[#out + 1] = sent
  out[#out + 1] = eta
  out[#out + 1] = print
end
return out
