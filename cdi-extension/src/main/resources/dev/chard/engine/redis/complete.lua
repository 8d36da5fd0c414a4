-- Many completions of one worker in one atomic call: STARTED records, and acks with their outcomes, in the order
-- the worker queued them (a task's STARTED always comes before its ack). Redis runs a script alone, so every entry
-- is as atomic as a single store or ack would be on its own.
-- ARGV: a flat list of entries; KEYS: the keys of each entry, in the same order.
--   'S', json, ttl s, channel, state, allowed before, publish   KEYS: result               (store a record)
--   'A', id, json, ttl s, channel, state, allowed before       KEYS: msgs, inflight, result (ack with its outcome)
--   'a', id                                                    KEYS: msgs, inflight         (ack, no outcome to record)
-- The acks' removals are gathered into one HDEL per msgs hash and one per inflight hash.
local removals = {} -- key -> ids to HDEL from it
local keys_in_order = {}
local k = 1
local i = 1
local function remove(key, id)
  local ids = removals[key]
  if not ids then
    ids = {}
    removals[key] = ids
    keys_in_order[#keys_in_order + 1] = key
  end
  ids[#ids + 1] = id
end
local function ack(msgs, inflight, id)
  remove(msgs, id)
  remove(inflight, id)
end
while i <= #ARGV do
  local kind = ARGV[i]
  if kind == 'S' then
    store_result(KEYS[k], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5], ARGV[i + 6])
    k = k + 1
    i = i + 7
  elseif kind == 'A' then
    -- the outcome before the ack: its record is written even if the message was gone already (a late duplicate),
    -- and the transition table keeps the first final state
    store_result(KEYS[k + 2], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5], ARGV[i + 6], '1')
    ack(KEYS[k], KEYS[k + 1], ARGV[i + 1])
    k = k + 3
    i = i + 7
  elseif kind == 'a' then
    ack(KEYS[k], KEYS[k + 1], ARGV[i + 1])
    k = k + 2
    i = i + 2
  else
    return redis.error_reply('complete.lua: unknown entry kind ' .. tostring(kind))
  end
end
for _, key in ipairs(keys_in_order) do
  redis.call('HDEL', key, unpack(removals[key]))
end
return 1
