-- KEYS: 1 msg, 2 my inflight, 3 delayed, 4 wake, [5 result]
-- ARGV: 1 id, 2 new body (retries + 1, new eta), 3 delay ms, [4 result json, 5 ttl s, 6 channel, 7 state, 8 allowed before]
-- Returns 1, or 0 when the message is gone (another worker finished it after this one was declared dead)
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('SREM', KEYS[2], ARGV[1])
  return 0
end
local now = now_ms()
if KEYS[5] then
  store_result(KEYS[5], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], '0')
end
local prio = tonumber(redis.call('HGET', KEYS[1], 'prio') or '4')
local due = now + math.max(0, tonumber(ARGV[3]))
-- a retry is a new run, not a crash: its delivery count starts again
redis.call('HSET', KEYS[1], 'body', ARGV[2], 'deliveries', 0, 'score', ready_score(prio, due))
redis.call('HDEL', KEYS[1], 'owner')
redis.call('ZADD', KEYS[3], int(due), ARGV[1])
redis.call('SREM', KEYS[2], ARGV[1])
-- an idle worker may be blocked for a whole poll interval: let it recompute its wait from the new due time
wake(KEYS[4])
return 1
