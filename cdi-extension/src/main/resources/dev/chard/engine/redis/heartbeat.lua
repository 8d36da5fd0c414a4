-- KEYS: 1 workers, 2 ready, 3 wake
-- ARGV: 1 my worker id, 2 heartbeat timeout ms, 3 inflight key prefix, 4 msg key prefix, 5 '1' on my first beat
-- Returns {reclaimed ids, dead workers removed, 1 if I had been declared dead}
local now = now_ms()
local mine = redis.call('ZSCORE', KEYS[1], ARGV[1])
local declared_dead = 0
if not mine and ARGV[5] ~= '1' then
  declared_dead = 1
end
redis.call('ZADD', KEYS[1], int(now), ARGV[1])

local reclaimed = 0
local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', int(now - tonumber(ARGV[2])))
for _, w in ipairs(dead) do
  local set = ARGV[3] .. w
  for _, id in ipairs(redis.call('SMEMBERS', set)) do
    local mk = ARGV[4] .. id
    local score = redis.call('HGET', mk, 'score')
    if score then
      -- back at its original position: it was taken before anything now waiting, so it runs next
      redis.call('HDEL', mk, 'owner')
      redis.call('ZADD', KEYS[2], score, id)
      reclaimed = reclaimed + 1
    end
  end
  redis.call('DEL', set)
  redis.call('ZREM', KEYS[1], w)
end
if reclaimed > 0 then
  wake(KEYS[3])
end
return {reclaimed, #dead, declared_dead}
