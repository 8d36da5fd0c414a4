-- KEYS: 1 dead, 2 ready, 3 wake, 4 msgs, 5 deliveries
-- ARGV: per dead letter: entry (exact list element), id, body, priority
-- Returns the ids put back. An entry no longer in the list (requeued by someone else) is skipped.
local now = now_ms()
local out = {}
for i = 1, #ARGV, 4 do
  local id, body, prio = ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3])
  if redis.call('LREM', KEYS[1], 1, ARGV[i]) == 1 then
    local score = fifo_ready_score(KEYS[2], prio, now, id)
    redis.call('HSET', KEYS[4], id, body)
    -- a fresh start: the deliveries that made it a dead letter are forgotten
    redis.call('HDEL', KEYS[5], id)
    redis.call('ZADD', KEYS[2], score, id)
    out[#out + 1] = id
  end
end
if #out > 0 then
  wake(KEYS[3])
end
return out
