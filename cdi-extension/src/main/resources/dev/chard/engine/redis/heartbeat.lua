-- KEYS: 1 workers, 2 ready, 3 wake, 4 msgs, 5 deliveries
-- ARGV: 1 my worker id, 2 heartbeat timeout ms, 3 inflight key prefix, 4 '1' on my first beat
-- Returns {reclaimed ids, dead workers removed, 1 if I had been declared dead}
local now = now_ms()
local mine = redis.call('ZSCORE', KEYS[1], ARGV[1])
local declared_dead = 0
if not mine and ARGV[4] ~= '1' then
  declared_dead = 1
end
redis.call('ZADD', KEYS[1], int(now), ARGV[1])

local reclaimed = 0
local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', int(now - tonumber(ARGV[2])))
for _, w in ipairs(dead) do
  local set = ARGV[3] .. w
  local held = redis.call('HGETALL', set)
  local ids, entries = {}, {}
  for j = 1, #held, 2 do
    ids[#ids + 1] = held[j]
    entries[#entries + 1] = held[j + 1]
  end
  -- back at their original positions: they were taken before anything now waiting, so they run next; their delivery
  -- counts go with them (a delivery that died with its worker counts towards max-deliveries)
  reclaimed = reclaimed + put_back(KEYS[4], KEYS[2], KEYS[5], ids, entries, 0)
  redis.call('DEL', set)
  redis.call('ZREM', KEYS[1], w)
end
if reclaimed > 0 then
  wake(KEYS[3])
end
return {reclaimed, #dead, declared_dead}
