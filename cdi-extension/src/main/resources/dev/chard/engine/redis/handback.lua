-- KEYS: 1 workers, 2 ready, 3 my inflight, 4 wake, 5 msgs, 6 deliveries
-- ARGV: 1 my worker id, 2 'all' (shutdown: every id, and leave the workers set) or 'some' (only the ids in ARGV[3..]
--       that this worker still holds: orphans whose fetch reply never arrived)
local ids, entries = {}, {}
if ARGV[2] == 'all' then
  local held = redis.call('HGETALL', KEYS[3])
  for j = 1, #held, 2 do
    ids[#ids + 1] = held[j]
    entries[#entries + 1] = held[j + 1]
  end
else
  for i = 3, #ARGV do
    ids[#ids + 1] = ARGV[i]
  end
  if #ids > 0 then
    entries = redis.call('HMGET', KEYS[3], unpack(ids))
  end
end
-- handed back without running: not a failed delivery, so its count goes back down by one
local n = put_back(KEYS[5], KEYS[2], KEYS[6], ids, entries, 1)
if ARGV[2] == 'all' then
  redis.call('DEL', KEYS[3])
  redis.call('ZREM', KEYS[1], ARGV[1])
elseif #ids > 0 then
  redis.call('HDEL', KEYS[3], unpack(ids))
end
if n > 0 then
  wake(KEYS[4])
end
return n
