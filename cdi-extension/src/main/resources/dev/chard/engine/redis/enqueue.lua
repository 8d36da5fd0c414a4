-- Queues one or more messages of one queue, each with its PENDING record, in one atomic step.
-- KEYS: 1 ready, 2 delayed, 3 wake, 4 msgs, 5 deliveries, then per task its result key (touched only with a record)
-- ARGV: 1 the states PENDING may follow (StateTransitions), then seven per task: id, body, priority, delay ms
--       (<= 0: ready now), fresh ('1': an id generated for this send, so nothing of it can exist yet), PENDING record
--       json ('' when results are off for it), its ttl s
-- Returns the number of tasks queued.
local now = now_ms()
-- priority -> the score this call last gave a fresh ready task of it: the newest of its band, so the next fresh task
-- of that priority needs no lookup to go after it (nothing else writes between the commands of one script)
local newest = {}
-- fresh tasks are written with one HSET and one ZADD per set for the whole call; a re-send is written at once, since
-- it may have to leave the other set first
local bodies, ready, delayed = {}, {}, {}
local n = 0
for i = 2, #ARGV, 7 do
  n = n + 1
  local rk = KEYS[5 + n]
  local id, body, prio, delay = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3])
  local fresh = ARGV[i + 4] == '1'
  local record = ARGV[i + 5]
  if record ~= '' then
    if fresh then
      redis.call('SET', rk, record, 'EX', ARGV[i + 6])
    else
      -- a re-send of a caller's own id: its old record decides whether PENDING may replace it (docs/reliability.md)
      store_result(rk, record, ARGV[i + 6], '', 'PENDING', ARGV[1], '0')
    end
  end
  if fresh then
    bodies[#bodies + 1] = id
    bodies[#bodies + 1] = body
    if delay > 0 then
      delayed[#delayed + 1] = int(now + delay)
      delayed[#delayed + 1] = id
    else
      local score = newest[prio] and int(math.max(tonumber(ready_score(prio, now)), newest[prio] + 1))
        or fifo_ready_score(KEYS[1], prio, now, id)
      newest[prio] = tonumber(score)
      ready[#ready + 1] = score
      ready[#ready + 1] = id
    end
  else
    -- a new message in place of any earlier one of that id: its body, its set, and no delivery count
    redis.call('HSET', KEYS[4], id, body)
    redis.call('HDEL', KEYS[5], id)
    if delay > 0 then
      redis.call('ZREM', KEYS[1], id)
      redis.call('ZADD', KEYS[2], int(now + delay), id)
    else
      redis.call('ZREM', KEYS[2], id)
      local score = fifo_ready_score(KEYS[1], prio, now, id)
      -- a fresh task of this band queued earlier in this call is not in the set yet: go after it too
      if newest[prio] then
        score = int(math.max(tonumber(score), newest[prio] + 1))
      end
      newest[prio] = tonumber(score)
      redis.call('ZADD', KEYS[1], score, id)
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
-- one token per task (an idle worker each), delayed ones too: a blocked worker recomputes its wait from the new due time
wake(KEYS[3], n)
return n
