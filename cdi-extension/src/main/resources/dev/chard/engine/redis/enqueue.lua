-- KEYS: 1 msg, 2 ready, 3 delayed, 4 wake, [5 result]
-- ARGV: 1 id, 2 body, 3 priority, 4 delay ms (<= 0: ready now), [5 result json, 6 ttl s, 7 channel, 8 state, 9 allowed before]
local now = now_ms()
local id = ARGV[1]
local prio = tonumber(ARGV[3])
local delay = tonumber(ARGV[4])
if KEYS[5] then
  store_result(KEYS[5], ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9], '0')
end
redis.call('DEL', KEYS[1])
if delay > 0 then
  redis.call('HSET', KEYS[1], 'body', ARGV[2], 'prio', prio, 'score', ready_score(prio, now + delay), 'deliveries', 0)
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZADD', KEYS[3], int(now + delay), id)
  -- an idle worker may be blocked for a whole poll interval: let it recompute its wait from the new due time
  wake(KEYS[4])
else
  local score = fifo_ready_score(KEYS[2], prio, now, id)
  redis.call('HSET', KEYS[1], 'body', ARGV[2], 'prio', prio, 'score', score, 'deliveries', 0)
  redis.call('ZREM', KEYS[3], id)
  redis.call('ZADD', KEYS[2], score, id)
  wake(KEYS[4])
end
return 1
