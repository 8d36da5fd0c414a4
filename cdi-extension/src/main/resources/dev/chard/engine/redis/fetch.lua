-- KEYS: 1 ready, 2 delayed, 3 dead, 4 wake, 5 workers
-- ARGV: 1 msg key prefix, 2 my inflight key, 3 my worker id, 4 max deliveries, 5 dead-letter cap, 6 queue name,
--       7 how many tasks to take at most (the worker's free task threads)
-- Returns a flat list of 4-tuples {'task', id, body, deliveries} (taken) and {'dead', id, body, deliveries}
-- (dead-lettered here), then {'none', ms until the next delayed task is due or -1} when fewer than asked were taken.
local now = now_ms()

-- 1. promote due delayed tasks, in due order, keeping their due time as their FIFO position
local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'WITHSCORES', 'LIMIT', 0, 100)
for i = 1, #due, 2 do
  local id = due[i]
  local mk = ARGV[1] .. id
  redis.call('ZREM', KEYS[2], id)
  local prio = redis.call('HGET', mk, 'prio')
  if prio then
    -- its due time is its place: it goes ahead of tasks that became ready after it was due (tasks due in the same
    -- millisecond keep no order among themselves)
    local score = ready_score(tonumber(prio), tonumber(due[i + 1]))
    redis.call('HSET', mk, 'score', score)
    redis.call('ZADD', KEYS[1], score, id)
  end
end
if #due > 2 then
  wake(KEYS[4]) -- more than one became due: let another idle worker help
end

-- 2. take up to ARGV[7] ready tasks; skip ids whose message is gone (acked by a worker declared dead too early).
-- One ZPOPMIN with a count per round and one SADD for all taken ids: per task only the message hash is touched.
local out = {}
local taken = {}
local want = tonumber(ARGV[7])
local nxt_due = nil
while #taken < want do
  local asked = want - #taken
  local popped = redis.call('ZPOPMIN', KEYS[1], asked)
  for j = 1, #popped, 2 do
    local id = popped[j]
    local mk = ARGV[1] .. id
    local body = redis.call('HGET', mk, 'body')
    if body then
      local n = redis.call('HINCRBY', mk, 'deliveries', 1)
      if n > tonumber(ARGV[4]) then
        -- delivered max times and never acked: it keeps killing its workers (DESIGN.md §3, poison messages)
        redis.call('LPUSH', KEYS[3], cjson.encode({id = id, queue = ARGV[6], at = now, body = body,
          reason = 'CHARD-05002: delivered ' .. (n - 1) .. ' times without finishing (its workers died or were killed)'}))
        redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[5]) - 1)
        redis.call('DEL', mk)
        out[#out + 1] = 'dead'
        out[#out + 1] = id
        out[#out + 1] = body
        out[#out + 1] = n - 1
      else
        if #taken == 0 then
          -- an owner must be in the workers set, or nobody would reclaim its work should it die before its first beat
          redis.call('ZADD', KEYS[5], 'NX', int(now), ARGV[3])
        end
        redis.call('HSET', mk, 'owner', ARGV[3])
        taken[#taken + 1] = id
        out[#out + 1] = 'task'
        out[#out + 1] = id
        out[#out + 1] = body
        out[#out + 1] = n
      end
    end
  end
  if #popped < 2 * asked then
    -- fewer than asked: the ready set is empty now (a second ZPOPMIN would find nothing); say when to look again
    local nxt = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    nxt_due = #nxt == 0 and -1 or math.max(0, tonumber(nxt[2]) - now)
    break
  end
end
if #taken > 0 then
  redis.call('SADD', ARGV[2], unpack(taken))
end
if nxt_due ~= nil then
  out[#out + 1] = 'none'
  out[#out + 1] = nxt_due
end
return out
