-- Many completions of one worker in one atomic call: STARTED records, and acks with their outcomes, in the order
-- the worker queued them (a task's STARTED always comes before its ack). Redis runs a script alone, so every entry
-- is as atomic as ack.lua and store.lua are on their own.
-- ARGV: a flat list of entries; KEYS: the keys of each entry, in the same order.
--   'S', json, ttl s, channel, state, allowed before, publish   KEYS: result         (store a record)
--   'A', id, json, ttl s, channel, state, allowed before       KEYS: msg, inflight, result (ack with its outcome)
--   'a', id                                                    KEYS: msg, inflight  (ack, no outcome to record)
-- The message deletions and inflight removals are gathered into one DEL and one SREM per inflight set.
local dels = {}
local srems = {}
local k = 1
local i = 1
local function ack(msg, inflight, id)
  dels[#dels + 1] = msg
  local set = srems[inflight]
  if not set then
    set = {}
    srems[inflight] = set
  end
  set[#set + 1] = id
end
while i <= #ARGV do
  local kind = ARGV[i]
  if kind == 'S' then
    store_result(KEYS[k], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5], ARGV[i + 6])
    k = k + 1
    i = i + 7
  elseif kind == 'A' then
    -- the outcome before the ack, as in ack.lua
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
for set, ids in pairs(srems) do
  redis.call('SREM', set, unpack(ids))
end
if #dels > 0 then
  redis.call('DEL', unpack(dels))
end
return 1
