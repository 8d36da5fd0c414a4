-- Queues one or more messages of one queue in one atomic step. A queued task needs no result record: while its body
-- is in msgs it reads PENDING (lookup.lua), so nothing is written for a fresh id.
-- KEYS: 1 ready, 2 delayed, 3 wake, 4 msgs, 5 deliveries, 6 queues, then the result key of each re-send whose task
--       keeps results, in task order
-- ARGV: 1 queue name, then five per task: id, body, priority, delay ms (<= 0: ready now), kind: 'f' a fresh id
--       (generated for this send: nothing of it can exist yet), 'r' a re-send of a caller's own id whose task keeps
--       results, 'n' a re-send whose task keeps none
-- Returns the number of tasks queued.
local now = now_ms()
-- priority -> the score this call last gave a ready task of it: the newest of its band, so the next task of that
-- priority needs no lookup to go after it (nothing else writes between the commands of one script)
local newest = {}
-- fresh tasks are written with one HSET and one ZADD per set for the whole call; a re-send is written at once, since
-- it may have to leave the other set first
local bodies, ready, delayed = {}, {}, {}
local n = 0
local results = 6
for i = 2, #ARGV, 5 do
  n = n + 1
  local id, body, prio, delay, kind = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3]), ARGV[i + 4]
  local score = nil
  if delay <= 0 then
    score = newest[prio] and int(math.max(tonumber(ready_score(prio, now)), newest[prio] + 1))
      or fifo_ready_score(KEYS[1], prio, now, id)
    newest[prio] = tonumber(score)
  end
  if kind == 'f' then
    bodies[#bodies + 1] = id
    bodies[#bodies + 1] = body
    if score then
      ready[#ready + 1] = score
      ready[#ready + 1] = id
    else
      delayed[#delayed + 1] = int(now + delay)
      delayed[#delayed + 1] = id
    end
  else
    if kind == 'r' then
      -- PENDING may follow every state (TaskState): the old record goes, and the id reads PENDING while queued
      results = results + 1
      redis.call('DEL', KEYS[results])
    end
    -- a new message in place of any earlier one of that id: its body, its set, and no delivery count
    redis.call('HSET', KEYS[4], id, body)
    redis.call('HDEL', KEYS[5], id)
    if score then
      redis.call('ZREM', KEYS[2], id)
      redis.call('ZADD', KEYS[1], score, id)
    else
      redis.call('ZREM', KEYS[1], id)
      redis.call('ZADD', KEYS[2], int(now + delay), id)
    end
  end
end
if #bodies > 0 then
  redis.call('HSET', KEYS[4], unpack(bodies))
end
if #ready > 0 then
  redis.call('ZADD', KEYS[1], unpack(ready))
end
if #delayed > 0 then
  redis.call('ZADD', KEYS[2], unpack(delayed))
end
-- the queues a lookup searches for a task with no record yet
redis.call('SADD', KEYS[6], ARGV[1])
-- one token per task (an idle worker each), delayed ones too: a blocked worker recomputes its wait from the new due time
wake(KEYS[3], n)
return n
