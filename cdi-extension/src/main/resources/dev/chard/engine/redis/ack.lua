-- KEYS: 1 msg, 2 my inflight, [3 result]
-- ARGV: 1 id, [2 result json, 3 ttl s, 4 channel, 5 state, 6 allowed before]
if KEYS[3] then
  store_result(KEYS[3], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], '1')
end
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('DEL', KEYS[1])
return 1
