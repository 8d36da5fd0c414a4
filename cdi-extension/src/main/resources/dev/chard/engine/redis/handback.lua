-- KEYS: 1 workers, 2 ready, 3 my inflight, 4 wake
-- ARGV: 1 my worker id, 2 msg key prefix
local n = 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  local mk = ARGV[2] .. id
  local score = redis.call('HGET', mk, 'score')
  if score then
    redis.call('HDEL', mk, 'owner')
    redis.call('HINCRBY', mk, 'deliveries', -1) -- handed back by a clean stop: not a failed delivery
    redis.call('ZADD', KEYS[2], score, id)
    n = n + 1
  end
end
redis.call('DEL', KEYS[3])
redis.call('ZREM', KEYS[1], ARGV[1])
if n > 0 then
  wake(KEYS[4])
end
return n
