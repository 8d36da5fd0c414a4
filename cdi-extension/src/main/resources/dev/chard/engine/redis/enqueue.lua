-- Queues one or more messages of one queue, each with its PENDING record, in one atomic step.
-- KEYS: 1 ready, 2 delayed, 3 wake, then two per task: its msg key and its result key (touched only with a record)
-- ARGV: 1 the states PENDING may follow (StateTransitions), then seven per task: id, body, priority, delay ms
--       (<= 0: ready now), fresh ('1': an id generated for this send, so no key of it can exist yet), PENDING record
--       json ('' when results are off for it), its ttl s
-- Returns the number of tasks queued.
local now = now_ms()
-- priority -> the score this call last gave a fresh ready task of it: the newest of its band, so the next fresh task
-- of that priority needs no lookup to go after it (nothing else writes between the commands of one script)
local newest = {}
local n = 0
for i = 2, #ARGV, 7 do
  local mk, rk = KEYS[4 + 2 * n], KEYS[5 + 2 * n]
  n = n + 1
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
  if not fresh then
    redis.call('DEL', mk)
  end
  -- no 'deliveries' field: HINCRBY in fetch.lua counts from a missing field as from 0
  if delay > 0 then
    redis.call('HSET', mk, 'body', body, 'prio', prio, 'score', ready_score(prio, now + delay))
    if not fresh then
      redis.call('ZREM', KEYS[1], id)
    end
    redis.call('ZADD', KEYS[2], int(now + delay), id)
  else
    local score
    if fresh and newest[prio] then
      score = int(math.max(tonumber(ready_score(prio, now)), newest[prio] + 1))
    else
      score = fifo_ready_score(KEYS[1], prio, now, id)
    end
    newest[prio] = fresh and tonumber(score) or nil
    redis.call('HSET', mk, 'body', body, 'prio', prio, 'score', score)
    if not fresh then
      redis.call('ZREM', KEYS[2], id)
    end
    redis.call('ZADD', KEYS[1], score, id)
  end
end
-- one token per task (an idle worker each), delayed ones too: a blocked worker recomputes its wait from the new due time
wake(KEYS[3], n)
return n
