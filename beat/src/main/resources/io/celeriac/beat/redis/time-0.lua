-- time: Redis's clock, the one every beat replica and CLI call reads instead of its host's.
-- returns   now (ms), as text
local t = redis.call('TIME')
return string.format('%d', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
