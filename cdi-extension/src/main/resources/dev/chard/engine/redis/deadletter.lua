-- KEYS: 1 msg, 2 my inflight, 3 dead
-- ARGV: 1 id, 2 reason, 3 queue, 4 dead-letter cap, 5 body as delivered
local body = redis.call('HGET', KEYS[1], 'body') or ARGV[5]
redis.call('LPUSH', KEYS[3], cjson.encode({id = ARGV[1], queue = ARGV[3], reason = ARGV[2], body = body, at = now_ms()}))
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[4]) - 1)
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
return 1
