-- Shared by every Chard script (prepended by LuaScript). Time comes from the Redis server, never a client clock.
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- Lua numbers are doubles; tostring() would print 9.0e+13 and lose digits, so scores are formatted explicitly.
local function int(n)
  return string.format('%.0f', n)
end

-- Ready-queue score: higher priority first (0..9, 9 highest), then FIFO by the given millisecond time.
local function ready_score(prio, at)
  return int((9 - prio) * 10000000000000 + at)
end

-- The ready score for a task joining `ready_key` now: FIFO among equals. Equal scores sort by id (random), so a
-- task that would tie with, or land before, the newest ready task of its priority goes one millisecond after it.
local function fifo_ready_score(ready_key, prio, at, id)
  local score = ready_score(prio, at)
  local newest = redis.call('ZREVRANGEBYSCORE', ready_key, ready_score(prio, 9999999999999), score, 'WITHSCORES', 'LIMIT', 0, 1)
  if #newest > 0 and newest[1] ~= id then
    score = int(tonumber(newest[2]) + 1)
  end
  return score
end

-- The priority a stored message body names (0..9), 4 when it names none: read only when a delayed task becomes ready,
-- the one moment its ready score must be computed without the sender.
local function priority_of(body)
  local ok, m = pcall(cjson.decode, body)
  if ok and type(m) == 'table' and type(m.priority) == 'number' and m.priority >= 0 and m.priority <= 9 then
    return math.floor(m.priority)
  end
  return 4
end

-- Wake-up tokens for idle workers, which BLPOP the list (one token wakes one), at most 64 waiting. LLEN first: when the
-- list is full (every worker busy, the usual case under load) a wake costs one read instead of LPUSH + LTRIM. The
-- tokens are all alike, so the list holds exactly what LPUSH + LTRIM 0 63 would leave in it.
local function wake(key, count)
  local n = math.min(count or 1, 64 - redis.call('LLEN', key))
  if n > 0 then
    local tokens = {}
    for i = 1, n do
      tokens[i] = '1'
    end
    redis.call('LPUSH', key, unpack(tokens))
  end
end

-- Puts a held task back in its ready set at the score it was taken with ({ids, entries}: an inflight hash's ids and
-- their "<deliveries>,<score>" entries), keeping its delivery count minus `uncount` for the next fetch. An id whose
-- message is gone (acked by a worker declared dead too early) is dropped. Returns how many went back.
local function put_back(msgs, ready, deliveries, ids, entries, uncount)
  if #ids == 0 then
    return 0
  end
  local exists = redis.call('HMGET', msgs, unpack(ids))
  local adds, counts = {}, {}
  for j, id in ipairs(ids) do
    local entry = entries[j]
    if exists[j] and entry then
      local comma = string.find(entry, ',', 1, true)
      local n = tonumber(string.sub(entry, 1, comma - 1)) - uncount
      adds[#adds + 1] = string.sub(entry, comma + 1)
      adds[#adds + 1] = id
      if n > 0 then
        counts[#counts + 1] = id
        counts[#counts + 1] = n
      end
    end
  end
  if #adds > 0 then
    redis.call('ZADD', ready, unpack(adds))
  end
  if #counts > 0 then
    redis.call('HSET', deliveries, unpack(counts))
  end
  return #adds / 2
end

-- The standard states, as one string rather than a table: the prelude runs on every script call, and a table
-- constructor there is an allocation per call for a lookup that only a re-send or a result write makes.
local STANDARD_STATES = ',PENDING,RECEIVED,STARTED,RETRY,SUCCESS,FAILURE,REVOKED,'

-- Writes a result record unless the stored state may not move to the new one (TaskState's transition table,
-- passed in as a comma-separated list of the states allowed before `state`). Publishes ready records.
local function store_result(key, json, ttl, channel, state, allowed_before, publish)
  local old = redis.call('GET', key)
  if old then
    local ok, decoded = pcall(cjson.decode, old)
    if ok and type(decoded) == 'table' and decoded.state then
      local before = decoded.state
      if type(before) ~= 'string' or not string.find(STANDARD_STATES, ',' .. before .. ',', 1, true) then
        before = 'STARTED' -- a custom state (PROGRESS...) is a running state
      end
      if not string.find(',' .. allowed_before .. ',', ',' .. before .. ',', 1, true) then
        return 0
      end
    end
  end
  redis.call('SET', key, json, 'EX', ttl)
  if publish == '1' then
    redis.call('PUBLISH', channel, json)
  end
  return 1
end
