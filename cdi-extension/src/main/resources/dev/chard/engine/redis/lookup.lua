-- The record of one task id, or where it waits when it has none yet.
-- KEYS: 1 its result key, 2 queues
-- ARGV: 1 id, 2 key prefix
-- Returns {'record', json}, or {'queued', queue, body} for a task queued, delayed or in flight without a record (it
-- reads PENDING), or {} when there is neither (UNKNOWN). The msgs hashes are built from the queue names: this is the
-- one script that touches more than one queue.
local json = redis.call('GET', KEYS[1])
if json then
  return {'record', json}
end
for _, q in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local body = redis.call('HGET', ARGV[2] .. ':{' .. q .. '}:msgs', ARGV[1])
  if body then
    return {'queued', q, body}
  end
end
return {}
