-- KEYS: 1 result
-- ARGV: 1 json, 2 ttl s, 3 channel, 4 state, 5 allowed before, 6 publish ('1' or '0')
return store_result(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6])
