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

local function wake(key)
  redis.call('LPUSH', key, '1')
  redis.call('LTRIM', key, 0, 63)
end

local STANDARD_STATES = {PENDING = true, RECEIVED = true, STARTED = true, RETRY = true, SUCCESS = true,
  FAILURE = true, REVOKED = true}

-- Writes a result record unless the stored state may not move to the new one (TaskState's transition table,
-- passed in as a comma-separated list of the states allowed before `state`). Publishes ready records.
local function store_result(key, json, ttl, channel, state, allowed_before, publish)
  local old = redis.call('GET', key)
  if old then
    local ok, decoded = pcall(cjson.decode, old)
    if ok and type(decoded) == 'table' and decoded.state then
      local before = decoded.state
      if not STANDARD_STATES[before] then
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
