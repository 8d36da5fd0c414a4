-- KEYS: 1 msgs, 2 my inflight, 3 dead
-- ARGV: 1 id, 2 reason, 3 queue, 4 dead-letter cap (entries), 5 largest body kept whole (bytes)
-- A body over the message size limit (only a raw write can put one there) is kept truncated: the dead-letter list
-- is bounded in entries, and this bounds each entry, so the list stays within cap × limit.
local body = redis.call('HGET', KEYS[1], ARGV[1]) or ''
local entry = {id = ARGV[1], queue = ARGV[3], reason = ARGV[2], at = now_ms()}
local keep = tonumber(ARGV[5])
if #body > keep then
  entry.body = string.sub(body, 1, keep)
  entry.truncated = #body
else
  entry.body = body
end
redis.call('LPUSH', KEYS[3], cjson.encode(entry))
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[4]) - 1)
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return 1
