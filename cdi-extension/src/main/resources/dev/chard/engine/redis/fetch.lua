-- KEYS: 1 ready, 2 delayed, 3 dead, 4 wake, 5 workers, 6 msgs, 7 deliveries, 8 my inflight
-- ARGV: 1 my worker id, 2 max deliveries, 3 dead-letter cap, 4 queue name, 5 how many tasks to take at most
-- Returns a flat list of 4-tuples {'task', id, body, deliveries} (taken) and {'dead', id, body, deliveries}
-- (dead-lettered here), then {'none', ms until the next delayed task is due or -1} when fewer than asked were taken.
local now = now_ms()

-- 1. promote due delayed tasks, in due order, keeping their due time as their FIFO position
local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'WITHSCORES', 'LIMIT', 0, 100)
if #due > 0 then
  local ids = {}
  for i = 1, #due, 2 do
    ids[#ids + 1] = due[i]
  end
  redis.call('ZREM', KEYS[2], unpack(ids))
  local bodies = redis.call('HMGET', KEYS[6], unpack(ids))
  local adds = {}
  for j = 1, #ids do
    if bodies[j] then -- else its message is gone (acked by a worker declared dead too early)
      -- its due time is its place: it goes ahead of tasks that became ready after it was due (tasks due in the same
      -- millisecond keep no order among themselves)
      adds[#adds + 1] = ready_score(priority_of(bodies[j]), tonumber(due[2 * j]))
      adds[#adds + 1] = ids[j]
    end
  end
  if #adds > 0 then
    redis.call('ZADD', KEYS[1], unpack(adds))
  end
  if #ids > 1 then
    wake(KEYS[4]) -- more than one became due: let another idle worker help
  end
end

-- 2. take up to ARGV[5] ready tasks; skip ids whose message is gone (acked by a worker declared dead too early).
-- Per round one ZPOPMIN, one HMGET of the bodies and one of the earlier delivery counts (kept only for tasks put back
-- after a delivery), and one HSET into the inflight hash for all taken ids: "<deliveries>,<ready score>", what a
-- reclaim or hand-back needs to put the task back where it was.
local out = {}
local held = {}
local taken = 0
local want = tonumber(ARGV[5])
local nxt_due = nil
while taken < want do
  local asked = want - taken
  local popped = redis.call('ZPOPMIN', KEYS[1], asked)
  if #popped > 0 then
    local ids = {}
    for j = 1, #popped, 2 do
      ids[#ids + 1] = popped[j]
    end
    local bodies = redis.call('HMGET', KEYS[6], unpack(ids))
    local before = redis.call('HMGET', KEYS[7], unpack(ids))
    local counted, dead = {}, {}
    for j, id in ipairs(ids) do
      local body = bodies[j]
      if body then
        local n = 1
        if before[j] then
          n = tonumber(before[j]) + 1
          counted[#counted + 1] = id -- the count moves into the inflight entry
        end
        if n > tonumber(ARGV[2]) then
          -- delivered max times and never acked: it keeps killing its workers (DESIGN.md §3, poison messages)
          redis.call('LPUSH', KEYS[3], cjson.encode({id = id, queue = ARGV[4], at = now, body = body,
            reason = 'CHARD-05002: delivered ' .. (n - 1) .. ' times without finishing (its workers died or were killed)'}))
          redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[3]) - 1)
          dead[#dead + 1] = id
          out[#out + 1] = 'dead'
          out[#out + 1] = id
          out[#out + 1] = body
          out[#out + 1] = n - 1
        else
          taken = taken + 1
          held[#held + 1] = id
          held[#held + 1] = n .. ',' .. popped[2 * j]
          out[#out + 1] = 'task'
          out[#out + 1] = id
          out[#out + 1] = body
          out[#out + 1] = n
        end
      end
    end
    if #counted > 0 then
      redis.call('HDEL', KEYS[7], unpack(counted))
    end
    if #dead > 0 then
      redis.call('HDEL', KEYS[6], unpack(dead))
    end
  end
  if #popped < 2 * asked then
    -- fewer than asked: the ready set is empty now (a second ZPOPMIN would find nothing); say when to look again
    local nxt = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    nxt_due = #nxt == 0 and -1 or math.max(0, tonumber(nxt[2]) - now)
    break
  end
end
if taken > 0 then
  -- an owner must be in the workers set, or nobody would reclaim its work should it die before its first beat
  redis.call('ZADD', KEYS[5], 'NX', int(now), ARGV[1])
  redis.call('HSET', KEYS[8], unpack(held))
end
if nxt_due ~= nil then
  out[#out + 1] = 'none'
  out[#out + 1] = nxt_due
end
return out
