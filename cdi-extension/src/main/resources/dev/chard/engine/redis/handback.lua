-- KEYS: 1 workers, 2 ready, 3 my inflight, 4 wake
-- ARGV: 1 my worker id, 2 msg key prefix, 3 'all' (shutdown: every id, and leave the workers set) or 'some'
--       (only the ids in ARGV[4..] that this worker still holds: orphans whose fetch reply never arrived)
local ids
if ARGV[3] == 'all' then
  ids = redis.call('SMEMBERS', KEYS[3])
else
  ids = {}
  for i = 4, #ARGV do
    if redis.call('SISMEMBER', KEYS[3], ARGV[i]) == 1 then
      ids[#ids + 1] = ARGV[i]
    end
  end
end
local n = 0
for _, id in ipairs(ids) do
  local mk = ARGV[2] .. id
  local score = redis.call('HGET', mk, 'score')
  if score then
    redis.call('HDEL', mk, 'owner')
    redis.call('HINCRBY', mk, 'deliveries', -1) -- handed back without running: not a failed delivery
    redis.call('ZADD', KEYS[2], score, id)
    n = n + 1
  end
  redis.call('SREM', KEYS[3], id)
end
if ARGV[3] == 'all' then
  redis.call('DEL', KEYS[3])
  redis.call('ZREM', KEYS[1], ARGV[1])
end
if n > 0 then
  wake(KEYS[4])
end
return n
