-- Where a task id waits, and its record when the result backend is this database.
-- KEYS: 1 queues, 2 (only when the backend is this database) its result key
-- ARGV: 1 id, 2 key prefix
-- Returns {'record', json}, or {'queued', queue, body} for a task queued, delayed or in flight without a record (it
-- reads PENDING), or {} when there is neither (UNKNOWN). With the backend elsewhere the caller reads the record there
-- first and asks here only for an id without one. The msgs hashes are built from the queue names: this is the one
-- script that touches more than one queue.
if KEYS[2] then
  local json = redis.call('GET', KEYS[2])
  if json then
    return {'record', json}
  end
end
for _, q in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local body = redis.call('HGET', ARGV[2] .. ':{' .. q .. '}:msgs', ARGV[1])
  if body then
    return {'queued', q, body}
  end
end
return {}
