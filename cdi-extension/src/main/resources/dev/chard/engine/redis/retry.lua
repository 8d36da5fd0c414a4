-- KEYS: 1 msgs, 2 my inflight, 3 delayed, 4 wake, [5 result]
-- ARGV: 1 id, 2 new body (retries + 1, new eta), 3 delay ms, [4 result json, 5 ttl s, 6 channel, 7 state, 8 allowed before]
-- Returns 1, or 0 when the message is gone (another worker finished it after this one was declared dead)
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  redis.call('HDEL', KEYS[2], ARGV[1])
  return 0
end
local now = now_ms()
if KEYS[5] then
  store_result(KEYS[5], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], '0')
end
-- a retry is a new run, not a crash: it leaves with no delivery count (the next fetch counts from 0)
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[3], int(now + math.max(0, tonumber(ARGV[3]))), ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
-- an idle worker may be blocked for a whole poll interval: let it recompute its wait from the new due time
wake(KEYS[4])
return 1
